import {describe, expect, it} from "vitest";
import {discountedReturns, normalize} from "../../components/rl/returns.ts";

describe("discountedReturns", () => {
  it("sums later rewards discounted by γ per step: a hand example with γ = 0.5", () => {
    // G_3 = 4; G_2 = 0 + 0.5 × 4 = 2; G_1 = 2 + 0.5 × 2 = 3; G_0 = 1 + 0.5 × 3 = 2.5
    expect(Array.from(discountedReturns([1, 2, 0, 4], 0.5))).toEqual([2.5, 3, 2, 4]);
  });

  it("gives the plain reward-to-go for γ = 1 and the reward itself for γ = 0", () => {
    expect(Array.from(discountedReturns([1, 1, 1], 1))).toEqual([3, 2, 1]);
    expect(Array.from(discountedReturns([1, -2, 3], 0))).toEqual([1, -2, 3]);
  });

  it("with resetAtNonzero, credits each step of a Pong rally only with its own point", () => {
    const rewards = [0, 0, 1, 0, -1];
    // Without the reset, the first rally also sees the second point: G_2 = 1 + 0.5 × (0 + 0.5 × −1) = 0.75.
    expect(Array.from(discountedReturns(rewards, 0.5))).toEqual([0.1875, 0.375, 0.75, -0.5, -1]);
    // With it, the sum restarts at the point: G_2 = 1, G_1 = 0.5, G_0 = 0.25; G_4 = −1, G_3 = −0.5.
    expect(Array.from(discountedReturns(rewards, 0.5, {resetAtNonzero: true}))).toEqual([0.25, 0.5, 1, -0.5, -1]);
  });

  it("rejects γ outside [0, 1] and an output of the wrong length", () => {
    expect(() => discountedReturns([1], 1.5)).toThrow(/invalid discount factor γ: 1.5/);
    expect(() => discountedReturns([1], Number.NaN)).toThrow(/γ: NaN/);
    expect(() => discountedReturns([1, 2], 0.9, {}, new Float64Array(1))).toThrow(/expected 2 numbers, got 1/);
  });
});

describe("normalize", () => {
  it("gives mean 0 and (population) std 1", () => {
    const out = normalize(discountedReturns([0, 0, 1, 0, 0, 0, -1, 0, 1], 0.99, {resetAtNonzero: true}));
    const n = out.length;
    const mean = out.reduce((a, b) => a + b, 0) / n;
    const std = Math.sqrt(out.reduce((a, b) => a + (b - mean) ** 2, 0) / n);
    expect(Math.abs(mean)).toBeLessThan(1e-6);
    expect(Math.abs(std - 1)).toBeLessThan(1e-6);
  });

  it("maps [1, 2, 3] to [−√1.5, 0, √1.5] (mean 2, std √(2/3))", () => {
    const out = normalize([1, 2, 3]);
    [-Math.sqrt(1.5), 0, Math.sqrt(1.5)].forEach((v, i) => expect(Math.abs(out[i] - v)).toBeLessThan(1e-12));
  });

  it("gives zeros when all values are equal, and nothing for nothing", () => {
    expect(Array.from(normalize([3, 3, 3]))).toEqual([0, 0, 0]);
    expect(Array.from(normalize([0.1 + 0.2, 0.3]))).toEqual([0, 0]);
    expect(normalize([]).length).toBe(0);
  });
});
