import {afterEach, beforeAll, beforeEach, describe, expect, it} from "vitest";
import {tf} from "../../components/tf.ts";
import {prepareCorpus, sampleBatch, sequentialBatches} from "../../components/music/dataset.ts";
import {generate, generateBatch, generateText} from "../../components/music/generate.ts";
import {step, unroll, weightsOf, zeroState} from "../../components/music/lstm.ts";
import {createMusicModel, modelConfigOf, sequenceLoss} from "../../components/music/model.ts";
import {createMusicTrainer} from "../../components/music/train.ts";
import {mulberry32} from "../../components/random.ts";

// A toy corpus: two short "tunes" over a 9-character vocabulary, repeated so that a tiny
// LSTM has something to learn in a few steps.
const TOY = ["X:1\nK:D\nabcabc", "X:2\nK:D\ncbacba", "X:3\nK:D\nabcabc"];
const quiet = {yieldToBrowser: async () => {}};
let tensorsBefore = 0;
// Models are built before the count is taken: tfjs-layers keeps 4 tensors of its own per
// LSTM model built, which model.dispose() does not free (not ours to track).
const models = new Map<number, tf.LayersModel>();

beforeAll(async () => {
  await tf.setBackend("cpu");
  for (const seed of [1, 3, 4]) models.set(seed, build(seed));
});
beforeEach(() => {
  tensorsBefore = tf.memory().numTensors;
});
afterEach(() => {
  expect(tf.memory().numTensors, "tensors leaked by the test").toBe(tensorsBefore);
});

function build(seed: number): tf.LayersModel {
  return createMusicModel({vocabulary: prepareCorpus(TOY, {seed: 1}).vocabulary.chars.length, embedding: 4, units: 8, seed});
}

/** The toy corpus and a shared, untrained model (tests that train build their own). */
function tiny(seed = 1) {
  const corpus = prepareCorpus(TOY, {seed: 1, validationShare: 0.34});
  return {corpus, model: models.get(seed) as tf.LayersModel};
}

describe("createMusicModel", () => {
  it("maps ids [b, t] to logits [b, t, V], and unroll() computes the same as model.predict", () => {
    const {corpus, model} = tiny();
    const v = corpus.vocabulary.chars.length;
    tf.tidy(() => {
      const ids = tf.tensor2d([[0, 1, 2, 3, 4], [4, 3, 2, 1, 0]], [2, 5], "int32");
      const predicted = model.predict(ids) as tf.Tensor;
      expect(predicted.shape).toEqual([2, 5, v]);
      const {logits} = unroll(weightsOf(model), ids);
      expect(tf.max(tf.abs(tf.sub(predicted, logits))).dataSync()[0]).toBeLessThan(1e-5);
    });
    expect(modelConfigOf(model)).toEqual({vocabulary: v, embedding: 4, units: 8});
  });

  it("step() one character at a time equals unroll() over the sequence", () => {
    const {model} = tiny();
    const w = weightsOf(model);
    tf.tidy(() => {
      const ids = [1, 5, 2, 0];
      const {logits} = unroll(w, tf.tensor2d(ids, [1, 4], "int32"));
      let state = zeroState(1, 8);
      let last: tf.Tensor2D | null = null;
      for (const id of ids) {
        const out = step(w, tf.tensor1d([id], "int32"), state);
        state = {h: out.h, c: out.c};
        last = out.logits;
        for (const gate of Object.values(out.gates)) expect(gate.shape).toEqual([1, 8]);
      }
      const final = logits.slice([0, 3, 0], [1, 1, -1]).reshape([1, -1]);
      expect(tf.max(tf.abs(tf.sub(final, last as tf.Tensor))).dataSync()[0]).toBeLessThan(1e-5);
    });
  });

  it("starts from the same weights for the same seed", () => {
    const again = build(3);
    const first = (m: tf.LayersModel) => Array.from(m.getWeights()[1].dataSync());
    expect(first(again)).toEqual(first(tiny(3).model));
    expect(first(again)).not.toEqual(first(tiny(1).model));
    again.dispose();
    tensorsBefore = tf.memory().numTensors; // a new baseline: see the note on models above
  });

  it("refuses a size that is not a positive integer, naming it", () => {
    expect(() => createMusicModel({vocabulary: 10, embedding: 0, units: 8, seed: 1})).toThrow(/embedding must be an integer ≥ 1, got 0/);
  });
});

describe("dataset", () => {
  it("splits by tunes and cuts windows whose targets are the inputs shifted by one", () => {
    const {corpus} = tiny();
    expect(corpus.tunes).toEqual({train: 2, validation: 1});
    const {xs, ys} = sampleBatch(corpus.train, 3, 6, mulberry32(1));
    expect(xs.shape).toEqual([3, 6]);
    const x = xs.arraySync();
    const y = ys.arraySync();
    for (let r = 0; r < 3; ++r) expect(x[r].slice(1)).toEqual(y[r].slice(0, 5));
    tf.dispose([xs, ys]);
  });

  it("gives the same batch for the same seed", () => {
    const {corpus} = tiny();
    const a = sampleBatch(corpus.train, 2, 5, mulberry32(9));
    const b = sampleBatch(corpus.train, 2, 5, mulberry32(9));
    expect(a.xs.arraySync()).toEqual(b.xs.arraySync());
    tf.dispose([a.xs, a.ys, b.xs, b.ys]);
  });

  it("sequentialBatches covers the text in order, in at most maxBatches batches", () => {
    const ids = Int32Array.from({length: 41}, (_, i) => i % 7);
    const batches = [...sequentialBatches(ids, 2, 10, 8)];
    expect(batches.map((b) => b.xs.shape)).toEqual([[2, 10], [2, 10]]);
    expect(batches[0].xs.arraySync()[1][0]).toBe(ids[10]);
    for (const b of batches) tf.dispose([b.xs, b.ys]);
  });
});

describe("training", () => {
  it("lowers the loss on the toy corpus within 30 steps, with a validation loss each epoch", async () => {
    const {corpus} = tiny();
    const model = models.get(4) as tf.LayersModel; // the only test that changes a model's weights
    const trainer = createMusicTrainer(model);
    const settings = {batchSize: 8, sequenceLength: 8, learningRate: 0.05, epochs: 3, stepsPerEpoch: 10, seed: 1, validationBatches: 1};
    const history = await trainer.run(corpus, settings, quiet).done;
    expect(history.steps).toHaveLength(30);
    expect(history.epochs.every((e) => Number.isFinite(e.val_loss))).toBe(true);
    expect(history.steps[29].loss).toBeLessThan(history.steps[0].loss * 0.7);
    trainer.dispose();
  });

  it("sequenceLoss is ln V for uniform logits", () => {
    const loss = tf.tidy(() => sequenceLoss(tf.zeros([2, 3, 9]), tf.tensor2d([[0, 1, 2], [3, 4, 5]], [2, 3], "int32")).dataSync()[0]);
    expect(loss).toBeCloseTo(Math.log(9), 5);
  });
});

describe("generation", () => {
  it("repeats exactly with the same seed, and every step keeps logits over the vocabulary", async () => {
    const {corpus, model} = tiny();
    const options = {start: "X:", length: 20, temperature: 1, seed: 5};
    const a = await generateText(model, corpus.vocabulary, options);
    const b = await generateText(model, corpus.vocabulary, options);
    const c = await generateText(model, corpus.vocabulary, {...options, seed: 6});
    expect(a).toHaveLength(20);
    expect(a).toBe(b);
    expect(a).not.toBe(c);
    for await (const s of generate(model, corpus.vocabulary, {...options, length: 2})) {
      expect(s.logits).toHaveLength(corpus.vocabulary.chars.length);
      expect(corpus.vocabulary.chars[s.index]).toBe(s.char);
    }
  });

  it("frees its tensors when the reader stops early", async () => {
    const {corpus, model} = tiny();
    for await (const s of generate(model, corpus.vocabulary, {start: "X", length: 50, temperature: 1, seed: 1})) if (s) break;
  });

  it("generateBatch gives one text per row, reproducibly", async () => {
    const {corpus, model} = tiny();
    const options = {start: "X:", length: 12, temperature: 0.8, seed: 2, rows: 3};
    const a = await generateBatch(model, corpus.vocabulary, options);
    expect(a.map((t) => t.length)).toEqual([12, 12, 12]);
    expect(await generateBatch(model, corpus.vocabulary, options)).toEqual(a);
  });

  it("refuses a start string with a character outside the vocabulary, naming it", async () => {
    const {corpus, model} = tiny();
    await expect(generateText(model, corpus.vocabulary, {start: "X:é", length: 3, temperature: 1, seed: 1})).rejects.toThrow(/"é"/);
  });
});
