// The Digits essay's pure parts: settings from the URL, drawing preprocessing, the tally
// of an evaluation, the models' shapes and the augmentation.
import {beforeAll, describe, expect, test} from "vitest";
import {tf} from "../../components/tf.ts";
import {affineBatch, shiftBatch} from "../../components/digits/augment.ts";
import type {Digits} from "../../components/digits/data.ts";
import {tally, worstConfusion} from "../../components/digits/evaluate.ts";
import {createDigitsModel, disposeDigitsModel, parameterTable} from "../../components/digits/models.ts";
import {DEFAULTS, digitsParamsToSearch, normalizeDigitsParams} from "../../components/digits/params.ts";
import {centreByMass, drawingToDigit, inkBounds} from "../../components/digits/preprocess.ts";
import {mulberry32} from "../../components/random.ts";

beforeAll(async () => {
  await tf.setBackend("cpu");
});

describe("normalizeDigitsParams(search)", () => {
  test("keeps valid settings and says nothing", () => {
    const {settings, notes} = normalizeDigitsParams("?model=fc&lr=0.01&batch=128&epochs=3&seed=7&test=200");
    expect(settings).toEqual({model: "fc", learningRate: 0.01, batchSize: 128, epochs: 3, seed: 7, testDigits: 200});
    expect(notes).toEqual([]);
  });

  test("names each bad parameter and falls back or clamps", () => {
    const {settings, notes} = normalizeDigitsParams(`?model=rnn&lr=abc&batch=1e309&epochs=-4&seed=${"9".repeat(5000)}`);
    expect(settings.model).toBe(DEFAULTS.model);
    expect(settings.learningRate).toBe(DEFAULTS.learningRate);
    expect(settings.batchSize).toBe(DEFAULTS.batchSize);
    expect(settings.epochs).toBe(1);
    expect(settings.seed).toBe(DEFAULTS.seed); // 9…9 (5 000 digits) is Infinity, not a seed
    expect(notes).toHaveLength(5);
    expect(notes[0]).toMatch(/^model="rnn" is not a model here/);
    expect(notes[1]).toMatch(/^lr="abc" is not a number/);
    expect(notes[2]).toMatch(/^batch="1e309" is not a number/);
    expect(notes[3]).toMatch(/^epochs="-4" is outside 1–20/);
    expect(notes[4]).toMatch(/^seed="9{40}…" is not a number/); // a 5 000-character value is cut when quoted
  });

  test("snaps a batch size to its step", () => {
    expect(normalizeDigitsParams("?batch=100").settings.batchSize).toBe(104);
  });

  test("round-trips through digitsParamsToSearch", () => {
    const settings = {...DEFAULTS, model: "fc" as const, epochs: 5, testDigits: 300};
    expect(normalizeDigitsParams(digitsParamsToSearch(settings)).settings).toEqual(settings);
    expect(digitsParamsToSearch(DEFAULTS)).toBe("");
  });
});

describe("drawingToDigit(values, width, height)", () => {
  test("returns null for an empty drawing", () => {
    expect(drawingToDigit(new Float32Array(100 * 100), 100, 100)).toBeNull();
  });

  test("scales a stroke into the 20 × 20 box and centres its mass", () => {
    const size = 100;
    const drawing = new Float32Array(size * size);
    for (let y = 10; y < 90; ++y) for (let x = 5; x < 15; ++x) drawing[y * size + x] = 1; // a "1" at the left edge
    const digit = drawingToDigit(drawing, size, size)!;
    const bounds = inkBounds(digit, 28, 28)!;
    expect(bounds.y1 - bounds.y0 + 1).toBe(20);
    let mass = 0, mx = 0;
    for (let y = 0; y < 28; ++y) {
      for (let x = 0; x < 28; ++x) {
        mass += digit[y * 28 + x];
        mx += x * digit[y * 28 + x];
      }
    }
    expect(Math.abs(mx / mass - 13.5)).toBeLessThanOrEqual(0.5);
  });

  test("centreByMass moves a corner dot to the middle", () => {
    const image = new Float32Array(28 * 28);
    image[0] = 1;
    const centred = centreByMass(image, 28);
    expect(centred[14 * 28 + 14]).toBe(1);
  });
});

describe("tally(digits, indices, predicted, confidence)", () => {
  const digits = {manifest: {classes: 3}, labels: Uint8Array.from([0, 1, 2, 2])} as unknown as Digits;
  test("counts the confusion matrix and the accuracy", () => {
    const e = tally(digits, Int32Array.from([0, 1, 2, 3]), Int32Array.from([0, 2, 2, 1]), new Float32Array(4));
    expect(e.accuracy).toBeCloseTo(0.5, 12);
    expect(e.confusion).toEqual([[1, 0, 0], [0, 0, 1], [0, 1, 1]]);
    expect(worstConfusion(e.confusion)).toEqual({truth: 1, predicted: 2, count: 1});
  });
});

describe("createDigitsModel(kind, options)", () => {
  test("the FC and CNN models have the lab's shapes and parameter counts", () => {
    const before = tf.memory().numTensors;
    for (const [kind, params] of [["fc", 101_770], ["cnn", 124_670]] as const) {
      const model = createDigitsModel(kind, {seed: 1, learningRate: 0.001});
      const total = parameterTable(model).reduce((sum, row) => sum + row.params, 0);
      expect(total).toBe(params);
      const y = tf.tidy(() => model.predict(tf.zeros([2, 28, 28, 1])) as tf.Tensor);
      expect(y.shape).toEqual([2, 10]);
      expect(tf.tidy(() => y.sum().arraySync())).toBeCloseTo(2, 5);
      y.dispose();
      disposeDigitsModel(model);
    }
    expect(tf.memory().numTensors).toBe(before);
  });

  test("the same seed gives the same weights", () => {
    const a = createDigitsModel("fc", {seed: 3, learningRate: 0.001});
    const b = createDigitsModel("fc", {seed: 3, learningRate: 0.001});
    expect(a.getWeights()[0].dataSync()).toEqual(b.getWeights()[0].dataSync());
    a.dispose();
    b.dispose();
  });
});

describe("shiftBatch(xs, random, max)", () => {
  test("shifts every image by the same seeded offset, zero-filled, with no leak", () => {
    const before = tf.memory().numTensors;
    const xs = tf.tidy(() => tf.oneHot([0, 14 * 28 + 14], 28 * 28).reshape([2, 28, 28, 1]));
    const shifted = shiftBatch(xs, mulberry32(5), 2);
    expect(shifted.shape).toEqual([2, 28, 28, 1]);
    const values = Float32Array.from(shifted.dataSync());
    expect(values.reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(2); // the corner pixel may leave the frame
    const centre = values.slice(784).indexOf(1);
    const [y, x] = [Math.floor(centre / 28), centre % 28];
    expect(Math.abs(y - 14)).toBeLessThanOrEqual(2);
    expect(Math.abs(x - 14)).toBeLessThanOrEqual(2);
    tf.dispose([xs, shifted]);
    expect(tf.memory().numTensors).toBe(before);
  });
});

describe("affineBatch(xs, random, options)", () => {
  test("with no rotation or scaling, moves each image by its own whole-pixel shift", () => {
    // A draw of 0.75 maps to +0.5 of the limit: limit 2 → a shift of exactly 1 px right and down.
    const xs = tf.tidy(() => tf.oneHot([14 * 28 + 14, 14 * 28 + 14], 28 * 28).toFloat().reshape([2, 28, 28, 1]));
    const draws = [0.5, 0.5, 0.75, 0.75, 0.5, 0.5, 0.25, 0.5];
    let next = 0;
    const moved = affineBatch(xs, () => draws[next++], {shift: 2, degrees: 10, scale: 0.1});
    const values = moved.dataSync();
    expect(values[784 * 0 + 15 * 28 + 15]).toBeCloseTo(1, 5); // image 0: (14, 14) → (15, 15)
    expect(values[784 * 1 + 14 * 28 + 13]).toBeCloseTo(1, 5); // image 1: 1 px left, not moved down
    expect(Array.from(values).reduce((a, b) => a + b, 0)).toBeCloseTo(2, 4);
    tf.dispose([xs, moved]);
  });

  test("a quarter turn maps a pixel right of the centre to below it, and nothing leaks", () => {
    const before = tf.memory().numTensors;
    const xs = tf.tidy(() => tf.oneHot([13 * 27 + 20], 27 * 27).toFloat().reshape([1, 27, 27, 1])); // centre (13, 13); pixel at x = 20
    const draws = [1, 0.5, 0.5, 0.5]; // +90°, size 1, no shift
    let next = 0;
    const turned = affineBatch(xs, () => draws[next++], {shift: 2, degrees: 90, scale: 0.1});
    const values = turned.dataSync();
    // The image's y axis points down, so a positive angle turns x towards +y: (y 13, x 20) → (y 20, x 13).
    expect(values[20 * 27 + 13]).toBeCloseTo(1, 4);
    tf.dispose([xs, turned]);
    expect(tf.memory().numTensors).toBe(before);
  });
});

describe("normalizeDigitsParams: the test-digit count", () => {
  test("a malformed or too large count falls back to every test digit, and the note says so in words", () => {
    const bad = normalizeDigitsParams("?test=NaN");
    expect(bad.notes).toEqual(['test="NaN" is not a number; using every test digit.']);
    const big = normalizeDigitsParams("?test=1e9");
    expect(big.notes[0]).toMatch(/^test="1e9" is outside 50–100000 in steps of 1; using every test digit\.$/);
    expect(normalizeDigitsParams("?test=30").notes[0]).toMatch(/using 50\.$/);
  });
});
