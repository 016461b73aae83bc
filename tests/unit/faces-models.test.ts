import {afterEach, beforeAll, beforeEach, describe, expect, it} from "vitest";
import {tf} from "../../components/tf.ts";
import {
  classifierLogits, classifierStep, createClassifier, createDbVae, dbvaeLoss, dbvaeStep, decode, disposeDbVae,
  encode, klDivergence, latentMeans, reparameterize, sigmoidCrossEntropy
} from "../../components/faces/models.ts";

// Tiny inputs (16 × 16, 4 filters) keep the CPU backend in Node fast.
const SMALL = {size: 16, filters: 4, seed: 7};
let tensorsBefore = 0;

beforeAll(async () => {
  await tf.setBackend("cpu");
});
beforeEach(() => {
  tensorsBefore = tf.memory().numTensors;
});
afterEach(() => {
  expect(tf.memory().numTensors, "tensors leaked by the test").toBe(tensorsBefore);
});

function batch(b = 4, seed = 1) {
  return tf.tidy(() => ({
    xs: tf.randomUniform([b, 16, 16, 3], 0, 1, "float32", seed) as tf.Tensor4D,
    ys: tf.tensor1d(Array.from({length: b}, (_, k) => k % 2)) // face, non-face, face…
  }));
}

describe("createClassifier", () => {
  it("maps [b, 16, 16, 3] to one logit per image through 12→24→48→72-style filters", () => {
    const model = createClassifier({...SMALL, filters: 12});
    const convs = model.layers.filter((layer) => layer.name.startsWith("conv"));
    expect(convs.map((layer) => (layer.getConfig() as {filters: number}).filters)).toEqual([12, 24, 48, 72]);
    expect(convs.map((layer) => (layer.getConfig() as {kernelSize: number[]}).kernelSize[0])).toEqual([5, 5, 3, 3]);
    expect(model.layers.filter((layer) => layer.name.startsWith("bn"))).toHaveLength(4);
    expect(model.outputs[0].shape).toEqual([null, 1]);
    model.dispose();
  });

  it("is seeded: the same seed gives the same logits", async () => {
    const {xs, ys} = batch();
    const [a, b] = [createClassifier(SMALL), createClassifier(SMALL)];
    expect(Array.from(await classifierLogits(a, xs))).toEqual(Array.from(await classifierLogits(b, xs)));
    tf.dispose([xs, ys]);
    a.dispose();
    b.dispose();
  });

  it("refuses a size that four stride-2 layers cannot halve", () => {
    expect(() => createClassifier({...SMALL, size: 20})).toThrow(/multiple of 16.*got 20/);
  });

  it("trains: a few steps lower the loss on a fixed batch, leaking nothing", async () => {
    const {xs, ys} = batch(8);
    const model = createClassifier(SMALL);
    const optimizer = tf.train.adam(0.01);
    const first = await classifierStep(model, optimizer, xs, ys);
    let last = first;
    for (let k = 0; k < 10; ++k) last = await classifierStep(model, optimizer, xs, ys);
    expect(Number.isFinite(first.loss)).toBe(true);
    expect(last.loss).toBeLessThan(first.loss);
    expect(last.accuracy).toBeGreaterThanOrEqual(0);
    optimizer.dispose();
    model.dispose();
    tf.dispose([xs, ys]);
  });
});

describe("the DB-VAE", () => {
  it("encodes to a logit, μ and log σ² and decodes back to an image", () => {
    const model = createDbVae({...SMALL, latentDim: 5});
    const {xs, ys} = batch();
    const {logit, mu, logVar} = encode(model, xs);
    expect(logit.shape).toEqual([4]);
    expect(mu.shape).toEqual([4, 5]);
    expect(logVar.shape).toEqual([4, 5]);
    const images = decode(model, mu);
    expect(images.shape).toEqual([4, 16, 16, 3]);
    const values = images.dataSync();
    expect(Math.min(...values)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...values)).toBeLessThanOrEqual(1);
    tf.dispose([xs, ys, logit, mu, logVar, images]);
    disposeDbVae(model);
  });

  it("KL of N(0, 1) against N(0, 1) is 0, and grows with |μ|", () => {
    const zero = tf.zeros([2, 3]) as tf.Tensor2D;
    const shifted = tf.fill([1, 3], 2) as tf.Tensor2D;
    const kl0 = klDivergence(zero, zero);
    const unit = tf.zeros([1, 3]) as tf.Tensor2D;
    const kl2 = klDivergence(shifted, unit);
    expect(Array.from(kl0.dataSync())).toEqual([0, 0]);
    expect(kl2.dataSync()[0]).toBeCloseTo(0.5 * 3 * 4, 5);
    tf.dispose([zero, shifted, unit, kl0, kl2]);
  });

  it("reparameterises z = μ + σ ε", () => {
    const mu = tf.tensor2d([[1, -1]]);
    const logVar = tf.tensor2d([[Math.log(4), 0]]);
    const eps = tf.tensor2d([[0.5, 2]]);
    const z = reparameterize(mu, logVar, eps);
    const [a, b] = z.dataSync();
    expect(a).toBeCloseTo(1 + 2 * 0.5, 5);
    expect(b).toBeCloseTo(-1 + 2, 5);
    tf.dispose([mu, logVar, eps, z]);
  });

  it("sigmoid cross-entropy is stable for large logits", () => {
    const [labels, logits] = [tf.tensor1d([1, 0, 1]), tf.tensor1d([100, -100, 0])];
    const loss = sigmoidCrossEntropy(labels, logits);
    const values = loss.dataSync();
    expect(values[0]).toBeCloseTo(0, 6);
    expect(values[1]).toBeCloseTo(0, 6);
    expect(values[2]).toBeCloseTo(Math.log(2), 5);
    tf.dispose([labels, logits, loss]);
  });

  it("gives finite loss parts and no VAE loss for non-faces", () => {
    const model = createDbVae({...SMALL, latentDim: 5});
    const {xs, ys} = batch();
    ys.dispose();
    const eps = tf.randomNormal([4, 5], 0, 1, "float32", 3) as tf.Tensor2D;
    const nonFaces = tf.zeros([4]) as tf.Tensor1D;
    const faces = tf.ones([4]) as tf.Tensor1D;
    const forNonFaces = dbvaeLoss(model, xs, nonFaces, eps, 0.0005, false);
    expect(Array.from(forNonFaces.vaePerExample.dataSync())).toEqual([0, 0, 0, 0]);
    expect(forNonFaces.reconstruction.dataSync()[0]).toBe(0);
    expect(forNonFaces.total.dataSync()[0]).toBeCloseTo(forNonFaces.classification.dataSync()[0], 6);
    const forFaces = dbvaeLoss(model, xs, faces, eps, 0.0005, false);
    for (const part of [forFaces.total, forFaces.classification, forFaces.reconstruction, forFaces.kl]) {
      expect(Number.isFinite(part.dataSync()[0])).toBe(true);
    }
    expect(forFaces.reconstruction.dataSync()[0]).toBeGreaterThan(0);
    expect(forFaces.total.dataSync()[0]).toBeGreaterThan(forFaces.classification.dataSync()[0]);
    tf.dispose([xs, eps, nonFaces, faces, ...Object.values(forNonFaces), ...Object.values(forFaces)]);
    disposeDbVae(model);
  });

  it("trains with a custom step: loss parts are numbers and the total falls, leaking nothing", async () => {
    const model = createDbVae({...SMALL, latentDim: 4});
    const optimizer = tf.train.adam(0.005);
    const {xs, ys} = batch(6);
    const eps = tf.randomNormal([6, 4], 0, 1, "float32", 9) as tf.Tensor2D;
    const first = await dbvaeStep(model, optimizer, xs, ys, eps, 0.0005);
    let last = first;
    for (let k = 0; k < 10; ++k) last = await dbvaeStep(model, optimizer, xs, ys, eps, 0.0005);
    for (const value of Object.values(first)) expect(Number.isFinite(value)).toBe(true);
    expect(last.total).toBeLessThan(first.total);
    const mu = await latentMeans(model, xs, 4);
    expect(mu.length).toBe(6 * 4);
    tf.dispose([xs, ys, eps]);
    optimizer.dispose();
    disposeDbVae(model);
  });
});
