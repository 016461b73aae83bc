import {beforeAll, describe, expect, it} from "vitest";
import {tf} from "../../components/tf.ts";
import {forward, forwardBackward, graphGradsTf, NODES} from "../../components/intro/graph.ts";
import {finiteDifference} from "../../components/intro/functions.ts";

beforeAll(async () => {
  await tf.setBackend("cpu");
});

describe("the computation graph f = (x·y)·σ(x + y)", () => {
  it("forward(x, y) gives each node's value from its inputs", () => {
    const v = forward(2, -1);
    expect(v.u).toBe(-2);
    expect(v.v).toBe(1);
    expect(v.s).toBeCloseTo(1 / (1 + Math.exp(-1)), 12);
    expect(v.f).toBeCloseTo(-2 / (1 + Math.exp(-1)), 12);
  });

  it("lists every node after its inputs", () => {
    const seen = new Set<string>();
    for (const node of NODES) {
      for (const input of node.inputs) expect(seen.has(input), `${node.name} before ${input}`).toBe(true);
      seen.add(node.name);
    }
  });

  it("forwardBackward(x, y) gives ∂f/∂x and ∂f/∂y equal to central finite differences", () => {
    for (const [x, y] of [[0.5, -1.2], [2, 1], [-1.5, 0.3]]) {
      const {gradients} = forwardBackward(x, y);
      expect(gradients.x).toBeCloseTo(finiteDifference((t) => forward(t, y).f, x), 6);
      expect(gradients.y).toBeCloseTo(finiteDifference((t) => forward(x, t).f, y), 6);
    }
  });

  it("sums the gradients arriving at x along both of its paths", () => {
    const {edges, gradients} = forwardBackward(0.7, -0.4);
    const intoX = edges.filter((e) => e.from === "x").map((e) => e.gradient);
    expect(intoX).toHaveLength(2);
    expect(intoX[0] + intoX[1]).toBeCloseTo(gradients.x, 12);
    // Each edge's gradient is the gradient at its head times its local derivative.
    for (const edge of edges) expect(edge.gradient).toBeCloseTo(gradients[edge.to] * edge.local, 12);
  });

  it("graphGradsTf(x, y) (tf.variableGrads) agrees with the hand-made backward pass and leaks no tensor", async () => {
    const before = tf.memory().numTensors;
    const tfjs = await graphGradsTf(0.8, -1.3);
    const hand = forwardBackward(0.8, -1.3);
    expect(tfjs.f).toBeCloseTo(hand.values.f, 5);
    expect(tfjs.dx).toBeCloseTo(hand.gradients.x, 5);
    expect(tfjs.dy).toBeCloseTo(hand.gradients.y, 5);
    expect(tf.memory().numTensors).toBe(before);
  });
});
