// Training the Music model on the shared loop (components/train/loop.ts): each step cuts a
// seeded batch of windows from the corpus and takes one Adam step on the mean
// next-character cross-entropy, with the gradient's global norm clipped (LSTMs are prone
// to the exploding gradients of the lecture; Pascanu et al. 2013).
import {tf} from "../tf.ts";
import {startLoop} from "../train/loop.ts";
import type {LoopOptions, Trainer} from "../train/loop.ts";
import type {MusicCorpus} from "./dataset.ts";
import {sampleBatch, sequentialBatches} from "./dataset.ts";
import {sequenceLoss} from "./model.ts";
import {unroll, weightsOf} from "./lstm.ts";

export interface MusicTrainSettings {
  batchSize: number;
  /** Characters per training window (time steps unrolled for backpropagation). */
  sequenceLength: number;
  learningRate: number;
  epochs: number;
  stepsPerEpoch: number;
  seed: number;
  /** Global gradient-norm limit; default 5. */
  clipNorm?: number;
  /** Validation batches at the end of each epoch; default 4 (0: none). */
  validationBatches?: number;
}

/** A training session: the model and its optimizer, so a stopped run resumes with Adam's moments. */
export interface MusicTrainer {
  readonly model: tf.LayersModel;
  /** Starts a run; the step numbers in its history count from 1 again. */
  run(corpus: MusicCorpus, settings: MusicTrainSettings, loop?: LoopOptions): Trainer;
  /** Mean loss over the first `maxBatches` windows of `ids`. */
  evaluate(ids: Int32Array, batchSize: number, sequenceLength: number, maxBatches?: number): Promise<number>;
  dispose(): void;
}

export function createMusicTrainer(model: tf.LayersModel): MusicTrainer {
  let optimizer: tf.AdamOptimizer | null = null;
  let rate = NaN;
  const weights = weightsOf(model);
  const variables = model.trainableWeights.map((w) => w.read() as tf.Variable);

  async function evaluate(ids: Int32Array, batchSize: number, sequenceLength: number, maxBatches = 4): Promise<number> {
    let sum = 0;
    let count = 0;
    for (const {xs, ys} of sequentialBatches(ids, batchSize, sequenceLength, maxBatches)) {
      const loss = tf.tidy(() => sequenceLoss(unroll(weights, xs).logits, ys));
      sum += (await loss.data())[0] * xs.shape[0];
      count += xs.shape[0];
      tf.dispose([loss, xs, ys]);
    }
    return count > 0 ? sum / count : NaN;
  }

  return {
    model,
    evaluate,
    run(corpus, settings, loop) {
      const {batchSize, sequenceLength, learningRate, clipNorm = 5, validationBatches = 4} = settings;
      if (optimizer === null || rate !== learningRate) {
        optimizer?.dispose();
        optimizer = tf.train.adam(learningRate);
        rate = learningRate;
      }
      const adam = optimizer;
      return startLoop(
        {
          epochs: settings.epochs,
          stepsPerEpoch: settings.stepsPerEpoch,
          seed: settings.seed,
          async step({random}) {
            const {xs, ys} = sampleBatch(corpus.train, batchSize, sequenceLength, random);
            const loss = tf.tidy(() => {
              const {value, grads} = tf.variableGrads(() => sequenceLoss(unroll(weights, xs).logits, ys), variables);
              adam.applyGradients(clipByGlobalNorm(grads, clipNorm));
              return value;
            });
            tf.dispose([xs, ys]);
            const value = (await loss.data())[0];
            loss.dispose();
            return {loss: value};
          },
          endEpoch: validationBatches > 0
            ? async () => ({val_loss: await evaluate(corpus.validation, batchSize, sequenceLength, validationBatches)})
            : undefined
        },
        loop
      );
    },
    dispose() {
      optimizer?.dispose();
      optimizer = null;
    }
  };
}

/** Scales all gradients by min(1, limit / ‖g‖), ‖g‖ over all of them together. */
function clipByGlobalNorm(grads: tf.NamedTensorMap, limit: number): Array<{name: string; tensor: tf.Tensor}> {
  const names = Object.keys(grads);
  const norm = tf.sqrt(tf.addN(names.map((name) => tf.sum(tf.square(grads[name])))));
  const scale = tf.minimum(1, tf.div(limit, tf.maximum(norm, 1e-6)));
  return names.map((name) => ({name, tensor: tf.mul(grads[name], scale)}));
}
