import {afterEach, beforeAll, beforeEach, describe, expect, it} from "vitest";
import {loadCheckpoint, saveCheckpoint} from "../../components/checkpoint.ts";
import type {AttributeTable, FaceGroup, FacesManifest} from "../../components/faces/data.ts";
import {facesFrom} from "../../components/faces/data.ts";
import {gapThreshold} from "../../components/faces/figures/groups.ts";
import {createClassifier, createDbVae, disposeDbVae, packDbVae, unpackDbVae} from "../../components/faces/models.ts";
import {accuracyFromMetrics, accuracyMetrics, rareWeightRatios, testGroups, trainFaceRows, trainingRows} from "../../components/faces/runs.ts";
import {tf} from "../../components/tf.ts";

const CARD = {dataset: {name: "tiny", sha256: "seed 1", train: 1, test: 1}, seed: 1, config: {}, metrics: {}, history: {steps: [], epochs: []}};

/** A tiny split of 2 × 2 images: `groups[k]` null for a non-face; hats on the faces listed. */
function tinyFaces(train: (FaceGroup | null)[], test: (FaceGroup | null)[], hats: number[] = []) {
  const table = (groups: (FaceGroup | null)[], withHats: boolean): AttributeTable["train"] => ({
    label: groups.map((g) => (g ? 1 : 0)),
    group: groups,
    skinTone: groups.map((g) => (g ? (g[0] === "L" ? 2 : 5) : null)),
    presentation: groups.map((g) => (g ? (g[1] as "F" | "M") : null)),
    hat: groups.map((g, k) => (g ? withHats && hats.includes(k) : null)),
    glasses: groups.map((g) => (g ? false : null))
  });
  const info = (n: number) => ({count: n, faces: 0, nonFaces: 0, columns: 1, width: 2, height: 2 * n});
  const manifest: FacesManifest = {dataset: "tiny", synthetic: true, description: "", seed: 1, sha256: null, size: 2, train: info(train.length), test: info(test.length)};
  return facesFrom(manifest, {train: new Uint8Array(train.length * 12), test: new Uint8Array(test.length * 12)}, {train: table(train, true), test: table(test, false)});
}

describe("runs: what each run trains and is measured on", () => {
  it("the control keeps every non-face and as many faces of each group as the rarest has (seeded)", () => {
    const faces = tinyFaces(["LF", "LF", "LF", "LM", "LM", "DF", "DM", null, null], ["LF"]);
    expect(Array.from(trainingRows(faces, "cnn", 1))).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8]);
    const control = Array.from(trainingRows(faces, "control", 1));
    expect(control.filter((k) => k <= 2)).toHaveLength(1);
    expect(control.filter((k) => k === 3 || k === 4)).toHaveLength(1);
    expect(control.filter((k) => k >= 5)).toEqual([5, 6, 7, 8]);
    expect(Array.from(trainingRows(faces, "control", 1))).toEqual(control);
  });

  it("numbers the training faces in row order and the test images with their groups", () => {
    const faces = tinyFaces([null, "LF", null, "DM"], ["DF", null, "LM"]);
    expect(Array.from(trainFaceRows(faces))).toEqual([1, 3]);
    expect(testGroups(faces, 2)).toEqual({rows: Int32Array.from([0, 1]), groups: ["DF", null]});
  });

  it("rareWeightRatios: mean weight of darker-skinned (and hatted) faces over the others", () => {
    const faces = tinyFaces(["LF", "LM", "DF", "DM"], ["LF"], [0]);
    const rows = trainFaceRows(faces);
    expect(rareWeightRatios([0.25, 0.25, 0.25, 0.25], faces, rows)).toEqual({darker: 1, hat: 1});
    const ratios = rareWeightRatios([0.1, 0.1, 0.4, 0.4], faces, rows);
    expect(ratios.darker).toBeCloseTo(4, 10);
    expect(ratios.hat).toBeCloseTo(0.1 / 0.3, 10);
  });

  it("a card's metrics give back the per-group accuracy, or null when one is missing", () => {
    const a = {LF: 1, LM: 0.99, DF: 0.97, DM: 0.95, overall: 0.9775, nonFaces: 0.98};
    const metrics = accuracyMetrics(a);
    expect(metrics.gap_light_dark).toBeCloseTo(0.035, 10);
    expect(accuracyFromMetrics(metrics)).toEqual(a);
    expect(accuracyFromMetrics(Object.fromEntries(Object.entries(metrics).filter(([key]) => key !== "acc_DM")))).toBeNull();
  });

  it("gapThreshold: two standard errors that shrink with more test faces and never reach 0", () => {
    const perfect = {LF: 1, LM: 1, DF: 1, DM: 1, overall: 1, nonFaces: 1};
    const middling = {LF: 0.9, LM: 0.9, DF: 0.9, DM: 0.9, overall: 0.9, nonFaces: 0.9};
    expect(gapThreshold(perfect, 100)).toBeGreaterThan(0);
    expect(gapThreshold(perfect, 100)).toBeLessThan(gapThreshold(middling, 100));
    expect(gapThreshold(middling, 400)).toBeCloseTo(gapThreshold(middling, 100) / 2, 2);
    expect(gapThreshold(middling, 100)).toBeCloseTo(2 * Math.sqrt(2 * ((181 / 202) * (21 / 202)) / 200), 10);
    expect(gapThreshold(middling, 0)).toBeNaN();
  });
});

describe("a DB-VAE in one checkpoint", () => {
  let before = 0;
  beforeAll(async () => {
    await tf.setBackend("cpu");
  });
  beforeEach(() => {
    before = tf.memory().numTensors;
  });
  afterEach(() => {
    expect(tf.memory().numTensors, "tensors leaked by the test").toBe(before);
  });

  it("packs the encoder and decoder into one model and unpacks them with the same weights", async () => {
    const vae = createDbVae({size: 16, filters: 4, seed: 3, latentDim: 5});
    const packed = packDbVae(vae);
    const text = await saveCheckpoint(packed, {model: "faces-dbvae", ...CARD});
    const loaded = await loadCheckpoint(text);
    const back = unpackDbVae(loaded.model);
    expect({size: back.size, latentDim: back.latentDim}).toEqual({size: 16, latentDim: 5});
    const x = tf.randomUniform([2, 16, 16, 3], 0, 1, "float32", 1);
    const z = tf.randomNormal([2, 5], 0, 1, "float32", 2);
    const same = (a: tf.Tensor, b: tf.Tensor) => tf.tidy(() => a.sub(b).abs().max().dataSync()[0]);
    const outs = [vae.encoder.predict(x), back.encoder.predict(x), vae.decoder.predict(z), back.decoder.predict(z)] as tf.Tensor[];
    expect(same(outs[0], outs[1])).toBe(0);
    expect(same(outs[2], outs[3])).toBe(0);
    tf.dispose([x, z, ...outs]);
    packed.dispose(); // it owns the parts of vae now
    disposeDbVae(back); // through the loaded model that owns both parts
  });

  it("refuses a classifier's checkpoint, naming what it holds", async () => {
    const model = createClassifier({size: 16, filters: 4, seed: 3});
    const loaded = await loadCheckpoint(await saveCheckpoint(model, {model: "faces-cnn", ...CARD}));
    expect(() => unpackDbVae(loaded.model)).toThrow(/must hold a Sequential "faces-dbvae-encoder", got none \(layers: conv1_input|must hold a Sequential "faces-dbvae-encoder", got none/);
    model.dispose();
    loaded.model.dispose();
  });
});
