// Training runs of the two face models on the shared loop (components/train/loop.ts).
// Each batch is half faces and half non-faces, as the course's data loader draws them
// (get_batch); the faces are drawn with the sampler's weights (uniform when debiasing is
// off), with replacement, from the seeded generator of the epoch.
import {deriveSeed, mulberry32} from "../random.ts";
import {tf} from "../tf.ts";
import {startLoop} from "../train/loop.ts";
import type {LoopOptions, Trainer} from "../train/loop.ts";
import type {DbVae} from "./models.ts";
import {classifierStep, dbvaeStep, latentMeans} from "./models.ts";
import type {SamplerOptions, SamplerResult} from "./sampler.ts";
import {samplingWeights, uniformWeights, weightedSample} from "./sampler.ts";

export interface TrainingSet {
  /** Images [n, size, size, 3] in [0, 1]. */
  xs: tf.Tensor4D;
  /** 1 for a face, 0 for a non-face, [n]. */
  labels: Uint8Array;
}

export interface RunOptions {
  epochs: number;
  stepsPerEpoch: number;
  batchSize: number;
  learningRate: number;
  seed: number;
  loop?: LoopOptions;
}

/** Row indices of faces and of non-faces in a training set. */
export function splitByLabel(labels: Uint8Array): {faces: Int32Array; nonFaces: Int32Array} {
  const faces: number[] = [];
  const nonFaces: number[] = [];
  labels.forEach((label, k) => (label === 1 ? faces : nonFaces).push(k));
  return {faces: Int32Array.from(faces), nonFaces: Int32Array.from(nonFaces)};
}

/** A batch: half faces drawn by `faceWeights` (over `faces`), half non-faces drawn uniformly. */
export function drawBatch(
  set: TrainingSet,
  parts: {faces: Int32Array; nonFaces: Int32Array},
  faceWeights: ArrayLike<number>,
  batchSize: number,
  random: () => number
): {xs: tf.Tensor4D; ys: tf.Tensor1D; picked: Int32Array} {
  const nFaces = Math.ceil(batchSize / 2);
  const nNon = parts.nonFaces.length > 0 ? batchSize - nFaces : 0;
  const picked = new Int32Array(nFaces + nNon);
  weightedSample(faceWeights, nFaces, random).forEach((k, j) => (picked[j] = parts.faces[k]));
  for (let j = 0; j < nNon; ++j) picked[nFaces + j] = parts.nonFaces[Math.floor(random() * parts.nonFaces.length)];
  return tf.tidy(() => {
    const index = tf.tensor1d(picked, "int32");
    return {
      xs: tf.gather(set.xs, index) as tf.Tensor4D, // [b, size, size, 3]
      ys: tf.gather(tf.tensor1d(set.labels, "float32"), index) as tf.Tensor1D, // [b]
      picked
    };
  });
}

/** Trains the standard classifier; faces uniformly unless `faceWeights` is given. */
export function trainClassifier(model: tf.LayersModel, set: TrainingSet, options: RunOptions, faceWeights?: ArrayLike<number>): Trainer {
  const parts = splitByLabel(set.labels);
  const weights = faceWeights ?? uniformWeights(parts.faces.length);
  const optimizer = tf.train.adam(options.learningRate);
  const trainer = startLoop(
    {
      epochs: options.epochs,
      stepsPerEpoch: options.stepsPerEpoch,
      seed: options.seed,
      async step({random}) {
        const {xs, ys} = drawBatch(set, parts, weights, options.batchSize, random);
        try {
          return await classifierStep(model, optimizer, xs, ys);
        } finally {
          tf.dispose([xs, ys]);
        }
      }
    },
    options.loop
  );
  void trainer.done.then(() => optimizer.dispose());
  return trainer;
}

export interface DbVaeRunOptions extends RunOptions {
  klWeight: number;
  /** null: uniform sampling (the VAE trains, but does not debias). */
  sampler: SamplerOptions | null;
  /** Called with the new weights each time they are recomputed (at every epoch's start). */
  onWeights?: (result: SamplerResult, mu: Float32Array) => void;
}

/**
 * Trains the DB-VAE. At the start of each epoch the latent means of every training face
 * are recomputed with the current encoder and turned into sampling weights, as the
 * notebook does, so the faces the model finds rare are drawn more often as it learns.
 */
export function trainDbVae(model: DbVae, set: TrainingSet, options: DbVaeRunOptions): Trainer {
  const parts = splitByLabel(set.labels);
  const optimizer = tf.train.adam(options.learningRate);
  let weights: ArrayLike<number> = uniformWeights(parts.faces.length);
  let faceXs: tf.Tensor4D | null = null;
  const epsilonSeed = deriveSeed(options.seed, "epsilon");
  const trainer = startLoop(
    {
      epochs: options.epochs,
      stepsPerEpoch: options.stepsPerEpoch,
      seed: options.seed,
      async step({step, globalStep, random}) {
        if (step === 0 && options.sampler) {
          faceXs ??= tf.tidy(() => tf.gather(set.xs, tf.tensor1d(parts.faces, "int32")) as tf.Tensor4D);
          const mu = await latentMeans(model, faceXs);
          const result = samplingWeights(mu, parts.faces.length, model.latentDim, options.sampler);
          weights = result.weights;
          options.onWeights?.(result, mu);
        }
        const {xs, ys} = drawBatch(set, parts, weights, options.batchSize, random);
        // ε ~ N(0, I) [b, L], seeded per step so that a run repeats exactly.
        const epsilon = tf.randomNormal([xs.shape[0], model.latentDim], 0, 1, "float32", deriveSeed(epsilonSeed, String(globalStep))) as tf.Tensor2D;
        try {
          return {...(await dbvaeStep(model, optimizer, xs, ys, epsilon, options.klWeight))};
        } finally {
          tf.dispose([xs, ys, epsilon]);
        }
      }
    },
    options.loop
  );
  void trainer.done.then(() => {
    optimizer.dispose();
    faceXs?.dispose();
  });
  return trainer;
}

/** A seeded generator for one named use, e.g. picking the faces a figure shows. */
export function seededRandom(seed: number, label: string): () => number {
  return mulberry32(deriveSeed(seed, label));
}
