import {beforeAll, describe, expect, it} from "vitest";
import {tf} from "../../components/tf.ts";
import {curveAndSlopes, finiteDifference, FUNCTION_NAMES, FUNCTIONS, valueAndSlope} from "../../components/intro/functions.ts";

beforeAll(async () => {
  await tf.setBackend("cpu");
});

describe("automatic differentiation of the reader's function", () => {
  for (const name of FUNCTION_NAMES) {
    it(`valueAndSlope("${name}", x) matches f(x) and a finite difference within 1e-3`, async () => {
      for (const x of [-2.3, -0.5, 0.1, 1.5, 2.9]) {
        const {value, slope} = await valueAndSlope(name, x);
        expect(value).toBeCloseTo(FUNCTIONS[name].js(x), 4);
        expect(Math.abs(slope - finiteDifference(FUNCTIONS[name].js, x))).toBeLessThan(1e-3);
      }
    });
  }

  it("curveAndSlopes gives f′ at every grid point at once, equal to pointwise tf.grad", async () => {
    const xs = [-2, -1, 0, 1, 2];
    const {slopes} = await curveAndSlopes("cubic", xs);
    // f(x) = x³/3 − x, f′(x) = x² − 1
    expect(Array.from(slopes)).toEqual(xs.map((x) => x * x - 1).map((v) => expect.closeTo(v, 5)));
  });

  it("leaks no tensor", async () => {
    const before = tf.memory().numTensors;
    await valueAndSlope("sine", 0.3);
    await curveAndSlopes("bump", [0, 1, 2]);
    expect(tf.memory().numTensors).toBe(before);
  });
});
