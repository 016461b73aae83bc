// Generation: feed a start string through the LSTM, then draw one character at a time at a
// temperature, feeding each back in. Each step keeps the logits it was drawn from, so the
// token inspector can show the distribution at any position and regenerate from there.
import type {Vocabulary} from "../../loaders/abc.ts";
import {deriveSeed, mulberry32} from "../random.ts";
import {tf} from "../tf.ts";
import {step as lstmStep, unroll, weightsOf, zeroState} from "./lstm.ts";
import type {LstmState} from "./lstm.ts";
import {sampleLogits} from "./sample.ts";

export interface GenerateOptions {
  /** The text the model reads before it writes; at least one character of the vocabulary. */
  start: string;
  /** Characters to write. */
  length: number;
  temperature: number;
  seed: number;
}

export interface GeneratedStep {
  char: string;
  index: number;
  /** The logits [V] the character was drawn from. */
  logits: Float32Array;
}

/** Start-string characters outside the vocabulary, e.g. ["é"]; empty when it can be read. */
export function unknownChars(text: string, vocabulary: Vocabulary): string[] {
  return [...new Set([...text].filter((char) => !vocabulary.charToIndex.has(char)))];
}

/**
 * Yields the generated characters one by one (an async generator: a page can stream them
 * and stop by breaking out of its loop). Tensors are freed at every step and at the end,
 * whether the caller read to the end or stopped early.
 */
export async function* generate(model: tf.LayersModel, vocabulary: Vocabulary, options: GenerateOptions): AsyncGenerator<GeneratedStep> {
  const {start, length, temperature, seed} = options;
  const ids = [...start].map((char) => vocabulary.charToIndex.get(char) ?? -1);
  if (ids.length === 0) throw new Error("generate: the start string is empty; give at least one character, e.g. X:");
  const unknown = unknownChars(start, vocabulary);
  if (unknown.length > 0) throw new Error(`generate: the start string has characters the model does not know: ${unknown.map((c) => JSON.stringify(c)).join(", ")}`);
  const weights = weightsOf(model);
  const random = mulberry32(deriveSeed(seed, "sampler"));
  // Read all but the last character in one unrolled pass: [1, n − 1] → state.
  let state: LstmState = tf.tidy(() => {
    const zero = zeroState(1, weights.recurrent.shape[0]);
    if (ids.length === 1) return zero;
    return unroll(weights, tf.tensor2d(ids.slice(0, -1), [1, ids.length - 1], "int32"), zero).state;
  });
  let last = ids[ids.length - 1];
  try {
    for (let k = 0; k < length; ++k) {
      const previous = state;
      const [logitsTensor, h, c] = tf.tidy(() => {
        const out = lstmStep(weights, tf.tensor1d([last], "int32"), previous);
        return [out.logits, out.h, out.c];
      });
      state = {h: h as tf.Tensor2D, c: c as tf.Tensor2D};
      tf.dispose([previous.h, previous.c]);
      const logits = (await logitsTensor.data()) as Float32Array; // [V]
      logitsTensor.dispose();
      last = sampleLogits(logits, temperature, random);
      yield {char: vocabulary.chars[last], index: last, logits};
    }
  } finally {
    tf.dispose([state.h, state.c]);
  }
}

/** Whole text at once (tests, the pretrain benchmark). */
export async function generateText(model: tf.LayersModel, vocabulary: Vocabulary, options: GenerateOptions): Promise<string> {
  let text = "";
  for await (const {char} of generate(model, vocabulary, options)) text += char;
  return text;
}

/**
 * `rows` independent samples in one batch (the temperature sweep, the benchmark): each row
 * starts from `start` and draws with its own seeded generator. Returns the texts without
 * the start string.
 */
export async function generateBatch(
  model: tf.LayersModel, vocabulary: Vocabulary, options: GenerateOptions & {rows: number}
): Promise<string[]> {
  const {start, length, temperature, seed, rows} = options;
  if (unknownChars(start, vocabulary).length > 0 || start.length === 0) throw new Error("generateBatch: the start string must be non-empty and use the vocabulary");
  const weights = weightsOf(model);
  const randoms = Array.from({length: rows}, (_, r) => mulberry32(deriveSeed(seed, `row ${r}`)));
  const ids = [...start].map((char) => vocabulary.charToIndex.get(char) as number);
  let state: LstmState = tf.tidy(() => {
    const zero = zeroState(rows, weights.recurrent.shape[0]);
    if (ids.length === 1) return zero;
    const prefix = Array.from({length: rows}, () => ids.slice(0, -1)).flat();
    return unroll(weights, tf.tensor2d(prefix, [rows, ids.length - 1], "int32"), zero).state;
  });
  let last = new Int32Array(rows).fill(ids[ids.length - 1]);
  const out = Array.from({length: rows}, () => [] as string[]);
  try {
    for (let k = 0; k < length; ++k) {
      const previous = state;
      const [logitsTensor, h, c] = tf.tidy(() => {
        const next = lstmStep(weights, tf.tensor1d(last, "int32"), previous);
        return [next.logits, next.h, next.c];
      });
      state = {h: h as tf.Tensor2D, c: c as tf.Tensor2D};
      tf.dispose([previous.h, previous.c]);
      const logits = (await logitsTensor.data()) as Float32Array; // [rows · V]
      logitsTensor.dispose();
      const v = vocabulary.chars.length;
      last = Int32Array.from({length: rows}, (_, r) => sampleLogits(logits.subarray(r * v, (r + 1) * v), temperature, randoms[r]));
      last.forEach((index, r) => out[r].push(vocabulary.chars[index]));
    }
  } finally {
    tf.dispose([state.h, state.c]);
  }
  return out.map((chars) => chars.join(""));
}
