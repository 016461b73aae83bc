import {beforeAll, describe, expect, it} from "vitest";
import {tf} from "../../components/tf.ts";
import {createDescent} from "../../components/intro/descent.ts";
import {lossAt, lossGrid, SURFACES} from "../../components/intro/surfaces.ts";

beforeAll(async () => {
  await tf.setBackend("cpu");
});

describe("gradient descent on the loss surfaces", () => {
  it("plain descent (lr 0.1) on the convex bowl gets below loss 1e-3 within 60 steps", async () => {
    const descent = await createDescent({surface: "bowl", optimizer: "sgd", learningRate: 0.1, momentum: 0});
    const start = descent.state.loss;
    const state = await descent.step(60);
    descent.dispose();
    expect(start).toBeCloseTo(0.5 * 2.5 ** 2 + 2.5 * 1.5 ** 2, 4);
    expect(state.loss).toBeLessThan(1e-3);
    expect(state.diverged).toBe(false);
  });

  it("one plain step is p − lr·∇L(p), with ∇L = (p1, 5·p2) on the bowl", async () => {
    const descent = await createDescent({surface: "bowl", optimizer: "sgd", learningRate: 0.1, momentum: 0, start: [2, 1]});
    expect(descent.state.gradient[0]).toBeCloseTo(2, 5);
    expect(descent.state.gradient[1]).toBeCloseTo(5, 5);
    const {point} = await descent.step();
    descent.dispose();
    expect(point[0]).toBeCloseTo(2 - 0.1 * 2, 5);
    expect(point[1]).toBeCloseTo(1 - 0.1 * 5, 5);
  });

  it("momentum's second step adds β times the first (v ← βv + ∇L, p ← p − lr·v)", async () => {
    const descent = await createDescent({surface: "bowl", optimizer: "momentum", learningRate: 0.1, momentum: 0.9, start: [2, 0]});
    await descent.step(); // v = 2, p1 = 2 − 0.2 = 1.8
    const {point} = await descent.step(); // v = 0.9·2 + 1.8 = 3.6, p1 = 1.8 − 0.36
    descent.dispose();
    expect(point[0]).toBeCloseTo(1.44, 5);
  });

  it("plain descent with a rate above 2/5 on the bowl diverges and stops", async () => {
    const descent = await createDescent({surface: "bowl", optimizer: "sgd", learningRate: 0.5, momentum: 0});
    const state = await descent.step(200);
    descent.dispose();
    expect(state.diverged).toBe(true);
    expect(state.step).toBeLessThan(200);
  });

  it("Adam walks the banana valley towards its minimum (1, 1)", async () => {
    const descent = await createDescent({surface: "valley", optimizer: "adam", learningRate: 0.05, momentum: 0});
    const start = descent.state.loss;
    const state = await descent.step(300);
    descent.dispose();
    expect(state.loss).toBeLessThan(start / 10);
  });

  it("the twin surface's stated minimum is its lowest value", async () => {
    const minimum = SURFACES.twin.minimum;
    expect(await lossAt("twin", [-1.04, 0])).toBeGreaterThanOrEqual(minimum - 1e-4);
    const grid = await lossGrid("twin", 81);
    expect(Math.min(...grid)).toBeGreaterThanOrEqual(minimum - 1e-4);
  });

  it("lossGrid puts p2 = hi on the first row, p1 = lo in the first column", async () => {
    const grid = await lossGrid("bowl", 3); // p ∈ {-3, 0, 3}²
    expect(grid[0]).toBeCloseTo(0.5 * 9 + 2.5 * 9, 4); // (-3, 3)
    expect(grid[4]).toBeCloseTo(0, 6); // (0, 0)
  });

  it("leaks no tensor once disposed, with any optimiser", async () => {
    const before = tf.memory().numTensors;
    for (const optimizer of ["sgd", "momentum", "adam"] as const) {
      const descent = await createDescent({surface: "twin", optimizer, learningRate: 0.05, momentum: 0.9});
      await descent.step(5);
      descent.dispose();
    }
    expect(tf.memory().numTensors).toBe(before);
  });
});
