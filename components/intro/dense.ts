// One dense layer written three ways: by hand (matMul, add, activation), as a tf.layers
// layer, and as a tf.sequential model holding that layer. All three share one set of
// weights, so the figure can show that they compute the same numbers.
import {tf} from "../tf.ts";
import {activateTensor, type Activation} from "./perceptron.ts";
import {denseParams} from "./mlp.ts";

export interface DenseOptions {
  inputs: number;
  units: number;
  activation: Activation;
  seed: number;
}

export interface DenseComparison {
  /** The input x, [1, inputs]. */
  x: number[];
  /** The kernel W, [inputs, units], row-major, and the bias b, [units]. */
  kernel: number[];
  bias: number[];
  byHand: number[];
  layer: number[];
  model: number[];
  /** Parameter counts: the layer's (from its weights), the formula's, the model's. */
  params: number;
  paramsFromShapes: number;
  modelParams: number;
}

/** The input x: fixed, seeded-looking values so that the comparison is reproducible. */
export function inputOf(inputs: number): number[] {
  return Array.from({length: inputs}, (_, i) => Number((Math.sin(1.7 * (i + 1)) * 1.5).toFixed(2)));
}

export async function compareDense({inputs, units, activation, seed}: DenseOptions): Promise<DenseComparison> {
  // The model is built first; its only layer *is* the layer we also apply alone.
  const model = tf.sequential({
    layers: [
      tf.layers.dense({
        inputShape: [inputs],
        units,
        activation,
        kernelInitializer: tf.initializers.glorotUniform({seed}),
        // A non-zero bias, so that the reader sees it added (the default starts at 0).
        biasInitializer: tf.initializers.randomUniform({minval: -0.5, maxval: 0.5, seed: seed + 1})
      })
    ]
  });
  const layer = model.layers[0];
  const x = inputOf(inputs);
  try {
    const tensors = tf.tidy(() => {
      const xs = tf.tensor2d([x]); // [1, inputs]
      const [kernel, bias] = layer.getWeights(); // [inputs, units], [units]
      const byHand = activateTensor(activation, tf.add(tf.matMul(xs, kernel), bias)); // [1, units]
      const applied = layer.apply(xs) as tf.Tensor; // [1, units]
      const predicted = model.predict(xs) as tf.Tensor; // [1, units]
      return [kernel.clone(), bias.clone(), byHand, applied, predicted];
    });
    try {
      const [kernel, bias, byHand, applied, predicted] = await Promise.all(tensors.map((t) => t.data()));
      return {
        x,
        kernel: Array.from(kernel),
        bias: Array.from(bias),
        byHand: Array.from(byHand),
        layer: Array.from(applied),
        model: Array.from(predicted),
        params: layer.countParams(),
        paramsFromShapes: denseParams(inputs, units),
        modelParams: model.countParams()
      };
    } finally {
      tf.dispose(tensors);
    }
  } finally {
    model.dispose();
  }
}
