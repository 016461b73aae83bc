// The gate figure's numbers come from the same cell that writes the tunes: checked here
// against tfjs-layers' own LSTM (the model's forward pass) on a tiny seeded model.
import {afterEach, beforeAll, beforeEach, describe, expect, it} from "vitest";
import {prepareCorpus} from "../../components/music/dataset.ts";
import {extentOf, mostActiveUnits, traceGates, valueAt} from "../../components/music/gates.ts";
import {unrollTrace, weightsOf} from "../../components/music/lstm.ts";
import {createMusicModel, LAYERS} from "../../components/music/model.ts";
import {tf} from "../../components/tf.ts";

const TOY = ["X:1\nK:D\nabcabc", "X:2\nK:D\ncbacba"];
const corpus = prepareCorpus(TOY, {seed: 1});
const UNITS = 6;
const TEXT = "X:1\nK:D\nabc";
let model: tf.LayersModel;
/** A stand-alone tfjs-layers LSTM with the model's weights that returns its final state. Built
 * before the tensor count is taken: tfjs-layers keeps tensors of its own per LSTM it builds. */
let reference: tf.layers.Layer;
let tensorsBefore = 0;

beforeAll(async () => {
  await tf.setBackend("cpu");
  model = createMusicModel({vocabulary: corpus.vocabulary.chars.length, embedding: 4, units: UNITS, seed: 11});
  reference = tf.layers.lstm({units: UNITS, returnState: true, recurrentActivation: "sigmoid"});
  tf.tidy(() => void reference.apply(tf.zeros([1, 1, 4]))); // builds its weights: [E = 4] → units
  reference.setWeights(model.getLayer(LAYERS.lstm).getWeights());
});
beforeEach(() => {
  tensorsBefore = tf.memory().numTensors;
});
afterEach(() => {
  expect(tf.memory().numTensors, "tensors leaked by the test").toBe(tensorsBefore);
});

const ids = () => [...TEXT].map((char) => corpus.vocabulary.charToIndex.get(char) as number);
const maxDiff = (a: tf.Tensor, b: tf.Tensor) => tf.tidy(() => tf.max(tf.abs(tf.sub(a, b))).dataSync()[0]);
const sigmoid = (x: number) => 1 / (1 + Math.exp(-x));

describe("unrollTrace", () => {
  it("gives the model's own logits and LSTM outputs (within 1e-5)", () => {
    tf.tidy(() => {
      const input = tf.tensor2d(ids(), [1, ids().length], "int32");
      const trace = unrollTrace(weightsOf(model), input);
      expect(maxDiff(trace.logits, model.predict(input) as tf.Tensor)).toBeLessThan(1e-5);
      const lstmOutput = tf.model({inputs: model.inputs, outputs: model.getLayer(LAYERS.lstm).output as tf.SymbolicTensor});
      expect(maxDiff(trace.h, lstmOutput.predict(input) as tf.Tensor)).toBeLessThan(1e-5);
    });
  });

  it("gives the cell state tfjs-layers' LSTM returns after every prefix of the text (within 1e-5)", () => {
    tf.tidy(() => {
      const n = ids().length;
      const trace = unrollTrace(weightsOf(model), tf.tensor2d(ids(), [1, n], "int32"));
      const embedded = tf.gather(weightsOf(model).embeddings, tf.tensor1d(ids(), "int32")).expandDims(0) as tf.Tensor3D; // [1, n, E]
      for (let k = 1; k <= n; ++k) {
        const [, , c] = reference.apply(embedded.slice([0, 0, 0], [1, k, -1])) as tf.Tensor[]; // c: [1, units]
        expect(maxDiff(trace.c.slice([0, k - 1, 0], [1, 1, -1]).reshape([1, UNITS]), c), `cell state after ${k} characters`).toBeLessThan(1e-5);
      }
    });
  });

  it("computes the first step's gates as the lecture's equations do (plain arithmetic)", () => {
    tf.tidy(() => {
      const w = weightsOf(model);
      const trace = unrollTrace(w, tf.tensor2d(ids(), [1, ids().length], "int32"));
      // From a zero state: z = e(x₀)·W + b; i, f, o = σ(z), g = tanh(z); c = i·g; h = o·tanh(c).
      const e = w.embeddings.arraySync()[ids()[0]];
      const kernel = w.kernel.arraySync();
      const bias = w.bias.arraySync();
      const z = bias.map((b, j) => b + e.reduce((sum, x, k) => sum + x * kernel[k][j], 0));
      const [i, f, g, o, c, h] = [trace.i, trace.f, trace.g, trace.o, trace.c, trace.h].map((t) => (t.arraySync() as number[][][])[0][0]);
      for (let u = 0; u < UNITS; ++u) {
        expect(i[u]).toBeCloseTo(sigmoid(z[u]), 5);
        expect(f[u]).toBeCloseTo(sigmoid(z[UNITS + u]), 5);
        expect(g[u]).toBeCloseTo(Math.tanh(z[2 * UNITS + u]), 5);
        expect(o[u]).toBeCloseTo(sigmoid(z[3 * UNITS + u]), 5);
        expect(c[u]).toBeCloseTo(i[u] * g[u], 5);
        expect(h[u]).toBeCloseTo(o[u] * Math.tanh(c[u]), 5);
      }
    });
  });
});

describe("traceGates", () => {
  it("reads back every step: c_t = f_t·c_{t−1} + i_t·g_t and h_t = o_t·tanh(c_t), gates in (0, 1)", async () => {
    const trace = await traceGates(model, corpus.vocabulary, TEXT);
    expect(trace.chars).toEqual([...TEXT]);
    expect(trace.units).toBe(UNITS);
    for (let k = 0; k < trace.chars.length; ++k) {
      for (let u = 0; u < UNITS; ++u) {
        const previous = k === 0 ? 0 : valueAt(trace, "c", k - 1, u);
        const [i, f, g, o, c, h] = (["i", "f", "g", "o", "c", "h"] as const).map((what) => valueAt(trace, what, k, u));
        expect(c).toBeCloseTo(f * previous + i * g, 5);
        expect(h).toBeCloseTo(o * Math.tanh(c), 5);
        for (const gate of [i, f, o]) expect(gate > 0 && gate < 1).toBe(true);
      }
    }
  });

  it("gives the probability the model gave each character before reading it (none for the first)", async () => {
    const trace = await traceGates(model, corpus.vocabulary, TEXT);
    expect(trace.surprise[0]).toBeNaN();
    const expected = tf.tidy(() => {
      const logits = model.predict(tf.tensor2d(ids(), [1, ids().length], "int32")) as tf.Tensor3D;
      return (tf.softmax(logits).arraySync() as number[][][])[0];
    });
    for (let k = 1; k < ids().length; ++k) expect(trace.surprise[k]).toBeCloseTo(expected[k - 1][ids()[k]], 5);
  });

  it("refuses a character outside the vocabulary, naming it", async () => {
    await expect(traceGates(model, corpus.vocabulary, "X:é")).rejects.toThrow(/never seen "é"/);
    await expect(traceGates(model, corpus.vocabulary, "")).rejects.toThrow(/empty/);
  });
});

describe("mostActiveUnits", () => {
  it("orders units by how much their cell state changes per character, lower index first on a tie", () => {
    const c = new Float32Array([
      // t = 3 steps × 4 units (c = 0 before the first). Mean |Δc|: unit 0 drifts 1, 2, 3 → 1;
      // unit 1 jumps to 5 and stays → 5/3; unit 2 swings −2, 2, −2 → 10/3; unit 3 → 1, a tie with unit 0.
      1, 5, -2, 1,
      2, 5, 2, 0,
      3, 5, -2, 1
    ]);
    const zeros = new Float32Array(12);
    const trace = {chars: ["a", "b", "c"], units: 4, values: {i: zeros, f: zeros, o: zeros, g: zeros, h: zeros, c}, surprise: zeros};
    expect(mostActiveUnits(trace, 3)).toEqual([2, 1, 0]);
    expect(mostActiveUnits(trace, 10)).toEqual([2, 1, 0, 3]);
    expect(extentOf(trace, "c")).toEqual([-2, 5]);
    expect(extentOf(trace, "c", [0, 3])).toEqual([0, 3]);
  });
});
