// Pretrained agents of the RL essay, trained in Node on the tfjs CPU backend with the page's
// own training code and settings, and written as Manus checkpoints (components/checkpoint.ts)
// whose card holds the settings, the per-episode history and the agent's measured score.
//   npx tsx scripts/pretrain-rl.ts cartpole [--seed 1] [--episodes 500]
//   npx tsx scripts/pretrain-rl.ts pong [--seed 1] [--episodes 200]   (see pretrainPong)
// scripts/pretrain.ts dispatches `npm run pretrain -- cartpole|pong` to these functions.
import "@tensorflow/tfjs-backend-wasm";
import {mkdirSync, writeFileSync} from "node:fs";
import {dirname} from "node:path";
import {fileURLToPath} from "node:url";
import {saveCheckpoint} from "../components/checkpoint.ts";
import {createPolicy} from "../components/rl/agent.ts";
import {CART_POLE_VERSIONS} from "../components/rl/cartpole.ts";
import {evaluatePolicy} from "../components/rl/evaluate.ts";
import {PONG_TRAINING, RL_DEFAULTS} from "../components/rl/params.ts";
import {makeTask} from "../components/rl/tasks.ts";
import type {Task} from "../components/rl/tasks.ts";
import {startTraining} from "../components/rl/training.ts";
import {tf} from "../components/tf.ts";

export interface PretrainOptions {
  seed?: number;
  episodes?: number;
  /** Where the checkpoint goes; default data/checkpoints/rl-<task>.json. */
  out?: string;
  /** Progress lines; default stderr. */
  log?: (line: string) => void;
  /**
   * tfjs backend: "cpu" (Cart-Pole's default: its tiny network gains nothing from WASM) or
   * "wasm" (Pong's default: its 1 600-input policy trains about ten times faster there).
   */
  backend?: "cpu" | "wasm";
}

export interface PretrainResult {
  out: string;
  metrics: Record<string, number>;
}

/** Cart-Pole v0 until solved (mean ≥ 195 over 100 episodes) or out of episodes, then 100 scored episodes. */
export async function pretrainCartpole({seed = RL_DEFAULTS.seed, episodes = RL_DEFAULTS.episodes, out = "data/checkpoints/rl-cartpole.json",
  log = (line: string) => console.error(line), backend = "cpu"}: PretrainOptions = {}): Promise<PretrainResult> {
  const task = makeTask("cartpole", {version: "v0"});
  const threshold = CART_POLE_VERSIONS.v0.solvedThreshold;
  const config = {task: task.label, parallel: RL_DEFAULTS.parallel, learningRate: RL_DEFAULTS.learningRate, gamma: task.gamma,
    maxEpisodes: episodes, stopAtAverage: threshold, policy: task.policy};
  return pretrain(task, {seed, episodes, out, log, backend, config, stopAtAverage: threshold, evalEpisodes: 100},
    (evaluation, solvedAt) => ({solved_at_episode: solvedAt ?? NaN, eval_mean_reward: evaluation.meanReward}));
}

/**
 * Pong against the default scripted opponent (games of PONG_TRAINING.pointsToWin points), then
 * 10 scored games to 21. The bar is a share of points won ≥ 50 %. Measured: 3 000 training
 * games (about 15 000 points, 1.1 M frames; 40 min on WASM with 2 busy cores) left the agent
 * where it started, 10 points of 220 (4.5 %, a random policy's share), so the site ships no
 * Pong checkpoint. Karpathy's "Pong from Pixels" needed some 8 000 games of 21 points.
 */
export async function pretrainPong({seed = RL_DEFAULTS.seed, episodes = 200, out = "data/checkpoints/rl-pong.json",
  log = (line: string) => console.error(line), backend = "wasm"}: PretrainOptions = {}): Promise<PretrainResult> {
  const task = makeTask("pong", {pointsToWin: PONG_TRAINING.pointsToWin});
  const config = {task: task.label, parallel: PONG_TRAINING.parallel, learningRate: PONG_TRAINING.learningRate, gamma: task.gamma,
    maxEpisodes: episodes, pointsToWin: PONG_TRAINING.pointsToWin, policy: task.policy};
  return pretrain(task, {seed, episodes, out, log, backend, config, evalEpisodes: 10, evalTask: makeTask("pong", {pointsToWin: 21})},
    (evaluation) => ({eval_point_share: evaluation.pointShare, eval_points_won: evaluation.pointsWon, eval_points_lost: evaluation.pointsLost}));
}

interface Run {
  seed: number;
  episodes: number;
  out: string;
  log: (line: string) => void;
  backend: "cpu" | "wasm";
  config: {parallel: number; learningRate: number} & Record<string, unknown>;
  stopAtAverage?: number;
  evalEpisodes: number;
  /** The task scored after training; default the training task. */
  evalTask?: Task;
}

async function pretrain(task: Task, run: Run, score: (e: Awaited<ReturnType<typeof evaluatePolicy>>, solvedAt: number | null) => Record<string, number>): Promise<PretrainResult> {
  if (!(await tf.setBackend(run.backend))) throw new Error(`pretrain-rl: the tfjs ${run.backend} backend did not start`);
  const {seed, episodes, out, log, config} = run;
  const model = createPolicy(task.policy, seed);
  const started = performance.now();
  const training = startTraining({task, model, seed, episodes, parallel: config.parallel, learningRate: config.learningRate,
    stopAtAverage: run.stopAtAverage});
  let reported = 0;
  training.trainer.subscribe(() => {
    const n = training.episodes.length;
    if (n - reported < 100) return;
    reported = n;
    log(`${task.label}: episode ${n}, mean reward of the last 100 ${training.episodes[n - 1].average.toFixed(1)}`);
  });
  await training.trainer.done;
  await training.dispose();
  if (training.trainer.error) throw training.trainer.error;
  const evaluation = await evaluatePolicy(model, run.evalTask ?? task, {episodes: run.evalEpisodes, seed: seed + 1000});
  const last = training.episodes[training.episodes.length - 1];
  const metrics = {episodes: training.episodes.length, final_average_reward: last.average, ...score(evaluation, training.solvedAt)};
  const text = await saveCheckpoint(model, {
    model: `rl-${task.name}`,
    dataset: {name: `${task.label} (simulated in components/rl)`, sha256: "none: the environment is generated",
      train: training.episodes.length, test: run.evalEpisodes},
    seed,
    config: {...config, evalSeed: seed + 1000, trainSeconds: Math.round((performance.now() - started) / 1000)},
    metrics,
    history: {steps: training.episodes.map((r) => ({...r})), epochs: []}
  });
  model.dispose();
  mkdirSync(dirname(out), {recursive: true});
  writeFileSync(out, text);
  log(`${task.label}: wrote ${out} (${JSON.stringify(metrics)})`);
  return {out, metrics};
}

function option(name: string): number | undefined {
  const at = process.argv.indexOf(`--${name}`);
  if (at < 0) return undefined;
  const value = Number(process.argv[at + 1]);
  if (!Number.isInteger(value) || value < 0) throw new Error(`invalid --${name}: ${process.argv[at + 1]} (expected an integer ≥ 0)`);
  return value;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const which = process.argv[2];
  const options = {seed: option("seed"), episodes: option("episodes")};
  if (which === "cartpole") await pretrainCartpole(options);
  else if (which === "pong") await pretrainPong(options);
  else throw new Error(`pretrain-rl: expected "cartpole" or "pong", got ${JSON.stringify(which)}`);
}
