// The functions the reader differentiates in the automatic-differentiation section. Each
// is written once as tfjs operations (what tf.grad differentiates) and once in plain
// JavaScript (for the finite difference the gradient is checked against).
import {tf} from "../tf.ts";

export type FunctionName = "square" | "cubic" | "sine" | "sigmoid" | "bump";

export const FUNCTION_NAMES: readonly FunctionName[] = ["square", "cubic", "sine", "sigmoid", "bump"];

export interface ScalarFunction {
  label: string;
  /** TeX of f(x). */
  tex: string;
  /** Elementwise on a tensor of any shape. */
  tf: (x: tf.Tensor) => tf.Tensor;
  js: (x: number) => number;
}

export const FUNCTIONS: Record<FunctionName, ScalarFunction> = {
  square: {label: "x²", tex: "f(x) = x^2", tf: (x) => tf.square(x), js: (x) => x * x},
  cubic: {
    label: "x³/3 − x",
    tex: String.raw`f(x) = \tfrac{1}{3}x^3 - x`,
    tf: (x) => tf.sub(tf.div(tf.pow(x, 3), 3), x),
    js: (x) => x ** 3 / 3 - x
  },
  sine: {label: "sin(2x)", tex: String.raw`f(x) = \sin(2x)`, tf: (x) => tf.sin(tf.mul(x, 2)), js: (x) => Math.sin(2 * x)},
  sigmoid: {
    label: "σ(2x)",
    tex: String.raw`f(x) = \sigma(2x)`,
    tf: (x) => tf.sigmoid(tf.mul(x, 2)),
    js: (x) => 1 / (1 + Math.exp(-2 * x))
  },
  bump: {label: "e^(−x²)", tex: String.raw`f(x) = e^{-x^2}`, tf: (x) => tf.exp(tf.neg(tf.square(x))), js: (x) => Math.exp(-x * x)}
};

/** f(x) and f′(x) at one point, both computed by tfjs (tf.valueAndGrad on the backend). */
export async function valueAndSlope(name: FunctionName, x: number): Promise<{value: number; slope: number}> {
  const f = FUNCTIONS[name].tf;
  const [value, slope] = tf.tidy(() => {
    const {value, grad} = tf.valueAndGrad((t: tf.Tensor) => f(t) as tf.Scalar)(tf.scalar(x));
    return [value, grad];
  });
  try {
    const [v, g] = await Promise.all([value.data(), slope.data()]);
    return {value: v[0], slope: g[0]};
  } finally {
    tf.dispose([value, slope]);
  }
}

/** f and f′ on a whole grid at once: the gradient of Σ f(xᵢ) with respect to xᵢ is f′(xᵢ),
 * since each term depends on its own xᵢ only. */
export async function curveAndSlopes(name: FunctionName, xs: number[]): Promise<{values: Float32Array; slopes: Float32Array}> {
  const f = FUNCTIONS[name].tf;
  const [values, slopes] = tf.tidy(() => {
    const grid = tf.tensor1d(xs); // [n]
    return [f(grid), tf.grad((t: tf.Tensor) => f(t).sum())(grid)];
  });
  try {
    const [v, s] = await Promise.all([values.data(), slopes.data()]);
    return {values: v as Float32Array, slopes: s as Float32Array};
  } finally {
    tf.dispose([values, slopes]);
  }
}

/** The central difference (f(x + h) − f(x − h)) / 2h, error O(h²), in double precision. */
export function finiteDifference(f: (x: number) => number, x: number, h = 1e-4): number {
  return (f(x + h) - f(x - h)) / (2 * h);
}
