// The two models of Lab 2.1 (MIT 6.S191), written with tf.layers. Input: a batch of
// grey digits [batch, 28, 28, 1] with values in [0, 1]; output: class probabilities
// [batch, 10].
import {tf} from "../tf.ts";

export type DigitsModelKind = "fc" | "cnn";

export const MODEL_KINDS: readonly DigitsModelKind[] = ["fc", "cnn"];

export const MODEL_LABELS: Record<DigitsModelKind, string> = {
  fc: "fully connected (flatten → 128 ReLU → 10 softmax)",
  cnn: "CNN (conv 24@3×3 → pool → conv 36@3×3 → pool → dense 128 → 10)"
};

export const IMAGE_SHAPE = [28, 28, 1] as const;
export const CLASSES = 10;

export interface ModelOptions {
  /** Seeds the weight initialisers, so a run from scratch can be repeated. */
  seed: number;
  learningRate: number;
}

export function isModelKind(value: unknown): value is DigitsModelKind {
  return value === "fc" || value === "cnn";
}

export function createDigitsModel(kind: DigitsModelKind, options: ModelOptions): tf.Sequential {
  const model = kind === "fc" ? createFcModel(options.seed) : createCnnModel(options.seed);
  compileDigitsModel(model, options.learningRate);
  return model;
}

/** (Re)compiles with Adam and the cross-entropy of one-hot labels, as the lab does. */
export function compileDigitsModel(model: tf.LayersModel, learningRate: number): void {
  model.compile({
    optimizer: tf.train.adam(learningRate),
    loss: "categoricalCrossentropy",
    metrics: ["accuracy"]
  });
}

function init(seed: number, layer: number) {
  // A distinct seed per layer: the same seed twice would give two layers equal weights.
  return tf.initializers.glorotUniform({seed: seed * 31 + layer});
}

/** Lab 2.1's fully connected model: 784 → 128 → 10 (101 770 parameters). */
function createFcModel(seed: number): tf.Sequential {
  const model = tf.sequential({name: "fc"});
  model.add(tf.layers.flatten({inputShape: [...IMAGE_SHAPE], name: "flatten"})); // [b, 784]
  model.add(tf.layers.dense({units: 128, activation: "relu", kernelInitializer: init(seed, 1), name: "dense1"})); // [b, 128]
  model.add(tf.layers.dense({units: CLASSES, activation: "softmax", kernelInitializer: init(seed, 2), name: "output"})); // [b, 10]
  return model;
}

/** Lab 2.1’s CNN (124 670 parameters). Valid padding, so 28 → 26 → 13 → 11 → 5. */
function createCnnModel(seed: number): tf.Sequential {
  const model = tf.sequential({name: "cnn"});
  model.add(
    tf.layers.conv2d({
      inputShape: [...IMAGE_SHAPE],
      filters: 24,
      kernelSize: 3,
      activation: "relu",
      kernelInitializer: init(seed, 1),
      name: "conv1"
    })
  ); // [b, 26, 26, 24]
  model.add(tf.layers.maxPooling2d({poolSize: 2, name: "pool1"})); // [b, 13, 13, 24]
  model.add(tf.layers.conv2d({filters: 36, kernelSize: 3, activation: "relu", kernelInitializer: init(seed, 2), name: "conv2"})); // [b, 11, 11, 36]
  model.add(tf.layers.maxPooling2d({poolSize: 2, name: "pool2"})); // [b, 5, 5, 36]
  model.add(tf.layers.flatten({name: "flatten"})); // [b, 900]
  model.add(tf.layers.dense({units: 128, activation: "relu", kernelInitializer: init(seed, 3), name: "dense1"})); // [b, 128]
  model.add(tf.layers.dense({units: CLASSES, activation: "softmax", kernelInitializer: init(seed, 4), name: "output"})); // [b, 10]
  return model;
}

/** Frees a model and its optimiser: model.dispose() leaves the optimiser's state (Adam's
 * two β-power scalars, its moments once trained) behind. */
export function disposeDigitsModel(model: tf.LayersModel): void {
  model.optimizer?.dispose();
  model.dispose();
}

/** Parameter count per layer, for the page's explanation of where the numbers come from. */
export function parameterTable(model: tf.LayersModel): Array<{name: string; outputShape: string; params: number}> {
  return model.layers.map((layer) => ({
    name: layer.name,
    outputShape: JSON.stringify(layer.outputShape).replace(/null/g, "batch"),
    params: layer.countParams()
  }));
}
