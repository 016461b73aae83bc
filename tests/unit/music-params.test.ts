import {describe, expect, it} from "vitest";
import {MUSIC_DEFAULTS, MUSIC_URL_CONTROLS, normalizeMusicParams} from "../../components/music/params.ts";
import {searchFor} from "../../components/url-state.ts";

describe("normalizeMusicParams", () => {
  it("reads every setting from its parameter", () => {
    const {settings, notes} = normalizeMusicParams(
      "?start=X%3A1%0AT%3A&length=300&t=0.35&seed=42&seq=50&batch=8&lr=0.003&units=64&epochs=3&gtune=12&gchars=40&gat=7"
    );
    expect(notes).toEqual([]);
    expect(settings).toEqual({
      start: "X:1\nT:", length: 300, temperature: 0.35, seed: 42, sequenceLength: 50, batchSize: 8, learningRate: 0.003,
      units: 64, epochs: 3, gateTune: 12, gateLength: 40, gatePosition: 7
    });
  });

  it("clamps out-of-range numbers to the slider's range and grid, saying so", () => {
    const {settings, notes} = normalizeMusicParams("?t=9&batch=7&gchars=5000&units=-1");
    expect([settings.temperature, settings.batchSize, settings.gateLength, settings.units]).toEqual([2, 8, 200, 32]);
    expect(notes).toEqual([
      't="9" is outside 0–2 in steps of 0.05; using 2.',
      'batch="7" is outside 4–64 in steps of 4; using 8.',
      'units="-1" is outside 32–256 in steps of 32; using 32.',
      'gchars="5000" is outside 20–200 in steps of 10; using 200.'
    ]);
  });

  it("ignores malformed and hostile values, quoting them cut short, and keeps the defaults", () => {
    const script = "<img src=x onerror=alert(1)>";
    const {settings, notes} = normalizeMusicParams(
      `?t=${encodeURIComponent(script)}&seed=1e309&lr=NaN&length=&start=${"a".repeat(300)}`
    );
    expect(settings).toEqual(MUSIC_DEFAULTS);
    expect(notes).toEqual([
      `start="${"a".repeat(40)}…" must be 1–200 characters; using "X:".`,
      'length="" is not a number; using 600.',
      't="<img src=x onerror=alert(1)>" is not a number; using 1.',
      'seed="1e309" is not a number; using 6191.',
      'lr="NaN" is not a number; using 0.01.'
    ]);
  });

  it("refuses a start string with control characters other than line breaks", () => {
    const {settings, notes} = normalizeMusicParams(`?start=${encodeURIComponent("X:\u0000\t1")}`);
    expect(settings.start).toBe("X:");
    expect(notes).toEqual(['start="X:\\u0000\\t1" holds control characters; using "X:".']);
  });
});

describe("the Music permalink", () => {
  it("names a control for every parameter the normalize step reads", () => {
    expect(Object.keys(MUSIC_URL_CONTROLS).sort()).toEqual(
      ["batch", "epochs", "gat", "gchars", "gtune", "length", "lr", "seed", "seq", "start", "t", "units"]
    );
  });

  it("writes only values that differ from the defaults and that the normalize step accepts as given", () => {
    const values = {t: 0.5, seed: 6191, start: "X:1\nT:", batch: 7, gchars: 40, lr: 0.01};
    expect(searchFor(values, normalizeMusicParams).toString()).toBe("t=0.5&start=X%3A1%0AT%3A&gchars=40");
  });
});
