// The DB-VAE's debiasing sampler, pure arithmetic on the latent means of the training
// faces (no tfjs). Amini, Soleimany et al. (AIES 2019), eq. 4: an image x with latent
// means z(x) is drawn with probability
//   W(x) ∝ Π_i 1 / (Q̂_i(z_i(x)) + α),
// where Q̂_i is a histogram estimate of the density of latent i over the training faces
// and α a smoothing constant: faces in sparse regions of any latent are drawn more often,
// and α → ∞ gives uniform sampling. The course notebook
// (get_training_sample_probabilities) combines the latents by their maximum instead of
// the product; both are offered here. This function defaults to the paper's product; the
// page defaults to the maximum (params.ts), because the product over 32 latents lets one
// face collect every thin bin's factor and take over a hundred times the uniform weight.

export type Combine = "product" | "max";

export interface SamplerOptions {
  /** Histogram bins per latent dimension (the notebook: 10). */
  bins: number;
  /** Smoothing α added to each bin's density (the notebook: 0.001). */
  alpha: number;
  combine?: Combine;
}

export interface Histogram {
  /** Bin edges [bins + 1], from the lowest to the highest μ_i seen. */
  edges: Float64Array;
  /** Faces per bin [bins]. */
  counts: Int32Array;
  /** Density as each bin's share of faces [bins], summing to 1. */
  density: Float64Array;
}

export interface SamplerResult {
  /** Sampling probability per face [n], summing to 1. */
  weights: Float64Array;
  /** One histogram per latent dimension [L]. */
  histograms: Histogram[];
  /** Bin of face k in latent i, at [k · L + i]. */
  binOf: Int32Array;
}

/** Bins that the sliders allow; a bin count outside is refused, not clamped. */
export const BIN_RANGE = {min: 2, max: 100} as const;

/**
 * Sampling weights of n faces from their latent means `mu`, row-major [n · L].
 * Densities are bin shares (count / n), so α has the same meaning whatever the bin
 * width. Weights are computed in log space: a product of 32 factors of up to 1/α would
 * overflow a double.
 */
export function samplingWeights(mu: ArrayLike<number>, n: number, latentDim: number, {bins, alpha, combine = "product"}: SamplerOptions): SamplerResult {
  if (!Number.isInteger(n) || n < 1) throw new Error(`samplingWeights: n must be an integer ≥ 1, got ${n}`);
  if (!Number.isInteger(latentDim) || latentDim < 1) throw new Error(`samplingWeights: latentDim must be an integer ≥ 1, got ${latentDim}`);
  if (mu.length !== n * latentDim) throw new Error(`samplingWeights: expected ${n} × ${latentDim} = ${n * latentDim} latent means, got ${mu.length}`);
  if (!Number.isInteger(bins) || bins < BIN_RANGE.min || bins > BIN_RANGE.max) {
    throw new Error(`samplingWeights: bins must be an integer in ${BIN_RANGE.min}–${BIN_RANGE.max}, got ${bins}`);
  }
  if (!(alpha > 0) || !Number.isFinite(alpha)) throw new Error(`samplingWeights: alpha must be a finite number > 0, got ${alpha}`);
  const histograms: Histogram[] = [];
  const binOf = new Int32Array(n * latentDim);
  // log W per face: −Σ_i log(Q̂_i + α) ("product") or max_i −log(Q̂_i + α) ("max").
  const logW = new Float64Array(n).fill(combine === "product" ? 0 : -Infinity);
  for (let i = 0; i < latentDim; ++i) {
    let lo = Infinity;
    let hi = -Infinity;
    for (let k = 0; k < n; ++k) {
      const v = mu[k * latentDim + i];
      if (!Number.isFinite(v)) throw new Error(`samplingWeights: latent mean of face ${k}, dimension ${i} is ${v}`);
      if (v < lo) lo = v;
      if (v > hi) hi = v;
    }
    const width = hi > lo ? (hi - lo) / bins : 1;
    const edges = Float64Array.from({length: bins + 1}, (_, b) => lo + b * width);
    const counts = new Int32Array(bins);
    for (let k = 0; k < n; ++k) {
      const b = Math.min(bins - 1, Math.floor((mu[k * latentDim + i] - lo) / width));
      binOf[k * latentDim + i] = b;
      counts[b] += 1;
    }
    const density = Float64Array.from(counts, (c) => c / n);
    histograms.push({edges, counts, density});
    for (let k = 0; k < n; ++k) {
      const term = -Math.log(density[binOf[k * latentDim + i]] + alpha);
      logW[k] = combine === "product" ? logW[k] + term : Math.max(logW[k], term);
    }
  }
  return {weights: normalizeLog(logW), histograms, binOf};
}

/** exp(logW) / Σ exp(logW), shifted by the maximum so that nothing overflows. */
function normalizeLog(logW: Float64Array): Float64Array {
  let max = -Infinity;
  for (const v of logW) if (v > max) max = v;
  const weights = Float64Array.from(logW, (v) => Math.exp(v - max));
  let sum = 0;
  for (const w of weights) sum += w;
  for (let k = 0; k < weights.length; ++k) weights[k] /= sum;
  return weights;
}

/** Uniform weights [n], for the sampler switched off. */
export function uniformWeights(n: number): Float64Array {
  return new Float64Array(n).fill(1 / n);
}

/**
 * `count` indices drawn with replacement with probability `weights[k]`, by inverse-CDF
 * lookup with the seeded generator `random`. (The notebook draws without replacement;
 * with replacement keeps a batch's draws independent and the weights exact.)
 */
export function weightedSample(weights: ArrayLike<number>, count: number, random: () => number): Int32Array {
  const n = weights.length;
  if (n === 0) throw new Error("weightedSample: no weights to sample from");
  const cdf = new Float64Array(n);
  let sum = 0;
  for (let k = 0; k < n; ++k) {
    const w = weights[k];
    if (!(w >= 0) || !Number.isFinite(w)) throw new Error(`weightedSample: weight ${k} is ${w}, expected a finite number ≥ 0`);
    sum += w;
    cdf[k] = sum;
  }
  if (!(sum > 0)) throw new Error("weightedSample: the weights sum to 0");
  const out = new Int32Array(count);
  for (let j = 0; j < count; ++j) {
    const u = random() * sum;
    let lo = 0;
    let hi = n - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cdf[mid] > u) hi = mid;
      else lo = mid + 1;
    }
    out[j] = lo;
  }
  return out;
}

/** Indices of the `count` largest (order "desc") or smallest ("asc") weights. */
export function extremes(weights: ArrayLike<number>, count: number, order: "desc" | "asc"): number[] {
  const indices = Array.from({length: weights.length}, (_, k) => k);
  indices.sort((a, b) => (order === "desc" ? weights[b] - weights[a] : weights[a] - weights[b]) || a - b);
  return indices.slice(0, count);
}

/** Mean weight of the faces where `inGroup` holds, relative to the uniform weight 1/n. */
export function relativeMeanWeight(weights: ArrayLike<number>, inGroup: (k: number) => boolean): number {
  let sum = 0;
  let count = 0;
  for (let k = 0; k < weights.length; ++k) {
    if (!inGroup(k)) continue;
    sum += weights[k];
    count += 1;
  }
  return count === 0 ? NaN : (sum / count) * weights.length;
}
