import {describe, expect, it} from "vitest";
import {mulberry32} from "../../components/random.ts";
import {argmax, entropyBits, sampleIndex, sampleLogits, softmaxWithTemperature, topK} from "../../components/music/sample.ts";

const logits = [2, 1, 0.5, -1];
const sum = (values: ArrayLike<number>) => Array.from(values).reduce((a, b) => a + b, 0);

describe("softmaxWithTemperature", () => {
  it("gives a distribution that sums to 1 at every temperature", () => {
    for (const t of [0, 0.01, 0.5, 1, 2, 100]) expect(sum(softmaxWithTemperature(logits, t))).toBeCloseTo(1, 12);
  });

  it("is softmax(logits) at T = 1", () => {
    const z = sum(logits.map(Math.exp));
    const probs = softmaxWithTemperature(logits, 1);
    logits.forEach((l, i) => expect(probs[i]).toBeCloseTo(Math.exp(l) / z, 12));
  });

  it("is softmax(logits / T): T = 0.5 equals T = 1 on doubled logits", () => {
    const a = softmaxWithTemperature(logits, 0.5);
    const b = softmaxWithTemperature(logits.map((l) => 2 * l), 1);
    a.forEach((p, i) => expect(p).toBeCloseTo(b[i], 12));
  });

  it("becomes argmax as T → 0 and flattens towards uniform as T grows", () => {
    expect(Array.from(softmaxWithTemperature(logits, 0))).toEqual([1, 0, 0, 0]);
    expect(softmaxWithTemperature(logits, 0.01)[0]).toBeGreaterThan(0.999);
    const hot = softmaxWithTemperature(logits, 1000);
    hot.forEach((p) => expect(p).toBeCloseTo(0.25, 2));
    expect(entropyBits(softmaxWithTemperature(logits, 0.5))).toBeLessThan(entropyBits(softmaxWithTemperature(logits, 2)));
  });

  it("does not overflow on large logits", () => {
    const probs = softmaxWithTemperature([1000, 999, -1000], 0.1);
    expect(sum(probs)).toBeCloseTo(1, 12);
    expect(probs.every(Number.isFinite)).toBe(true);
  });

  it("refuses a negative or NaN temperature, naming it", () => {
    expect(() => softmaxWithTemperature(logits, -1)).toThrow(/temperature must be ≥ 0, got -1/);
    expect(() => softmaxWithTemperature(logits, NaN)).toThrow(/got NaN/);
  });
});

describe("sampling", () => {
  it("sampleIndex follows the distribution (2 000 seeded draws within 3 %)", () => {
    const probs = [0.5, 0.3, 0.2, 0];
    const random = mulberry32(7);
    const counts = [0, 0, 0, 0];
    for (let i = 0; i < 2000; ++i) counts[sampleIndex(probs, random)]++;
    probs.forEach((p, i) => expect(Math.abs(counts[i] / 2000 - p)).toBeLessThan(0.03));
    expect(counts[3]).toBe(0);
  });

  it("sampleLogits repeats exactly with the same seed and differs with another", () => {
    const draw = (seed: number) => {
      const random = mulberry32(seed);
      return Array.from({length: 50}, () => sampleLogits(logits, 1.2, random));
    };
    expect(draw(1)).toEqual(draw(1));
    expect(draw(1)).not.toEqual(draw(2));
  });

  it("sampleLogits at T = 0 is argmax and draws no random number", () => {
    let calls = 0;
    expect(sampleLogits([0, 3, 1], 0, () => (calls++, 0.5))).toBe(1);
    expect(calls).toBe(0);
  });

  it("argmax takes the first of equal values; topK orders by probability", () => {
    expect(argmax([1, 3, 3])).toBe(1);
    expect(topK([0.1, 0.6, 0.3], 2)).toEqual([{index: 1, p: 0.6}, {index: 2, p: 0.3}]);
  });
});
