// @vitest-environment jsdom
// The temperature sweep: which tunes it counts (whole ones, parsed by abcjs), that it is
// reproducible for a seed on a real (tiny, untrained) model, that it stops when told, and
// the figure drawn from fixed points (SVG snapshot).
import {afterEach, beforeAll, beforeEach, describe, expect, it} from "vitest";
import {prepareCorpus} from "../../components/music/dataset.ts";
import {createSweepFigure} from "../../components/music/figures/sweep.ts";
import type {SweepPoint} from "../../components/music/figures/sweep.ts";
import {generateBatch} from "../../components/music/generate.ts";
import {createMusicModel} from "../../components/music/model.ts";
import type {MusicModelEntry} from "../../components/music/slot.ts";
import {runSweep} from "../../components/music/sweep.ts";
import {statsOf} from "../../loaders/abc-stats.ts";
import {tf} from "../../components/tf.ts";

const TOY = ["X:1\nK:D\nabcabc|", "X:2\nK:D\ncbacba|"];
const CLEAN = "1\nT:Clean\nM:4/4\nL:1/8\nK:D\nabcd efga|bagf edcB|\n\n";
const BROKEN = "2\nT:Broken\nK:D\nA2 B2 |] ]] [[c\n\n";
let entry: MusicModelEntry;
let tensorsBefore = 0;

beforeAll(async () => {
  await tf.setBackend("cpu");
  const corpus = prepareCorpus(TOY, {seed: 1});
  const model = createMusicModel({vocabulary: corpus.vocabulary.chars.length, embedding: 4, units: 8, seed: 3});
  entry = {model, vocabulary: corpus.vocabulary, label: "a tiny untrained model", version: 1};
});
beforeEach(() => {
  tensorsBefore = tf.memory().numTensors;
});
afterEach(() => {
  expect(tf.memory().numTensors, "tensors leaked by the sweep").toBe(tensorsBefore);
});

describe("runSweep", () => {
  it("counts the whole tunes each temperature's samples hold and how many abcjs parses cleanly", async () => {
    const asked: Array<{temperature: number; rows: number; length: number; start: string}> = [];
    // A scripted sampler: cool samples are clean tunes, hot ones broken; every row ends mid-tune.
    const sample: typeof generateBatch = async (_model, _vocabulary, {temperature, rows, length, start}) => {
      asked.push({temperature, rows, length, start});
      const text = temperature <= 1 ? `${CLEAN}X:${CLEAN}X:3\nK:D\nab` : `${BROKEN}X:${CLEAN}X:4\nK:`;
      return Array.from({length: rows}, () => text);
    };
    const points = await runSweep(entry, {temperatures: [0.5, 1.5], rows: 3, length: 120, seed: 1, sample});
    expect(asked).toEqual([{temperature: 0.5, rows: 3, length: 120, start: "X:"}, {temperature: 1.5, rows: 3, length: 120, start: "X:"}]);
    // Per row: T = 0.5, two clean tunes (the third is cut off, not counted); T = 1.5, one broken and one clean.
    expect(points).toEqual([{temperature: 0.5, tunes: 6, clean: 6}, {temperature: 1.5, tunes: 6, clean: 3}]);
  });

  it("measures how far the written tunes' pitch classes and note lengths are from the corpus's", async () => {
    // The "corpus": eighth notes on D and A only. Cool samples copy it; hot ones play quarter-note Gs.
    const reference = statsOf(["X:1\nL:1/8\nK:D\nDADA DADA|"]);
    const sample: typeof generateBatch = async (_model, _vocabulary, {temperature, rows}) =>
      Array.from({length: rows}, () => (temperature < 1 ? "1\nL:1/8\nK:D\nADAD|\n\n" : "1\nL:1/8\nK:D\nG2 G2 D A|\n\n"));
    const points = await runSweep(entry, {temperatures: [0.5, 1.5], rows: 2, length: 50, seed: 1, sample, reference});
    expect(points[0]).toEqual({temperature: 0.5, tunes: 2, clean: 2, pitchDistance: 0, lengthDistance: 0});
    // Hot: half the notes are G (the corpus has none), half the lengths are quarters.
    expect(points[1].pitchDistance).toBeCloseTo(0.5, 12);
    expect(points[1].lengthDistance).toBeCloseTo(0.5, 12);
  });

  it("gives the same points for the same seed on a real model, point by point as it goes", async () => {
    const seen: number[] = [];
    const options = {temperatures: [0, 1, 2], rows: 2, length: 30, seed: 7};
    const first = await runSweep(entry, {...options, onPoint: (points) => void seen.push(points.length)});
    expect(seen).toEqual([1, 2, 3]);
    expect(first.map((p) => p.temperature)).toEqual([0, 1, 2]);
    for (const p of first) expect(p.clean).toBeLessThanOrEqual(p.tunes);
    expect(await runSweep(entry, options)).toEqual(first);
  });

  it("writes the same samples the batch sampler writes for that seed, at each temperature", async () => {
    const texts: string[][] = [];
    const recording: typeof generateBatch = async (...args) => {
      const out = await generateBatch(...args);
      texts.push(out);
      return out;
    };
    await runSweep(entry, {temperatures: [0, 2], rows: 2, length: 30, seed: 7, sample: recording});
    expect(texts[0]).toEqual(await generateBatch(entry.model, entry.vocabulary, {start: "X:", length: 30, temperature: 0, seed: 7, rows: 2}));
    // At T = 0 the sampler takes the likeliest character: every row writes the same text.
    expect(texts[0][0]).toBe(texts[0][1]);
    // At T = 2 the rows' own seeded generators draw different texts.
    expect(texts[1][0]).not.toBe(texts[1][1]);
  });

  it("stops after the point for which onPoint returns false", async () => {
    const points = await runSweep(entry, {temperatures: [0.5, 1, 1.5], rows: 1, length: 10, seed: 2, onPoint: () => false});
    expect(points.map((p) => p.temperature)).toEqual([0.5]);
  });
});

describe("createSweepFigure", () => {
  const points: SweepPoint[] = [
    {temperature: 0.2, tunes: 4, clean: 4},
    {temperature: 1, tunes: 10, clean: 9},
    {temperature: 2, tunes: 0, clean: 0}
  ];

  it("adds the distances from the corpus to the text and draws them as two more lines", () => {
    const figure = createSweepFigure();
    figure.update([{temperature: 0.5, tunes: 2, clean: 2, pitchDistance: 0.12, lengthDistance: 0.05}, {temperature: 2, tunes: 0, clean: 0, pitchDistance: NaN, lengthDistance: NaN}]);
    expect(figure.root.querySelector("[data-alt]")?.textContent).toBe(
      "T = 0.5: 2 of 2 tunes clean (100 %), distance from the corpus 0.12 in pitch classes and 0.05 in note lengths; " +
        "T = 2: no whole tune, distance from the corpus – in pitch classes and – in note lengths."
    );
    expect([...figure.root.querySelectorAll("path[stroke-dasharray]")].map((p) => p.getAttribute("d"))).toEqual(["M185,164.8Z", "M185,176Z"]); // x(0.5) = 48 + 548 / 4; y(d) = 184 − 160·d
    expect([...figure.root.querySelectorAll("svg g text")].map((t) => t.textContent)).toContain("pitch classes vs corpus");
  });

  it("says every point in its text alternative, and draws only temperatures with tunes (SVG snapshot)", () => {
    const figure = createSweepFigure();
    figure.update(points, "Computed from the live model in this page.");
    expect(figure.root.querySelector("[data-alt]")?.textContent).toBe(
      "T = 0.2: 4 of 4 tunes clean (100 %); T = 1: 9 of 10 tunes clean (90 %); T = 2: no whole tune. Computed from the live model in this page."
    );
    expect([...figure.root.querySelectorAll("svg text")].map((t) => t.textContent).filter((t) => /\//.test(t ?? ""))).toEqual(["4/4", "9/10"]);
    expect(figure.root.outerHTML).toMatchSnapshot();
  });

  it("says it has not run before the first point", () => {
    expect(createSweepFigure().root.querySelector("[data-alt]")?.textContent).toBe("Not run yet.");
  });
});
