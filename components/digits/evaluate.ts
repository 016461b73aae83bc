// Test-set evaluation: predictions, accuracy, the confusion matrix and the mistakes.
import {tf} from "../tf.ts";
import type {Digits} from "./data.ts";
import {splitIndices, toTensors} from "./data.ts";

export interface Evaluation {
  /** Indices into the digits of the evaluated images. */
  indices: Int32Array;
  predicted: Int32Array;
  /** The probability the model gave its predicted class. */
  confidence: Float32Array;
  accuracy: number;
  /** confusion[true][predicted] counts. */
  confusion: number[][];
}

const BATCH = 500;

/** Predicts every test digit in batches of 500 (bounded GPU memory) and tallies. */
export async function evaluate(model: tf.LayersModel, digits: Digits, limit = Infinity): Promise<Evaluation> {
  const indices = splitIndices(digits, "test", limit);
  const predicted = new Int32Array(indices.length);
  const confidence = new Float32Array(indices.length);
  for (let start = 0; start < indices.length; start += BATCH) {
    const batch = indices.subarray(start, Math.min(indices.length, start + BATCH));
    const [classes, best] = tf.tidy(() => {
      const {xs} = toTensors(digits, batch);
      const probabilities = model.predict(xs) as tf.Tensor2D; // [n, 10]
      return [probabilities.argMax(1), probabilities.max(1)];
    });
    predicted.set(await classes.data(), start);
    confidence.set(await best.data(), start);
    tf.dispose([classes, best]);
  }
  return tally(digits, indices, predicted, confidence);
}

export function tally(digits: Digits, indices: Int32Array, predicted: Int32Array, confidence: Float32Array): Evaluation {
  const classes = digits.manifest.classes;
  const confusion = Array.from({length: classes}, () => new Array<number>(classes).fill(0));
  let correct = 0;
  for (let k = 0; k < indices.length; ++k) {
    const truth = digits.labels[indices[k]];
    confusion[truth][predicted[k]] += 1;
    if (truth === predicted[k]) ++correct;
  }
  return {indices, predicted, confidence, accuracy: indices.length ? correct / indices.length : NaN, confusion};
}

export interface Mistake {
  index: number;
  truth: number;
  predicted: number;
  confidence: number;
}

/** The misread digits, most confident mistakes first. */
export function mistakes(digits: Digits, evaluation: Evaluation): Mistake[] {
  const list: Mistake[] = [];
  evaluation.indices.forEach((index, k) => {
    const truth = digits.labels[index];
    if (truth !== evaluation.predicted[k]) {
      list.push({index, truth, predicted: evaluation.predicted[k], confidence: evaluation.confidence[k]});
    }
  });
  return list.sort((a, b) => b.confidence - a.confidence);
}

/** The most frequent confusion (off the diagonal), or null when there is none. */
export function worstConfusion(confusion: number[][]): {truth: number; predicted: number; count: number} | null {
  let worst: {truth: number; predicted: number; count: number} | null = null;
  confusion.forEach((row, truth) =>
    row.forEach((count, predicted) => {
      if (truth !== predicted && count > 0 && (!worst || count > worst.count)) worst = {truth, predicted, count};
    })
  );
  return worst;
}
