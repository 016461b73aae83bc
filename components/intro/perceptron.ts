// The perceptron of lecture 1: a weighted sum of the inputs plus a bias, passed through a
// non-linear activation, ŷ = g(w·x + b). Here with two inputs, so that its decision line
// can be drawn on a plane.
import {tf} from "../tf.ts";

export type Activation = "sigmoid" | "tanh" | "relu";

export const ACTIVATIONS: readonly Activation[] = ["sigmoid", "tanh", "relu"];

export const ACTIVATION_LABELS: Record<Activation, string> = {
  sigmoid: "sigmoid σ(z)",
  tanh: "tanh(z)",
  relu: "ReLU max(0, z)"
};

/** The TeX of g(z) for each activation. */
export const ACTIVATION_TEX: Record<Activation, string> = {
  sigmoid: String.raw`\sigma(z) = \frac{1}{1 + e^{-z}}`,
  tanh: String.raw`\tanh(z) = \frac{e^{z} - e^{-z}}{e^{z} + e^{-z}}`,
  relu: String.raw`\mathrm{ReLU}(z) = \max(0, z)`
};

/** The output value that splits the plane in two: g(0), the output on the line w·x + b = 0. */
export const THRESHOLD: Record<Activation, number> = {sigmoid: 0.5, tanh: 0, relu: 0};

export function isActivation(value: unknown): value is Activation {
  return typeof value === "string" && (ACTIVATIONS as readonly string[]).includes(value);
}

/** g(z) in plain JavaScript, the reference the tfjs results are checked against. */
export function activate(name: Activation, z: number): number {
  if (name === "sigmoid") return 1 / (1 + Math.exp(-z));
  if (name === "tanh") return Math.tanh(z);
  return Math.max(0, z);
}

/** g applied elementwise with tfjs. */
export function activateTensor(name: Activation, z: tf.Tensor): tf.Tensor {
  if (name === "sigmoid") return tf.sigmoid(z);
  if (name === "tanh") return tf.tanh(z);
  return tf.relu(z);
}

export interface PerceptronParams {
  w: [number, number];
  b: number;
  activation: Activation;
}

/**
 * The perceptron on a batch of points with tfjs: xs [n, 2] → outputs [n, 1], as the
 * matrix product xs·w ([n, 2]·[2, 1]) plus the bias, through g. The caller disposes.
 */
export function perceptronForward({w, b, activation}: PerceptronParams, xs: tf.Tensor2D): tf.Tensor2D {
  return tf.tidy(() => {
    const weights = tf.tensor2d(w, [2, 1]); // [2, 1]
    const z = tf.matMul(xs, weights).add(tf.scalar(b)); // [n, 1]
    return activateTensor(activation, z) as tf.Tensor2D;
  });
}

/** The pre-activation z = w·x + b for one point, in plain JavaScript. */
export function preActivation({w, b}: PerceptronParams, x: [number, number]): number {
  return w[0] * x[0] + w[1] * x[1] + b;
}

/**
 * Where the decision line w1·x1 + w2·x2 + b = 0 crosses the square [-r, r]², as its two
 * end points, or null when it misses the square (or w = 0: no line at all).
 */
export function decisionLine({w, b}: PerceptronParams, r: number): [[number, number], [number, number]] | null {
  const [w1, w2] = w;
  const points: [number, number][] = [];
  const add = (x1: number, x2: number) => {
    if (Math.abs(x1) <= r + 1e-9 && Math.abs(x2) <= r + 1e-9 && !points.some((p) => Math.hypot(p[0] - x1, p[1] - x2) < 1e-9)) {
      points.push([x1, x2]);
    }
  };
  if (w2 !== 0) for (const x1 of [-r, r]) add(x1, -(b + w1 * x1) / w2);
  if (w1 !== 0) for (const x2 of [-r, r]) add(-(b + w2 * x2) / w1, x2);
  return points.length >= 2 ? [points[0], points[1]] : null;
}
