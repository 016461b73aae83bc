// The agent's memory of one episode — what it saw, what it did, what it got — and the step
// that turns a batch of such memories into what the policy gradient learns from.
import type {PolicyBatch} from "./agent.ts";
import {discountedReturns, normalize} from "./returns.ts";

export class EpisodeMemory {
  readonly observations: Float32Array[] = [];
  readonly actions: number[] = [];
  readonly rewards: number[] = [];

  /** Keeps a copy of `observation`, so the caller may reuse its buffer. */
  add(observation: Float32Array, action: number, reward: number): void {
    this.observations.push(Float32Array.from(observation));
    this.actions.push(action);
    this.rewards.push(reward);
  }

  get length(): number {
    return this.actions.length;
  }

  /** The undiscounted sum of the rewards: the episode's score. */
  get totalReward(): number {
    return this.rewards.reduce((a, b) => a + b, 0);
  }
}

export interface ReturnsOptions {
  /** Discount factor γ in [0, 1]. */
  gamma: number;
  /** Restart the discounted sum at each nonzero reward (Pong: at each point). */
  resetAtNonzero?: boolean;
}

/**
 * Concatenates the episodes' steps and weights each with its discounted return G_t,
 * normalised over the whole batch to mean 0 and standard deviation 1. Normalising is a
 * baseline: without it every Cart-Pole return is positive and every action taken would be
 * reinforced; with it, the steps of longer-than-average episodes push up and the rest down.
 */
export function policyBatch(episodes: readonly EpisodeMemory[], {gamma, resetAtNonzero = false}: ReturnsOptions): PolicyBatch {
  const steps = episodes.reduce((n, e) => n + e.length, 0);
  const inputSize = episodes.find((e) => e.length > 0)?.observations[0].length ?? 0;
  const observations = new Float32Array(steps * inputSize);
  const actions = new Int32Array(steps);
  const returns = new Float64Array(steps);
  let t = 0;
  for (const episode of episodes) {
    returns.set(discountedReturns(episode.rewards, gamma, {resetAtNonzero}), t);
    for (let i = 0; i < episode.length; ++i, ++t) {
      if (episode.observations[i].length !== inputSize) {
        throw new Error(`policyBatch: expected observations of ${inputSize} floats, got ${episode.observations[i].length}`);
      }
      observations.set(episode.observations[i], t * inputSize);
      actions[t] = episode.actions[i];
    }
  }
  return {observations, actions, advantages: Float32Array.from(normalize(returns))};
}
