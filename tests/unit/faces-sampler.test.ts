import {describe, expect, it} from "vitest";
import {extremes, relativeMeanWeight, samplingWeights, uniformWeights, weightedSample} from "../../components/faces/sampler.ts";
import {mulberry32} from "../../components/random.ts";

/** 100 faces in 2 latents: dimension 0 has 95 faces near 0 and 5 rare ones near 3; dimension 1 is spread evenly. */
function toyLatents(): {mu: Float32Array; n: number; rare: Set<number>} {
  const n = 100;
  const mu = new Float32Array(n * 2);
  const rare = new Set<number>();
  for (let k = 0; k < n; ++k) {
    const isRare = k % 20 === 7;
    if (isRare) rare.add(k);
    mu[k * 2] = isRare ? 3 + (k % 3) * 0.01 : (k % 10) * 0.01;
    mu[k * 2 + 1] = k / n;
  }
  return {mu, n, rare};
}

describe("samplingWeights", () => {
  it("returns weights that sum to 1, one per face", () => {
    const {mu, n} = toyLatents();
    const {weights, histograms} = samplingWeights(mu, n, 2, {bins: 10, alpha: 0.01});
    expect(weights.length).toBe(n);
    expect(weights.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 10);
    expect(histograms).toHaveLength(2);
    expect(histograms[0].counts.reduce((a, b) => a + b, 0)).toBe(n);
    expect(histograms[0].density.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 10);
  });

  it("up-weights faces whose latent value is rare", () => {
    const {mu, n, rare} = toyLatents();
    const {weights} = samplingWeights(mu, n, 2, {bins: 10, alpha: 0.01});
    const ratio = relativeMeanWeight(weights, (k) => rare.has(k)) / relativeMeanWeight(weights, (k) => !rare.has(k));
    expect(ratio).toBeGreaterThan(5);
    expect(new Set(extremes(weights, 5, "desc"))).toEqual(rare);
  });

  it("tends to uniform weights as α grows", () => {
    const {mu, n} = toyLatents();
    const {weights} = samplingWeights(mu, n, 2, {bins: 10, alpha: 1e6});
    for (const w of weights) expect(w).toBeCloseTo(1 / n, 6);
  });

  it("combines by the maximum (the notebook's choice) when asked", () => {
    const {mu, n, rare} = toyLatents();
    const {weights} = samplingWeights(mu, n, 2, {bins: 10, alpha: 0.01, combine: "max"});
    expect(weights.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 10);
    expect(relativeMeanWeight(weights, (k) => rare.has(k))).toBeGreaterThan(1);
  });

  it("does not overflow with many latent dimensions and a tiny α", () => {
    const n = 50;
    const L = 64;
    const random = mulberry32(3);
    const mu = Float32Array.from({length: n * L}, () => random() ** 4);
    const {weights} = samplingWeights(mu, n, L, {bins: 20, alpha: 1e-6});
    expect(weights.every(Number.isFinite)).toBe(true);
    expect(weights.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 10);
  });

  it("refuses bad input with the value named", () => {
    const {mu, n} = toyLatents();
    expect(() => samplingWeights(mu, n, 2, {bins: 1, alpha: 0.01})).toThrow(/bins must be an integer in 2–100, got 1/);
    expect(() => samplingWeights(mu, n, 2, {bins: 10, alpha: 0})).toThrow(/alpha must be a finite number > 0, got 0/);
    expect(() => samplingWeights(mu, n, 3, {bins: 10, alpha: 0.1})).toThrow(/expected 100 × 3 = 300 latent means, got 200/);
    expect(() => samplingWeights([NaN, 0], 1, 2, {bins: 10, alpha: 0.1})).toThrow(/face 0, dimension 0 is NaN/);
  });
});

describe("weightedSample", () => {
  it("is deterministic for a seed", () => {
    const weights = [0.1, 0.2, 0.3, 0.4];
    expect(weightedSample(weights, 20, mulberry32(5))).toEqual(weightedSample(weights, 20, mulberry32(5)));
    expect(weightedSample(weights, 20, mulberry32(5))).not.toEqual(weightedSample(weights, 20, mulberry32(6)));
  });

  it("draws indices in proportion to their weights", () => {
    const counts = [0, 0, 0];
    for (const k of weightedSample([0.2, 0, 0.8], 10_000, mulberry32(1))) counts[k] += 1;
    expect(counts[1]).toBe(0);
    expect(counts[2] / 10_000).toBeGreaterThan(0.77);
    expect(counts[2] / 10_000).toBeLessThan(0.83);
  });

  it("refuses weights it cannot sample from", () => {
    expect(() => weightedSample([], 1, Math.random)).toThrow(/no weights/);
    expect(() => weightedSample([0, 0], 1, Math.random)).toThrow(/sum to 0/);
    expect(() => weightedSample([1, -1], 1, Math.random)).toThrow(/weight 1 is -1/);
  });
});

describe("uniformWeights and extremes", () => {
  it("uniformWeights(n) gives 1/n each", () => {
    expect([...uniformWeights(4)]).toEqual([0.25, 0.25, 0.25, 0.25]);
  });
  it("extremes picks the largest or smallest, ties by index", () => {
    expect(extremes([0.1, 0.5, 0.5, 0.2], 2, "desc")).toEqual([1, 2]);
    expect(extremes([0.1, 0.5, 0.5, 0.2], 2, "asc")).toEqual([0, 3]);
  });
});
