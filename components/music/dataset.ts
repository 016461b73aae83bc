// The corpus as the model reads it: tunes → one long vector of character ids per split,
// and seeded batches of windows cut from it. A window of length t+1 gives the input
// (its first t characters) and the target (its last t): the next character at each step.
import {buildVocabulary, joinTunes, vectorize} from "../../loaders/abc.ts";
import type {Vocabulary} from "../../loaders/abc.ts";
import {deriveSeed, mulberry32, permutation} from "../random.ts";
import {tf} from "../tf.ts";

export interface MusicCorpus {
  vocabulary: Vocabulary;
  /** Token ids of the training tunes joined by a blank line, [characters]. */
  train: Int32Array;
  /** Token ids of the held-out tunes, [characters]. */
  validation: Int32Array;
  tunes: {train: number; validation: number};
}

export interface SplitOptions {
  /** Share of tunes held out for the validation loss; default 0.1. */
  validationShare?: number;
  seed: number;
  /** A fixed vocabulary (e.g. a checkpoint's); by default the tunes' own characters. */
  vocabulary?: readonly string[];
}

/** Splits tunes (not characters) so that no tune is half in training and half in validation. */
export function prepareCorpus(tunes: readonly string[], {validationShare = 0.1, seed, vocabulary}: SplitOptions): MusicCorpus {
  if (tunes.length === 0) throw new Error("prepareCorpus: expected at least one tune, got none");
  const order = permutation(tunes.length, mulberry32(deriveSeed(seed, "validation split")));
  const held = tunes.length < 2 ? 0 : Math.max(1, Math.round(tunes.length * validationShare));
  const pick = (from: number, to: number) => Array.from(order.subarray(from, to)).sort((a, b) => a - b).map((i) => tunes[i]);
  const trainTunes = pick(held, tunes.length);
  const validationTunes = held > 0 ? pick(0, held) : trainTunes;
  const vocab = vocabulary ? vocabularyFrom(vocabulary) : buildVocabulary(tunes);
  return {
    vocabulary: vocab,
    train: vectorize(joinTunes(trainTunes), vocab),
    validation: vectorize(joinTunes(validationTunes), vocab),
    tunes: {train: trainTunes.length, validation: held}
  };
}

export function vocabularyFrom(chars: readonly string[]): Vocabulary {
  return {chars: [...chars], charToIndex: new Map(chars.map((char, i) => [char, i]))};
}

export interface Batch {
  xs: tf.Tensor2D; // int32 [b, t]: characters
  ys: tf.Tensor2D; // int32 [b, t]: the character after each one
}

/** `batchSize` windows of `length` + 1 characters at seeded random places in `ids`. */
export function sampleBatch(ids: Int32Array, batchSize: number, length: number, random: () => number): Batch {
  const span = Math.min(length, ids.length - 1);
  if (span < 1) throw new Error(`sampleBatch: expected a text of at least 2 characters, got ${ids.length}`);
  const xs = new Int32Array(batchSize * span);
  const ys = new Int32Array(batchSize * span);
  for (let row = 0; row < batchSize; ++row) {
    const start = Math.floor(random() * (ids.length - span));
    xs.set(ids.subarray(start, start + span), row * span);
    ys.set(ids.subarray(start + 1, start + span + 1), row * span);
  }
  return tf.tidy(() => ({xs: tf.tensor2d(xs, [batchSize, span], "int32"), ys: tf.tensor2d(ys, [batchSize, span], "int32")}));
}

/** Consecutive windows covering `ids` from the start (at most `maxBatches` batches): a fixed
 * validation set, so that successive validation losses are comparable. */
export function* sequentialBatches(ids: Int32Array, batchSize: number, length: number, maxBatches = 8): Generator<Batch> {
  const span = Math.min(length, ids.length - 1);
  const windows = Math.floor((ids.length - 1) / span);
  for (let first = 0, k = 0; first < windows && k < maxBatches; first += batchSize, ++k) {
    const rows = Math.min(batchSize, windows - first);
    const xs = new Int32Array(rows * span);
    const ys = new Int32Array(rows * span);
    for (let row = 0; row < rows; ++row) {
      const start = (first + row) * span;
      xs.set(ids.subarray(start, start + span), row * span);
      ys.set(ids.subarray(start + 1, start + span + 1), row * span);
    }
    yield tf.tidy(() => ({xs: tf.tensor2d(xs, [rows, span], "int32"), ys: tf.tensor2d(ys, [rows, span], "int32")}));
  }
}
