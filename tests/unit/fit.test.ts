import {beforeAll, describe, expect, it, vi} from "vitest";
import {tf} from "../../components/tf.ts";
import {fitModel} from "../../components/train/fit.ts";
import {mulberry32} from "../../components/random.ts";

// Quiet and quick: no yielding to a browser that is not there.
const loop = {yieldToBrowser: async () => {}};

beforeAll(async () => {
  await tf.setBackend("cpu");
});

/** 64 points in the plane, class 1 when x0 + x1 > 0: separable by one dense layer. */
function separable(n = 64, seed = 3) {
  const random = mulberry32(seed);
  const points = Array.from({length: n}, () => [random() * 2 - 1, random() * 2 - 1]);
  const labels = points.map(([a, b]) => (a + b > 0 ? 1 : 0));
  return tf.tidy(() => ({
    xs: tf.tensor2d(points), // [n, 2]
    ys: tf.oneHot(tf.tensor1d(labels, "int32"), 2).toFloat() // [n, 2]
  }));
}

/** A seeded dense softmax classifier, so two builds start from the same weights. */
function classifier(metrics: string[] = ["accuracy"]) {
  const model = tf.sequential({
    layers: [
      tf.layers.dense({
        units: 2,
        inputShape: [2],
        activation: "softmax",
        kernelInitializer: tf.initializers.glorotUniform({seed: 5})
      })
    ]
  });
  model.compile({optimizer: tf.train.sgd(0.5), loss: "categoricalCrossentropy", metrics});
  return model;
}

describe("fitModel", () => {
  it("reduces the loss on a separable set and records loss, accuracy, val_loss and val_accuracy", async () => {
    const data = separable();
    const model = classifier();
    const history = await fitModel(model, data, {epochs: 8, batchSize: 16, seed: 1, validation: data, loop}).done;
    expect(history.steps).toHaveLength(8 * 4);
    expect(Object.keys(history.steps[0]).sort()).toEqual(["accuracy", "epoch", "loss", "step"]);
    expect(Object.keys(history.epochs[0]).sort()).toEqual(["accuracy", "epoch", "loss", "val_accuracy", "val_loss"]);
    const first = history.epochs[0];
    const last = history.epochs[history.epochs.length - 1];
    expect(last.loss).toBeLessThan(first.loss * 0.7);
    expect(last.val_accuracy).toBeGreaterThan(0.9);
    model.dispose();
    tf.dispose([data.xs, data.ys]);
  });

  it("records only the loss for a model compiled without metrics; the last batch may be short", async () => {
    const data = separable(20);
    const model = classifier([]);
    const trainer = fitModel(model, data, {epochs: 1, batchSize: 8, seed: 1, loop});
    const history = await trainer.done;
    expect(trainer.status).toBe("done");
    expect(history.steps.map((s) => Object.keys(s).sort())).toEqual([0, 1, 2].map(() => ["epoch", "loss", "step"]));
    model.dispose();
    tf.dispose([data.xs, data.ys]);
  });

  it("gives the same history for the same seed and initial weights (within 1e-6)", async () => {
    const data = separable();
    const run = async () => {
      const model = classifier();
      const history = await fitModel(model, data, {epochs: 3, batchSize: 10, seed: 42, validation: data, loop}).done;
      model.dispose();
      return history;
    };
    const [a, b] = [await run(), await run()];
    expect(b.steps).toHaveLength(a.steps.length);
    a.steps.forEach((s, i) => {
      expect(b.steps[i].loss).toBeCloseTo(s.loss, 6);
      expect(b.steps[i].accuracy).toBeCloseTo(s.accuracy, 6);
    });
    a.epochs.forEach((e, i) => expect(b.epochs[i].val_loss).toBeCloseTo(e.val_loss, 6));
    tf.dispose([data.xs, data.ys]);
  });

  it("leaks no tensor: a second run leaves tf.memory().numTensors unchanged", async () => {
    const data = separable();
    const model = classifier();
    const augment = vi.fn((xs: tf.Tensor) => xs.add(0.01)); // an intermediate the tidy must free
    const options = {epochs: 2, batchSize: 16, seed: 1, validation: data, augment, loop};
    await fitModel(model, data, options).done; // creates the optimizer's state once
    const before = tf.memory().numTensors;
    await fitModel(model, data, options).done;
    expect(tf.memory().numTensors).toBe(before);
    expect(augment).toHaveBeenCalledTimes(16);
    model.dispose();
    tf.dispose([data.xs, data.ys]);
  });

  it("leaks no tensor when stopped or failed mid-run", async () => {
    const data = separable();
    const model = classifier();
    await fitModel(model, data, {epochs: 1, batchSize: 16, seed: 1, loop}).done;
    const before = tf.memory().numTensors;
    const stopped = fitModel(model, data, {epochs: 3, batchSize: 16, seed: 1, loop});
    stopped.subscribe(() => stopped.stop());
    await stopped.done;
    const failing = fitModel(model, data, {epochs: 1, batchSize: 16, seed: 1, loop, augment: () => {
      throw new Error("bad augment");
    }});
    await failing.done;
    expect(failing.error?.message).toBe("training failed at epoch 1, step 1 of 4: bad augment");
    expect(tf.memory().numTensors).toBe(before);
    model.dispose();
    tf.dispose([data.xs, data.ys]);
  });

  it("refuses an uncompiled model and inputs and targets of different lengths", () => {
    const data = separable(8);
    const bare = tf.sequential({layers: [tf.layers.dense({units: 2, inputShape: [2]})]});
    expect(() => fitModel(bare, data, {epochs: 1, batchSize: 4, seed: 0})).toThrow(/is not compiled/);
    const model = classifier();
    const ys = tf.zeros([5, 2]);
    expect(() => fitModel(model, {xs: data.xs, ys}, {epochs: 1, batchSize: 4, seed: 0})).toThrow(
      "fitModel: data.ys must have 8 rows like data.xs, got shape [5,2]"
    );
    bare.dispose();
    model.dispose();
    tf.dispose([ys, data.xs, data.ys]);
  });
});
