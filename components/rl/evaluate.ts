// Scoring a policy without training it: play whole episodes on fresh seeded environments and
// count what happened. For Pong the share of points won is the essay's measure of skill.
import {deriveSeed, mulberry32} from "../random.ts";
import type {tf} from "../tf.ts";
import {runEpisodes} from "./rollout.ts";
import type {Task} from "./tasks.ts";

export interface Evaluation {
  /** Total reward of each episode. */
  rewards: number[];
  meanReward: number;
  /** Steps with reward +1 and −1 (Pong: points won and lost). */
  pointsWon: number;
  pointsLost: number;
  /** pointsWon / (pointsWon + pointsLost); NaN when no point was played. */
  pointShare: number;
}

export interface EvaluateOptions {
  episodes: number;
  seed: number;
  /** Environments played together (batched inference). */
  parallel?: number;
  /** Sample actions (default, as the agent was trained) or take the most probable one. */
  greedy?: boolean;
}

export async function evaluatePolicy(model: tf.LayersModel, task: Task, {episodes, seed, parallel = 4, greedy = false}: EvaluateOptions): Promise<Evaluation> {
  const rewards: number[] = [];
  let pointsWon = 0;
  let pointsLost = 0;
  const random = mulberry32(deriveSeed(seed, "evaluation actions"));
  for (let first = 0; first < episodes; first += parallel) {
    const n = Math.min(parallel, episodes - first);
    const environments = Array.from({length: n}, (_, i) => task.makeEnvironment(deriveSeed(seed, `evaluation ${first + i}`)));
    const memories = await runEpisodes(model, environments, environments.map(() => task.makeEncoder()), {random, greedy});
    for (const memory of memories) {
      rewards.push(memory.totalReward);
      for (const r of memory.rewards) {
        if (r > 0) ++pointsWon;
        else if (r < 0) ++pointsLost;
      }
    }
  }
  const meanReward = rewards.reduce((a, b) => a + b, 0) / rewards.length;
  return {rewards, meanReward, pointsWon, pointsLost, pointShare: pointsWon / (pointsWon + pointsLost)};
}
