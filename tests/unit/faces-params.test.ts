import {describe, expect, it} from "vitest";
import {DEFAULTS, MOVE_PARAMS, RANGES, normalizeFacesParams} from "../../components/faces/params.ts";
import {mergeSearch, searchFor} from "../../components/url-state.ts";

const HOSTILE = "<img src=x onerror=alert(1)>";
const q = (params: Record<string, string>) => `?${new URLSearchParams(params)}`;

describe("normalizeFacesParams", () => {
  it("gives the defaults and no notes for an empty query", () => {
    expect(normalizeFacesParams("")).toEqual({settings: DEFAULTS, notes: []});
  });

  it("reads every parameter the page writes", () => {
    const {settings, notes} = normalizeFacesParams(
      q({size: "16", steps: "12", epochs: "2", batch: "64", lr: "0.002", latent: "8", kl: "0.01", alpha: "0.5", bins: "20",
        debias: "off", combine: "product", seed: "42", test: "80", face: "3", z1: "-1.5", z5: "2"})
    );
    expect(notes).toEqual([]);
    expect(settings).toEqual({
      ...DEFAULTS, size: 16, steps: 12, epochs: 2, batchSize: 64, learningRate: 0.002, latentDim: 8, klWeight: 0.01, alpha: 0.5,
      bins: 20, debias: false, combine: "product", seed: 42, testImages: 80, latentFace: 3, latentMoves: [-1.5, 0, 0, 0, 2]
    });
  });

  it("combine= takes max or product and refuses anything else with a note, keeping the default", () => {
    expect(normalizeFacesParams("?combine=max").settings.combine).toBe("max");
    expect(normalizeFacesParams("?combine=product").settings.combine).toBe("product");
    for (const bad of ["sum", "MAX", "", "NaN", "1e309", HOSTILE]) {
      const {settings, notes} = normalizeFacesParams(q({combine: bad}));
      expect(settings.combine).toBe(DEFAULTS.combine);
      expect(notes).toHaveLength(1);
      expect(notes[0]).toMatch(/^combine=".*" is not max or product; using max\.$/);
    }
  });

  it("quotes a hostile value as text, cut to a readable length", () => {
    const {settings, notes} = normalizeFacesParams(q({size: HOSTILE, debias: HOSTILE, combine: "x".repeat(10_000)}));
    expect(settings.size).toBe(DEFAULTS.size);
    expect(settings.debias).toBe(DEFAULTS.debias);
    expect(notes[0]).toBe(`size=${JSON.stringify(HOSTILE)} is not a size here (expected 16, 32, 64); using 32.`);
    expect(notes[1]).toBe(`debias=${JSON.stringify(HOSTILE)} is not on or off; debiasing stays on.`);
    expect(notes[2]).toBe(`combine="${"x".repeat(40)}…" is not max or product; using max.`);
    for (const note of notes) expect(note.length).toBeLessThan(120);
  });

  it("refuses NaN, 1e309, empty and non-numeric values of every numeric parameter, naming each", () => {
    for (const name of ["steps", "epochs", "batch", "lr", "latent", "kl", "alpha", "bins", "seed", "test", "face", ...MOVE_PARAMS]) {
      for (const bad of ["NaN", "1e309", "-1e309", "", "abc", HOSTILE]) {
        const {settings, notes} = normalizeFacesParams(q({[name]: bad}));
        expect(settings, `${name}=${bad}`).toEqual(DEFAULTS);
        expect(notes, `${name}=${bad}`).toHaveLength(1);
        expect(notes[0].startsWith(`${name}=${JSON.stringify(bad)} is not a number; using `), notes[0]).toBe(true);
      }
    }
  });

  it("clamps out-of-range numbers to the slider's range and snaps them to its step, with a note", () => {
    const {settings, notes} = normalizeFacesParams(q({steps: "5000", alpha: "-3", bins: "7.4", batch: "13", seed: "99999", z2: "9", face: "-2"}));
    expect(settings.steps).toBe(RANGES.steps.max);
    expect(settings.alpha).toBe(RANGES.alpha.min);
    expect(settings.bins).toBe(7);
    expect(settings.batchSize).toBe(16);
    expect(settings.seed).toBe(RANGES.seed.max);
    expect(settings.latentMoves).toEqual([0, 3, 0, 0, 0]);
    expect(settings.latentFace).toBe(0);
    expect(notes).toEqual([
      `steps="5000" is outside 1–300 in steps of 1; using 300.`,
      `batch="13" is outside 8–128 in steps of 8; using 16.`,
      `alpha="-3" is outside 0.0001–1; using 0.0001.`,
      `bins="7.4" is outside 2–50 in steps of 1; using 7.`,
      `seed="99999" is outside 0–9999 in steps of 1; using 9999.`,
      `face="-2" is outside 0–7 in steps of 1; using 0.`,
      `z2="9" is outside -3–3 in steps of 0.1; using 3.`
    ]);
  });
});

describe("the Faces address (url-state with normalizeFacesParams)", () => {
  it("writes only the values that differ from the defaults, and reads them back", () => {
    const values = {steps: 12, epochs: DEFAULTS.epochs, lr: 0.002, alpha: 0.316, bins: 20, combine: "product", debias: "off", face: "3", z1: -1.5, z2: 0};
    const search = searchFor(values, normalizeFacesParams);
    expect(search.toString()).toBe("steps=12&lr=0.002&alpha=0.316&bins=20&combine=product&debias=off&face=3&z1=-1.5");
    const {settings, notes} = normalizeFacesParams(`?${search}`);
    expect(notes).toEqual([]);
    expect(settings).toMatchObject({steps: 12, learningRate: 0.002, alpha: 0.316, bins: 20, combine: "product", debias: false, latentFace: 3, latentMoves: [-1.5, 0, 0, 0, 0]});
  });

  it("keeps parameters the controls do not own (size, test, backend) and drops a control's stale value", () => {
    const next = searchFor({alpha: 0.5, bins: DEFAULTS.bins}, normalizeFacesParams);
    expect(mergeSearch("?size=16&test=40&backend=cpu&bins=20", ["alpha", "bins"], next)).toBe("?size=16&test=40&backend=cpu&alpha=0.5");
  });
});
