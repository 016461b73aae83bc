// @vitest-environment jsdom
import {readFileSync} from "node:fs";
import {describe, expect, it} from "vitest";
import type {TrainingCard} from "../../components/checkpoint.ts";
import {createSeedStudyFigure} from "../../components/faces/figures/study.ts";
import type {StudyRun} from "../../components/faces/study.ts";
import {labTarget, mergeRuns, oracleRows, parseStudy, recipeSummary, runKey, studyRunFromCard, studyRows} from "../../components/faces/study.ts";

/** A pretraining card as scripts/pretrain-faces.ts writes it, with only the fields a study reads. */
function card(model: string, seed: number, config: Record<string, unknown>, metrics: Record<string, number>): TrainingCard {
  return {
    model, seed, config: {epochs: 10, stepsPerEpoch: 30, ...config}, metrics,
    dataset: {name: "synthetic-faces", sha256: "seed 6191", train: 3000, test: 1400}, history: {steps: [], epochs: []}, backend: "webgl", createdAt: "", tfjs: ""
  } as TrainingCard;
}

const cnn = (seed: number, gap: number, found: number, steps = 300): StudyRun => ({model: "faces-cnn", seed, steps, gap, facesFound: found});
const vae = (seed: number, gap: number, found: number, debias: boolean, steps = 300, latentDim = 32): StudyRun => ({
  model: "faces-dbvae", seed, steps, latentDim, debias, gap, facesFound: found,
  ...(debias ? {darkerWeightTraining: 1.5, darkerWeightFinal: 1.2} : {})
});

describe("seed study: runs from their cards", () => {
  it("keeps the recipe and the measured gap of a CNN and of a DB-VAE, rounded to 4 decimals", () => {
    expect(studyRunFromCard(card("faces-cnn", 2, {epochs: 30}, {acc_faces: 0.901, gap_light_dark: 0.18199999999999994}))).toEqual({
      model: "faces-cnn", seed: 2, steps: 900, facesFound: 0.901, gap: 0.182
    });
    const metrics = {acc_faces: 0.937, gap_light_dark: 0.098, sampler_weight_darker_training: 2.3712, sampler_weight_darker: 1.91234};
    expect(studyRunFromCard(card("faces-dbvae", 2, {latentDim: 32, debias: true}, metrics))).toEqual({
      model: "faces-dbvae", seed: 2, steps: 300, latentDim: 32, debias: true, facesFound: 0.937, gap: 0.098, darkerWeightTraining: 2.3712, darkerWeightFinal: 1.9123
    });
    // With the sampler off, the weights it would have had are not part of the experiment.
    const off = studyRunFromCard(card("faces-dbvae", 2, {latentDim: 8, debias: false}, metrics));
    expect(off).toMatchObject({debias: false, latentDim: 8});
    expect(off).not.toHaveProperty("darkerWeightTraining");
  });

  it("keeps an oracle run's lean as part of its experiment, apart from the standard CNN of its seed", () => {
    const run = studyRunFromCard(card("faces-cnn", 1, {oracleDarker: 24}, {acc_faces: 0.95, gap_light_dark: 0.04}));
    expect(run).toEqual({model: "faces-cnn", seed: 1, steps: 300, oracleDarker: 24, facesFound: 0.95, gap: 0.04});
    expect(mergeRuns([cnn(1, 0.1, 0.9)], [run]).map(runKey)).toEqual(["faces-cnn/1/300///", "faces-cnn/1/300///24"]);
    expect(() => parseStudy(JSON.stringify({runs: [{...vae(1, 0.1, 0.9, true), oracleDarker: 2}]}), "s.json")).toThrow("s.json: run 1 has an oracleDarker that is not a standard CNN's number > 0");
  });

  it("refuses, by name, a card of another model or one that lacks a number", () => {
    expect(() => studyRunFromCard(card("faces-control", 1, {}, {acc_faces: 1, gap_light_dark: 0}), "c.json")).toThrow(/c\.json: a seed study holds faces-cnn and faces-dbvae runs, not "faces-control"/);
    expect(() => studyRunFromCard(card("faces-cnn", 1, {}, {acc_faces: 0.9}), "c.json")).toThrow("c.json: the card has no number metrics.gap_light_dark");
    expect(() => studyRunFromCard(card("faces-dbvae", 1, {latentDim: 32}, {acc_faces: 0.9, gap_light_dark: 0.1}), "v.json")).toThrow("metrics.sampler_weight_darker_training");
  });

  it("merges a newer run of the same experiment over the older one, and sorts by recipe, seed and model", () => {
    const merged = mergeRuns([cnn(2, 0.2, 0.9), vae(1, 0.1, 0.9, true), cnn(1, 0.1, 0.9, 900)], [vae(1, 0.05, 0.95, true), vae(1, 0.12, 0.94, false)]);
    expect(merged.map(runKey)).toEqual([
      "faces-dbvae/1/300/32/true/", "faces-dbvae/1/300/32/false/", "faces-cnn/2/300///", "faces-cnn/1/900///"
    ]);
    expect(merged[0].gap).toBe(0.05);
  });

  it("names what is wrong with a broken study file", () => {
    expect(() => parseStudy("{", "s.json")).toThrow(/^s\.json is not JSON/);
    expect(() => parseStudy("[]", "s.json")).toThrow('s.json has no "runs" list');
    expect(() => parseStudy(JSON.stringify({runs: [{model: "faces-vgg"}]}), "s.json")).toThrow('s.json: run 1 has model "faces-vgg"');
    expect(() => parseStudy(JSON.stringify({runs: [cnn(1, 0.1, 0.9), {...cnn(2, 0.1, 0.9), gap: "big"}]}), "s.json")).toThrow('s.json: run 2 has no number "gap"');
    expect(() => parseStudy(JSON.stringify({runs: [{...vae(1, 0.1, 0.9, true), debias: undefined}]}), "s.json")).toThrow("without latentDim and debias");
  });
});

describe("seed study: the target, seed by seed", () => {
  it("asks for at most half the CNN's gap and at most 1 point fewer faces found", () => {
    expect(labTarget({gap: 0.178, facesFound: 0.831}, {gap: 0.089, facesFound: 0.821})).toEqual({gapHalved: true, overallWithin1Point: true, met: true});
    expect(labTarget({gap: 0.178, facesFound: 0.831}, {gap: 0.09, facesFound: 0.95}).met).toBe(false);
    expect(labTarget({gap: 0.178, facesFound: 0.96}, {gap: 0.05, facesFound: 0.949})).toEqual({gapHalved: true, overallWithin1Point: false, met: false});
    // A gap reversed past the CNN's is no better than the CNN's.
    expect(labTarget({gap: 0.1, facesFound: 0.9}, {gap: -0.2, facesFound: 0.9}).gapHalved).toBe(false);
  });

  it("sets each DB-VAE pair beside the CNN of its seed and steps, whatever its latent size", () => {
    const rows = studyRows({
      runs: [cnn(1, 0.2, 0.9), cnn(2, 0.2, 0.9), vae(1, 0.08, 0.92, true), vae(1, 0.2, 0.9, false), vae(1, 0.15, 0.9, true, 300, 8), vae(2, 0.15, 0.9, true), vae(3, 0.1, 0.9, true)]
    });
    expect(rows.map((r) => [r.steps, r.latentDim, r.seed, r.met])).toEqual([
      [300, 32, 1, true], [300, 32, 2, false], [300, 32, 3, null], [300, 8, 1, false]
    ]);
    expect(rows[0].off?.gap).toBe(0.2);
    expect(rows[3].cnn).toBe(rows[0].cnn);
    expect(recipeSummary(rows)).toEqual([{steps: 300, latentDim: 32, seeds: 2, met: 1}, {steps: 300, latentDim: 8, seeds: 1, met: 0}]);
  });

  it("sets each oracle run beside the standard CNN (not another oracle run) of its seed and steps", () => {
    const oracle = (seed: number, x: number, gap: number): StudyRun => ({...cnn(seed, gap, 0.95), oracleDarker: x});
    const study = {runs: [oracle(1, 24, 0.04), cnn(1, 0.1, 0.94), oracle(1, 2.5, 0.08), oracle(2, 24, 0.1), vae(1, 0.09, 0.95, true)]};
    const rows = oracleRows(study);
    expect(rows.map((r) => [r.seed, r.cnn?.gap ?? null, [...r.oracles].map(([x, {run, met}]) => [x, run.gap, met])])).toEqual([
      [1, 0.1, [[24, 0.04, true], [2.5, 0.08, false]]],
      [2, null, [[24, 0.1, null]]]
    ]);
    // The plain CNN, not an oracle run, stands beside the DB-VAE.
    expect(studyRows(study)[0].cnn?.gap).toBe(0.1);
    const root = createSeedStudyFigure(study, null);
    const oracleCells = [...root.querySelectorAll("tr[data-oracle-seed]")].map((tr) => [...tr.querySelectorAll("td")].map((td) => td.textContent));
    expect(oracleCells).toEqual([["1", "10.0 (94.0 %)", "8.0 (95.0 %)", "4.0 (95.0 %)"], ["2", "—", "—", "10.0 (95.0 %)"]]);
    expect(root.querySelector("[data-alt]")?.textContent).toContain(
      "300 steps, darker faces drawn 2.5 times as often by their true skin tone: the standard CNN meets the same target at 0 of 1 seed. 300 steps, darker faces drawn 24 times as often by their true skin tone: the standard CNN meets the same target at 1 of 1 seed."
    );
  });

  it("draws one row per seed, marks the shipped one, and says per recipe how many seeds meet the target", () => {
    const study = {runs: [cnn(1, 0.2, 0.9), cnn(6191, 0.178, 0.831), vae(1, 0.21, 0.9, true), vae(6191, 0.058, 0.963, true), vae(6191, 0.27, 0.817, false)]};
    const root = createSeedStudyFigure(study, {seed: 6191, steps: 300, latentDim: 32});
    const cells = [...root.querySelectorAll("tbody tr")].map((tr) => [...tr.querySelectorAll("th, td")].map((td) => td.textContent));
    expect(cells).toEqual([
      ["300 steps, 32 latent dimensions"],
      ["1", "20.0 (90.0 %)", "21.0 (90.0 %)", "—", "1.50, 1.20", "missed"],
      ["6191 (shipped)", "17.8 (83.1 %)", "5.8 (96.3 %)", "27.0 (81.7 %)", "1.50, 1.20", "met"]
    ]);
    expect(root.querySelector("[data-alt]")?.textContent).toBe("300 steps, 32 latent dimensions: the target is met at 1 of 2 seeds.");
  });
});

describe("seed study: the committed file", () => {
  const study = parseStudy(readFileSync("data/faces-seed-study.json", "utf8"), "data/faces-seed-study.json");

  it("holds the committed CNN and DB-VAE runs as their cards record them", () => {
    for (const name of ["faces-cnn", "faces-dbvae"]) {
      const {card} = JSON.parse(readFileSync(`data/checkpoints/${name}.json`, "utf8")) as {card: TrainingCard};
      const run = studyRunFromCard(card, name);
      expect(study.runs.find((r) => runKey(r) === runKey(run)), name).toEqual(run);
    }
  });

  it("has a standard CNN beside every DB-VAE seed, and at least three seeds of the shipped recipe", () => {
    const rows = studyRows(study);
    expect(rows.filter((r) => r.cnn === null)).toEqual([]);
    const {card} = JSON.parse(readFileSync("data/checkpoints/faces-dbvae.json", "utf8")) as {card: TrainingCard};
    const steps = Number(card.config.epochs) * Number(card.config.stepsPerEpoch);
    const shipped = rows.filter((r) => r.steps === steps && r.latentDim === Number(card.config.latentDim));
    expect(new Set(shipped.map((r) => r.seed)).size).toBeGreaterThanOrEqual(3);
  });
});
