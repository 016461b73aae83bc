// The small fully connected network of the "fitting a network" section: 2 inputs, `depth`
// hidden dense layers of `width` units, one sigmoid output, the probability of class 1.
import {tf} from "../tf.ts";
import type {Activation} from "./perceptron.ts";

export interface MlpOptions {
  depth: number;
  width: number;
  activation: Activation;
  learningRate: number;
  /** Seeds the weight initialisers, so a run from scratch can be repeated. */
  seed: number;
}

export function createMlp({depth, width, activation, learningRate, seed}: MlpOptions): tf.Sequential {
  if (!Number.isInteger(depth) || depth < 0) throw new Error(`createMlp: depth must be an integer ≥ 0, got ${depth}`);
  if (!Number.isInteger(width) || width < 1) throw new Error(`createMlp: width must be an integer ≥ 1, got ${width}`);
  const model = tf.sequential();
  for (let i = 0; i < depth; ++i) {
    model.add(tf.layers.dense({
      ...(i === 0 ? {inputShape: [2]} : {}),
      units: width,
      activation,
      // A distinct seed per layer: one seed twice would give two layers equal weights.
      kernelInitializer: tf.initializers.glorotUniform({seed: seed * 31 + i})
    })); // [b, width]
  }
  model.add(tf.layers.dense({
    ...(depth === 0 ? {inputShape: [2]} : {}),
    units: 1,
    activation: "sigmoid",
    kernelInitializer: tf.initializers.glorotUniform({seed: seed * 31 + depth})
  })); // [b, 1]
  model.compile({optimizer: tf.train.adam(learningRate), loss: "binaryCrossentropy", metrics: ["accuracy"]});
  return model;
}

/** Frees the model's weights and its optimiser's state (model.dispose() keeps an optimiser
 * object it was given, and Adam holds two tensors per weight). */
export function disposeMlp(model: tf.LayersModel): void {
  const optimizer = model.optimizer;
  model.dispose();
  optimizer?.dispose();
}

/** Parameters of a dense layer with `inputs` inputs and `units` units: a weight per pair plus a bias per unit. */
export function denseParams(inputs: number, units: number): number {
  return inputs * units + units;
}

/** The model's parameter count from its shapes alone (what model.countParams() reports). */
export function mlpParams(depth: number, width: number): number {
  let total = 0;
  let inputs = 2;
  for (let i = 0; i < depth; ++i) {
    total += denseParams(inputs, width);
    inputs = width;
  }
  return total + denseParams(inputs, 1);
}

/** P(class 1) on an n × n grid over [lo, hi]², rows from the top (x2 = hi). */
export async function predictGrid(model: tf.LayersModel, n: number, [lo, hi]: [number, number]): Promise<Float32Array> {
  const probabilities = tf.tidy(() => {
    const ticks = tf.linspace(lo, hi, n); // [n]
    const x1 = tf.tile(ticks.reshape([1, n]), [n, 1]); // [n, n]
    const x2 = tf.tile(ticks.reverse().reshape([n, 1]), [1, n]); // [n, n]
    const grid = tf.stack([x1.reshape([-1]), x2.reshape([-1])], 1); // [n², 2]
    return (model.predict(grid) as tf.Tensor).reshape([-1]); // [n²]
  });
  try {
    return (await probabilities.data()) as Float32Array;
  } finally {
    probabilities.dispose();
  }
}
