// What the LSTM does as it reads a text: its input, forget and output gates and its cell
// state at every character, read back from the same cell the sampler runs (lstm.ts), so
// that the figure shows the model that writes, not a re-implementation of it.
import type {Vocabulary} from "../../loaders/abc.ts";
import {tf} from "../tf.ts";
import {unrollTrace, weightsOf} from "./lstm.ts";
import {unknownChars} from "./generate.ts";

/** The quantities the figure draws, in the order of its panels. */
export const TRACED = ["i", "f", "o", "c"] as const;
export type Traced = (typeof TRACED)[number];

export const TRACED_LABELS: Record<Traced, string> = {i: "input gate i", f: "forget gate f", o: "output gate o", c: "cell state c"};

export interface GateTrace {
  /** The characters read, one per time step. */
  chars: string[];
  units: number;
  /** Each [t × units], row-major: value of unit u after reading character k at [k·units + u]. */
  values: Record<Traced | "g" | "h", Float32Array>;
  /** The probability the model gave to each character read before it came ([t]; NaN for the first). */
  surprise: Float32Array;
}

/**
 * Runs the model over `text` (from a zero state, as generation starts) and reads back every
 * step's gates and states. Throws, naming them, on characters the model's vocabulary lacks.
 */
export async function traceGates(model: tf.LayersModel, vocabulary: Vocabulary, text: string): Promise<GateTrace> {
  const chars = [...text];
  if (chars.length === 0) throw new Error("traceGates: the text is empty; give at least one character");
  const unknown = unknownChars(text, vocabulary);
  if (unknown.length > 0) throw new Error(`traceGates: the model has never seen ${unknown.map((c) => JSON.stringify(c)).join(", ")}`);
  const ids = chars.map((char) => vocabulary.charToIndex.get(char) as number);
  const weights = weightsOf(model);
  const tensors = tf.tidy(() => {
    const trace = unrollTrace(weights, tf.tensor2d(ids, [1, ids.length], "int32"));
    // p(character k | characters before it) = softmax(logits at k − 1)[id k].
    const probs = tf.softmax(trace.logits.reshape([ids.length, -1])); // [t, V]: row k is p(· | characters 0…k)
    const picked = ids.length < 2
      ? tf.zeros([0])
      : tf.sum(tf.mul(probs.slice([0, 0], [ids.length - 1, -1]), tf.oneHot(tf.tensor1d(ids.slice(1), "int32"), probs.shape[1] as number)), 1); // [t − 1]
    return [trace.i, trace.f, trace.o, trace.c, trace.g, trace.h, picked];
  });
  try {
    // Asynchronous reads: on WebGPU a synchronous read stalls the page.
    const [i, f, o, c, g, h, next] = (await Promise.all(tensors.map((t) => t.data()))) as Float32Array[];
    const surprise = new Float32Array(ids.length).fill(NaN);
    surprise.set(next, 1);
    return {chars, units: weights.recurrent.shape[0], values: {i, f, o, c, g, h}, surprise};
  } finally {
    tf.dispose(tensors);
  }
}

/** Value of `unit` at step `k`. */
export function valueAt(trace: GateTrace, what: Traced | "g" | "h", k: number, unit: number): number {
  return trace.values[what][k * trace.units + unit];
}

/**
 * The `count` units whose cell state changes most from one character to the next (largest
 * mean |c_t − c_{t−1}|, from c = 0 before the first): the ones that react to what they read,
 * rather than those that only drift (counters). Ties go to the lower index.
 */
export function mostActiveUnits(trace: GateTrace, count: number): number[] {
  const {units} = trace;
  const t = trace.chars.length;
  const change = Array.from({length: units}, (_, u) => {
    let sum = 0;
    for (let k = 0; k < t; ++k) sum += Math.abs(valueAt(trace, "c", k, u) - (k > 0 ? valueAt(trace, "c", k - 1, u) : 0));
    return {u, change: sum / t};
  });
  return change.sort((a, b) => b.change - a.change || a.u - b.u).slice(0, Math.min(count, units)).map((s) => s.u);
}

/** Mean of a quantity over every unit and step. */
export function meanOf(trace: GateTrace, what: Traced): number {
  const values = trace.values[what];
  let sum = 0;
  for (const v of values) sum += v;
  return sum / values.length;
}

/** Smallest and largest value of a quantity over every step, for `units` (by default all). */
export function extentOf(trace: GateTrace, what: Traced, units?: readonly number[]): [number, number] {
  let lo = Infinity;
  let hi = -Infinity;
  const values = trace.values[what];
  for (let k = 0; k < trace.chars.length; ++k) {
    for (const u of units ?? Array.from({length: trace.units}, (_, n) => n)) {
      const v = values[k * trace.units + u];
      if (v < lo) lo = v;
      if (v > hi) hi = v;
    }
  }
  return [lo, hi];
}
