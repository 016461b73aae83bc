import {beforeAll, describe, expect, it} from "vitest";
import {tf} from "../../components/tf.ts";
import {DATASET_NAMES, makeDataset, toTensors} from "../../components/intro/datasets.ts";
import {createMlp, disposeMlp, mlpParams, predictGrid} from "../../components/intro/mlp.ts";
import {compareDense} from "../../components/intro/dense.ts";
import {activate, decisionLine, perceptronForward} from "../../components/intro/perceptron.ts";
import {opReference, OP_NAMES, runOp, exampleTensor, tensorFacts} from "../../components/intro/tensors.ts";
import {normalizeIntroParams, DEFAULTS} from "../../components/intro/params.ts";
import {fitModel} from "../../components/train/fit.ts";

beforeAll(async () => {
  await tf.setBackend("cpu");
});

describe("tensors and operations", () => {
  it("the image example is [6, 8, 3], rank 3, and casts to the asked dtype", async () => {
    const t = exampleTensor("image", 0.5, "int32");
    const facts = await tensorFacts(t);
    t.dispose();
    expect(facts).toMatchObject({shape: [6, 8, 3], rank: 3, dtype: "int32", size: 144});
  });

  for (const op of OP_NAMES) {
    it(`runOp("${op}") on the backend equals the plain-JavaScript reference`, async () => {
      const result = await runOp(op, 1.5);
      expect(result.values).toEqual(opReference(op, 1.5).map((v) => expect.closeTo(v, 5)));
      expect(result.shape).toEqual(op === "matmul" ? [2, 2] : [2, 3]);
    });
  }
});

describe("the perceptron", () => {
  it("outputs g(w·x + b) for each activation", async () => {
    for (const activation of ["sigmoid", "tanh", "relu"] as const) {
      const out = perceptronForward({w: [1.5, -1], b: 0.5, activation}, tf.tensor2d([[0.4, 0.9]]));
      const [value] = await out.data();
      out.dispose();
      expect(value).toBeCloseTo(activate(activation, 1.5 * 0.4 - 0.9 + 0.5), 5);
    }
  });

  it("decisionLine(…) ends on the square where w·x + b = 0", () => {
    const line = decisionLine({w: [1, 2], b: 0.5, activation: "sigmoid"}, 2);
    expect(line).not.toBeNull();
    for (const [x1, x2] of line!) expect(x1 + 2 * x2 + 0.5).toBeCloseTo(0, 9);
    expect(decisionLine({w: [0, 0], b: 1, activation: "tanh"}, 2)).toBeNull();
    expect(decisionLine({w: [1, 0], b: 5, activation: "tanh"}, 2)).toBeNull(); // x1 = −5 is off the square
  });
});

describe("a dense layer and a model", () => {
  it("by hand, as a layer and as a sequential model give the same outputs; params = in·units + units", async () => {
    const before = tf.memory().numTensors;
    const c = await compareDense({inputs: 3, units: 4, activation: "tanh", seed: 2});
    expect(c.byHand).toHaveLength(4);
    expect(c.layer).toEqual(c.byHand.map((v) => expect.closeTo(v, 5)));
    expect(c.model).toEqual(c.byHand.map((v) => expect.closeTo(v, 5)));
    expect(c.params).toBe(16);
    expect(c.paramsFromShapes).toBe(16);
    expect(c.modelParams).toBe(16);
    expect(tf.memory().numTensors).toBe(before);
  });

  it("mlpParams(depth, width) is what tfjs counts", () => {
    for (const [depth, width] of [[0, 4], [1, 3], [3, 8]]) {
      const model = createMlp({depth, width, activation: "relu", learningRate: 0.01, seed: 1});
      expect(model.countParams()).toBe(mlpParams(depth, width));
      disposeMlp(model);
    }
  });
});

describe("the 2-D datasets", () => {
  it("are the same for the same seed and balanced", () => {
    for (const name of DATASET_NAMES) {
      const a = makeDataset(name, {n: 100, seed: 7});
      expect(a).toEqual(makeDataset(name, {n: 100, seed: 7}));
      expect(a.labels.reduce((s, l) => s + l, 0)).toBe(50);
      expect(makeDataset(name, {n: 100, seed: 8}).points).not.toEqual(a.points);
    }
  });

  it("circles: class 1 inside radius 0.5, class 0 outside 0.7 (without noise)", () => {
    const {points, labels} = makeDataset("circles", {n: 200, noise: 0, seed: 1});
    labels.forEach((label, i) => {
      const r = Math.hypot(points[2 * i], points[2 * i + 1]);
      if (label === 1) expect(r).toBeLessThanOrEqual(0.5);
      else expect(r).toBeGreaterThanOrEqual(0.7);
    });
  });

  it("a small MLP trained a few epochs on circles lowers its loss, and leaks nothing", async () => {
    const before = tf.memory().numTensors;
    const data = toTensors(makeDataset("circles", {n: 64, seed: 3}));
    const model = createMlp({depth: 2, width: 8, activation: "tanh", learningRate: 0.05, seed: 1});
    const history = await fitModel(model, data, {epochs: 8, batchSize: 16, seed: 1, loop: {yieldToBrowser: async () => {}}}).done;
    const grid = await predictGrid(model, 5, [-1, 1]);
    expect(grid).toHaveLength(25);
    disposeMlp(model);
    tf.dispose([data.xs, data.ys]);
    const losses = history.epochs.map((e) => e.loss);
    expect(losses[losses.length - 1]).toBeLessThan(losses[0]);
    expect(tf.memory().numTensors).toBe(before);
  });
});

describe("normalizeIntroParams", () => {
  it("keeps valid values, clamps numbers and rejects unknown names with a note each", () => {
    const {settings, notes} = normalizeIntroParams("?w1=2&lr=9&act=softmax&depth=2.4&dataset=spiral&seed=abc");
    expect(settings).toMatchObject({w1: 2, lr: 1.5, act: DEFAULTS.act, depth: 2, dataset: "spiral", seed: DEFAULTS.seed});
    expect(notes).toHaveLength(4);
    expect(notes.join(" ")).toMatch(/lr="9" is outside/);
    expect(notes.join(" ")).toMatch(/act="softmax" is not one of sigmoid, tanh, relu/);
  });

  it("reads every figure's controls: the tensor, the operation, both graphs, the input point and the dense layer", () => {
    const {settings, notes} = normalizeIntroParams("?tensor=image&dtype=int32&tvalue=-1.25&op=matmul&opa=-2&gx=0.3&gy=2&cx=-3&cy=9" +
      "&x1=-1.5&x2=0.25&dinputs=5&dunits=0&dact=relu");
    expect(settings).toMatchObject({tensor: "image", dtype: "int32", tvalue: -1.25, op: "matmul", opa: -2, gx: 0.3, gy: 2, cx: -3, cy: 3,
      x1: -1.5, x2: 0.25, dinputs: 5, dunits: 1, dact: "relu"});
    expect(notes).toEqual([expect.stringMatching(/^cy="9" is outside/), expect.stringMatching(/^dunits="0" is outside/)]);
    const wrong = normalizeIntroParams("?tensor=cube&dtype=float64&op=%3Cscript%3E");
    expect(wrong.settings).toMatchObject({tensor: DEFAULTS.tensor, dtype: DEFAULTS.dtype, op: DEFAULTS.op});
    expect(wrong.notes).toEqual([
      expect.stringMatching(/^tensor="cube" is not one of scalar, vector, matrix, image/),
      expect.stringMatching(/^dtype="float64" is not one of float32, int32, bool/),
      expect.stringMatching(/^op="<script>" is not one of add, mul, broadcast, scale, matmul/)
    ]);
  });

  it("cuts a long value in its note", () => {
    const {notes} = normalizeIntroParams(`?fn=${"<b>".repeat(100)}`);
    expect(notes[0].length).toBeLessThan(150);
  });
});
