// Temperature sampling, on plain arrays so that it is exact and testable without tensors.
// The model gives logits ℓ over the vocabulary; at temperature T the next character is
// drawn from softmax(ℓ / T). T = 1 is the model's own distribution; T < 1 sharpens it
// towards the likeliest character (T → 0 is argmax); T > 1 flattens it towards uniform.

/** Below this temperature, sampling is argmax: ℓ / T would overflow long before T = 0. */
export const MIN_TEMPERATURE = 1e-3;

/** softmax(logits / temperature) as a Float64Array that sums to 1. */
export function softmaxWithTemperature(logits: ArrayLike<number>, temperature: number): Float64Array {
  const n = logits.length;
  if (n === 0) throw new Error("softmaxWithTemperature: expected at least one logit, got none");
  if (!(temperature >= 0)) throw new Error(`softmaxWithTemperature: temperature must be ≥ 0, got ${temperature}`);
  const probs = new Float64Array(n);
  if (temperature < MIN_TEMPERATURE) {
    probs[argmax(logits)] = 1;
    return probs;
  }
  let max = -Infinity;
  for (let i = 0; i < n; ++i) if (logits[i] > max) max = logits[i];
  let sum = 0;
  for (let i = 0; i < n; ++i) sum += probs[i] = Math.exp((logits[i] - max) / temperature); // max − max = 0: no overflow
  for (let i = 0; i < n; ++i) probs[i] /= sum;
  return probs;
}

/** The index of the largest value; the first one on a tie. */
export function argmax(values: ArrayLike<number>): number {
  let best = 0;
  for (let i = 1; i < values.length; ++i) if (values[i] > values[best]) best = i;
  return best;
}

/** Draws an index from `probs` (summing to 1) with one number from `random` (inverse CDF). */
export function sampleIndex(probs: ArrayLike<number>, random: () => number): number {
  const u = random();
  let cumulative = 0;
  for (let i = 0; i < probs.length; ++i) {
    cumulative += probs[i];
    if (u < cumulative) return i;
  }
  // Rounding can leave the total a hair under 1: fall back to the last likely index.
  for (let i = probs.length - 1; i >= 0; --i) if (probs[i] > 0) return i;
  return probs.length - 1;
}

/** Draws the next character's index from logits at a temperature. */
export function sampleLogits(logits: ArrayLike<number>, temperature: number, random: () => number): number {
  return temperature < MIN_TEMPERATURE ? argmax(logits) : sampleIndex(softmaxWithTemperature(logits, temperature), random);
}

/** The `k` likeliest indices with their probabilities, likeliest first. */
export function topK(probs: ArrayLike<number>, k: number): Array<{index: number; p: number}> {
  return Array.from(probs, (p, index) => ({index, p}))
    .sort((a, b) => b.p - a.p || a.index - b.index)
    .slice(0, k);
}

/** Entropy in bits of a distribution: 0 for a certain choice, log2(n) for a uniform one. */
export function entropyBits(probs: ArrayLike<number>): number {
  let h = 0;
  for (let i = 0; i < probs.length; ++i) if (probs[i] > 0) h -= probs[i] * Math.log2(probs[i]);
  return h;
}
