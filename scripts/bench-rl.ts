// Benchmark (not a test), `npm run bench -- rl`, printing one JSON object:
//   cartpole  does the page's training code solve Cart-Pole v0 — a mean reward of at least 195
//             over 100 consecutive episodes — within 500 episodes, for three seeds? (tfjs CPU)
//   pong      the committed Pong agent's share of points against the default opponent over
//             10 games to 21 (target ≥ 50 %), actions sampled as in training (tfjs WASM)
//   npx tsx scripts/bench-rl.ts [--seeds 1,2,3] [--episodes 500] [--games 10]
import "@tensorflow/tfjs-backend-wasm";
import {existsSync, readFileSync} from "node:fs";
import {fileURLToPath} from "node:url";
import {evaluatePolicy} from "../components/rl/evaluate.ts";
import {loadPretrained} from "../components/rl/pretrained.ts";
import {tf} from "../components/tf.ts";
import {createPolicy} from "../components/rl/agent.ts";
import {CART_POLE_VERSIONS} from "../components/rl/cartpole.ts";
import {RL_DEFAULTS} from "../components/rl/params.ts";
import {makeTask} from "../components/rl/tasks.ts";
import {startTraining} from "../components/rl/training.ts";

export interface CartpoleSeedResult {
  seed: number;
  /** The episode after which the last 100 episodes first averaged ≥ 195; null if never. */
  solvedAt: number | null;
  episodes: number;
  /** Mean reward of the last 100 episodes played. */
  finalAverage: number;
  seconds: number;
}

export interface CartpoleBenchmark {
  benchmark: "cartpole-v0-solved-within-500";
  threshold: number;
  maxEpisodes: number;
  settings: {parallel: number; learningRate: number; gamma: number};
  seeds: CartpoleSeedResult[];
  /** Every seed solved within maxEpisodes. */
  pass: boolean;
}

/** Trains a fresh Cart-Pole policy per seed with the page's defaults until solved or out of episodes. */
export async function benchCartpole({seeds = [1, 2, 3], maxEpisodes = 500, log = (_: string) => {}} = {}): Promise<CartpoleBenchmark> {
  await tf.setBackend("cpu");
  const task = makeTask("cartpole", {version: "v0"});
  const threshold = CART_POLE_VERSIONS.v0.solvedThreshold;
  const results: CartpoleSeedResult[] = [];
  for (const seed of seeds) {
    const started = performance.now();
    const model = createPolicy(task.policy, seed);
    const run = startTraining({
      task, model, seed, parallel: RL_DEFAULTS.parallel, episodes: maxEpisodes,
      learningRate: RL_DEFAULTS.learningRate, stopAtAverage: threshold
    });
    await run.trainer.done;
    await run.dispose();
    model.dispose();
    const last = run.episodes[run.episodes.length - 1];
    const result = {
      seed, solvedAt: run.solvedAt, episodes: run.episodes.length, finalAverage: last?.average ?? NaN,
      seconds: Number(((performance.now() - started) / 1000).toFixed(1))
    };
    log(`seed ${seed}: ${result.solvedAt === null ? "not solved" : `solved at episode ${result.solvedAt}`} ` +
      `(last-100 mean ${result.finalAverage.toFixed(1)}, ${result.seconds} s)`);
    results.push(result);
  }
  return {
    benchmark: "cartpole-v0-solved-within-500",
    threshold,
    maxEpisodes,
    settings: {parallel: RL_DEFAULTS.parallel, learningRate: RL_DEFAULTS.learningRate, gamma: task.gamma},
    seeds: results,
    pass: results.every((r) => r.solvedAt !== null && r.solvedAt <= maxEpisodes)
  };
}

export interface PongBenchmark {
  benchmark: "pong-points-won";
  checkpoint: string;
  /** Null when no Pong checkpoint is committed. */
  games: number | null;
  pointsWon: number | null;
  pointsLost: number | null;
  pointShare: number | null;
  target: 0.5;
  pass: boolean;
}

/** Scores the committed Pong agent on fresh games to 21 (seeds apart from its training's). */
export async function benchPong({checkpoint = "data/checkpoints/rl-pong.json", games = 10, seed = 4242} = {}): Promise<PongBenchmark> {
  const missing = {benchmark: "pong-points-won", checkpoint, games: null, pointsWon: null, pointsLost: null, pointShare: null, target: 0.5, pass: false} as const;
  if (!existsSync(checkpoint)) return missing;
  await tf.setBackend("wasm");
  const loaded = await loadPretrained(readFileSync(checkpoint, "utf8"), "rl-pong", "pong-mlp");
  if (!loaded) return missing;
  const evaluation = await evaluatePolicy(loaded.model, makeTask("pong", {pointsToWin: 21}), {episodes: games, seed});
  loaded.model.dispose();
  return {
    benchmark: "pong-points-won", checkpoint, games, pointsWon: evaluation.pointsWon, pointsLost: evaluation.pointsLost,
    pointShare: evaluation.pointShare, target: 0.5, pass: evaluation.pointShare >= 0.5
  };
}

function option(name: string): string | undefined {
  const at = process.argv.indexOf(`--${name}`);
  return at >= 0 ? process.argv[at + 1] : undefined;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const seeds = (option("seeds") ?? "1,2,3").split(",").map(Number);
  if (seeds.some((s) => !Number.isInteger(s))) throw new Error(`invalid --seeds: ${option("seeds")} (expected integers like 1,2,3)`);
  const maxEpisodes = Number(option("episodes") ?? 500);
  const games = Number(option("games") ?? 10);
  if (!Number.isInteger(games) || games < 1) throw new Error(`invalid --games: ${option("games")} (expected an integer ≥ 1)`);
  const cartpole = await benchCartpole({seeds, maxEpisodes, log: (line) => console.error(line)});
  const pong = await benchPong({games});
  console.log(JSON.stringify({cartpole, pong}, null, 2));
}
