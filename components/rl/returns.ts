// Returns for policy gradients (REINFORCE, Williams 1992): each action is credited with the
// discounted sum of the rewards that followed it, G_t = r_t + γ·r_{t+1} + γ²·r_{t+2} + …,
// computed backwards as G_t = r_t + γ·G_{t+1}.

export interface DiscountOptions {
  /**
   * Start the running sum afresh at every nonzero reward. In Pong a point ends a rally, so an
   * action should be credited only with the point its own rally earned, not with later ones
   * (as the course's Lab 3 and Karpathy's "Pong from Pixels" do). Off by default.
   */
  resetAtNonzero?: boolean;
}

/** G_t for every step t of an episode; `out` has the rewards' length. γ must lie in [0, 1]. */
export function discountedReturns(
  rewards: ArrayLike<number>,
  gamma: number,
  {resetAtNonzero = false}: DiscountOptions = {},
  out: Float64Array = new Float64Array(rewards.length)
): Float64Array {
  if (!(gamma >= 0 && gamma <= 1)) throw new Error(`invalid discount factor γ: ${gamma} (expected 0 ≤ γ ≤ 1)`);
  if (out.length !== rewards.length) {
    throw new Error(`invalid output: expected ${rewards.length} numbers, got ${out.length}`);
  }
  let running = 0;
  for (let t = rewards.length - 1; t >= 0; --t) {
    if (resetAtNonzero && rewards[t] !== 0) running = 0;
    running = rewards[t] + gamma * running;
    out[t] = running;
  }
  return out;
}

/**
 * (x − mean) / std with the population standard deviation, so that the result has mean 0
 * and std 1: the baseline that keeps policy-gradient steps of a sensible size whatever the
 * episode's length. When all values are equal (std 0) there is nothing to tell the actions
 * apart, and every value becomes 0.
 */
export function normalize(
  values: ArrayLike<number>,
  out: Float64Array = new Float64Array(values.length)
): Float64Array {
  const n = values.length;
  if (out.length !== n) throw new Error(`invalid output: expected ${n} numbers, got ${out.length}`);
  if (n === 0) return out;
  let mean = 0;
  for (let i = 0; i < n; ++i) mean += values[i];
  mean /= n;
  let variance = 0;
  for (let i = 0; i < n; ++i) variance += (values[i] - mean) ** 2;
  const std = Math.sqrt(variance / n);
  // Relative test: a spread at rounding level of the mean is no spread at all.
  if (!(std > 1e-12 * Math.max(1, Math.abs(mean)))) return out.fill(0);
  for (let i = 0; i < n; ++i) out[i] = (values[i] - mean) / std;
  return out;
}
