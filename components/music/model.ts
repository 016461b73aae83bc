// The Music essay's model (6.S191 Lab 1, part 2): characters of ABC text → embedding →
// one LSTM layer → a dense layer of logits over the vocabulary, at every position.
// Input: token ids [batch, time]; output: logits [batch, time, vocabulary].
// The course used an embedding of 256 and 1024 LSTM units; the defaults here are far
// smaller so that a laptop GPU trains the model in the page in minutes.
import {tf} from "../tf.ts";

export interface MusicModelConfig {
  /** Characters in the vocabulary (83 for the course corpus). */
  vocabulary: number;
  /** Width of each character's learned vector. */
  embedding: number;
  /** LSTM units: the size of the hidden state h and the cell state c. */
  units: number;
  seed: number;
}

export const DEFAULT_MODEL: Omit<MusicModelConfig, "vocabulary"> = {embedding: 32, units: 128, seed: 6191};

/** Layer names, fixed so that a checkpoint's weights and the sampler find each other. */
export const LAYERS = {embedding: "embedding", lstm: "lstm", logits: "logits"} as const;

export function createMusicModel({vocabulary, embedding, units, seed}: MusicModelConfig): tf.LayersModel {
  checkSize("vocabulary", vocabulary);
  checkSize("embedding", embedding);
  checkSize("units", units);
  // A distinct seed per weight: one seed twice would give two matrices equal values.
  const init = (k: number) => tf.initializers.glorotUniform({seed: seed * 31 + k});
  const model = tf.sequential({name: "music-lstm"});
  model.add(tf.layers.embedding({
    inputDim: vocabulary, outputDim: embedding, inputShape: [null], name: LAYERS.embedding,
    embeddingsInitializer: tf.initializers.randomUniform({minval: -0.05, maxval: 0.05, seed: seed * 31})
  })); // [b, t, embedding]
  model.add(tf.layers.lstm({
    units, returnSequences: true, name: LAYERS.lstm,
    // tfjs defaults to a hard sigmoid for the gates; the plain sigmoid is the LSTM of the
    // lecture (Hochreiter & Schmidhuber 1997) and the one lstmStep() computes by hand.
    recurrentActivation: "sigmoid",
    kernelInitializer: init(1),
    recurrentInitializer: tf.initializers.orthogonal({gain: 1, seed: seed * 31 + 2}),
    unitForgetBias: true
  })); // [b, t, units]
  model.add(tf.layers.dense({units: vocabulary, kernelInitializer: init(3), name: LAYERS.logits})); // [b, t, vocabulary]
  return model;
}

/** The sizes a model was built with, read back from its layers (e.g. after loading a checkpoint). */
export function modelConfigOf(model: tf.LayersModel): Omit<MusicModelConfig, "seed"> {
  const [vocabulary, embedding] = model.getLayer(LAYERS.embedding).trainableWeights[0].shape as number[]; // [V, E]
  const [units] = model.getLayer(LAYERS.lstm).trainableWeights[1].shape as number[]; // [units, 4·units]
  return {vocabulary, embedding, units};
}

/** Mean next-character cross-entropy in nats. `logits` [b, t, V], `targets` int32 [b, t]. */
export function sequenceLoss(logits: tf.Tensor, targets: tf.Tensor): tf.Scalar {
  return tf.tidy(() => {
    const vocabulary = logits.shape[logits.shape.length - 1];
    const flatLogits = logits.reshape([-1, vocabulary]); // [b·t, V]
    const onehot = tf.oneHot(targets.reshape([-1]).toInt(), vocabulary); // [b·t, V]
    return tf.losses.softmaxCrossEntropy(onehot, flatLogits) as tf.Scalar;
  });
}

export function parameterCount(model: tf.LayersModel): number {
  return model.countParams();
}

function checkSize(what: string, value: number): void {
  if (!Number.isInteger(value) || value < 1) throw new Error(`createMusicModel: ${what} must be an integer ≥ 1, got ${value}`);
}
