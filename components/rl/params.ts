// The RL essay's settings: defaults, ranges, and the one step that turns loose input (URL
// parameters) into strict settings with a note for every value that was fixed or ignored.
// The page, the pretrain script and the benchmark all train with these defaults.
import {noteUnknownParams, quoteParam, readNumberParam} from "../params.ts";
import {isSpeed, SPEEDS} from "./pacer.ts";
import type {Speed} from "./pacer.ts";

export interface RlSettings {
  /** Seed of the policy's weights, the environments and the action draws. */
  seed: number;
  /** Adam's learning rate. */
  learningRate: number;
  /** Environments stepped together: episodes per policy-gradient step. */
  parallel: number;
  /** Episodes of a training run. */
  episodes: number;
  /** Discount factor γ of the returns figure. */
  gamma: number;
  speed: Speed;
  /** The Pong training panel's speed. */
  pongSpeed: Speed;
  /** Who holds Pong's left paddle while the agent plays. */
  opponent: Opponent;
}

export const OPPONENTS = ["scripted", "human"] as const;
export type Opponent = (typeof OPPONENTS)[number];

/** Cart-Pole's training settings: 8 episodes per step at a learning rate of 0.03 solved
 * Cart-Pole v0 for seeds 1–6 in 189–332 episodes (scripts/bench-rl.ts), the best of the
 * settings tried (1–8 environments, rates 0.01–0.03, γ 0.95 and 0.99). */
export const RL_DEFAULTS: RlSettings = {seed: 1, learningRate: 0.03, parallel: 8, episodes: 500, gamma: 0.95, speed: "4", pongSpeed: "4", opponent: "scripted"};

/** Pong's training settings: 4 games per step at 1e-3 (Karpathy's "Pong from Pixels" steps every
 * 10 games at 1e-3). A training game ends at 5 points, so that a batch fits in memory and the
 * reward curve moves in the page; games that are scored go to 21. */
export const PONG_TRAINING = {learningRate: 0.001, parallel: 4, pointsToWin: 5} as const;

export const RL_RANGES = {
  seed: {min: 0, max: 2 ** 31 - 1, step: 1},
  learningRate: {min: 0.0001, max: 0.1, step: 0},
  parallel: {min: 1, max: 16, step: 1},
  episodes: {min: 4, max: 2000, step: 1},
  gamma: {min: 0, max: 1, step: 0.01}
} as const;

const PARAMS: Record<keyof RlSettings, string> = {
  seed: "seed",
  learningRate: "lr",
  parallel: "parallel",
  episodes: "episodes",
  gamma: "gamma",
  speed: "speed",
  pongSpeed: "pspeed",
  opponent: "opponent"
};

/** URL parameter → data-control name of the page's control that holds it (src/rl.md). */
export const RL_URL_CONTROLS: Readonly<Record<string, string>> = {gamma: "rl-gamma", speed: "rl-cartpole-speed", pspeed: "rl-pong-speed", opponent: "rl-pong-opponent"};

export interface NormalizedRl {
  settings: RlSettings;
  /** One sentence per parameter that was ignored or changed, naming it and its value. */
  notes: string[];
}



export function normalizeRlParams(search: string): NormalizedRl {
  const query = new URLSearchParams(search);
  const settings = {...RL_DEFAULTS};
  const notes: string[] = [];
  for (const key of ["speed", "pongSpeed"] as const) {
    const speed = query.get(PARAMS[key]);
    if (speed === null) continue;
    if (isSpeed(speed)) settings[key] = speed;
    else notes.push(`${PARAMS[key]}=${quoteParam(speed)} is not a speed here (expected ${SPEEDS.join(", ")}); using ${RL_DEFAULTS[key]}.`);
  }
  const opponent = query.get(PARAMS.opponent);
  if (opponent !== null) {
    if ((OPPONENTS as readonly string[]).includes(opponent)) settings.opponent = opponent as Opponent;
    else notes.push(`opponent=${quoteParam(opponent)} is not a left paddle here (expected ${OPPONENTS.join(" or ")}); using ${RL_DEFAULTS.opponent}.`);
  }
  for (const key of ["seed", "learningRate", "parallel", "episodes", "gamma"] as const) {
    const value = readNumberParam(PARAMS[key], query.get(PARAMS[key]), RL_RANGES[key], RL_DEFAULTS[key], notes);
    if (value !== undefined) settings[key] = value;
  }
  noteUnknownParams(query, Object.values(PARAMS), notes);
  return {settings, notes};
}
