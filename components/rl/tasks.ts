// The two tasks of the RL essay, each as what the agent needs to know about it: how to make
// an environment, how to turn its observation into the policy's input, which policy and
// discount to use, and how fast "real time" is.
import type {PolicyKind} from "./agent.ts";
import {CartPole} from "./cartpole.ts";
import type {CartPoleVersion} from "./cartpole.ts";
import {drawCartPole, drawPong} from "./draw.ts";
import type {Environment} from "./env.ts";
import {Pong} from "./pong.ts";
import {frameDifference, PREPROCESSED_SIZE, preprocessPongFrame} from "./preprocess.ts";

export type TaskName = "cartpole" | "pong";
export type Observation = Float64Array | Uint8Array;
type Context = CanvasRenderingContext2D | OffscreenCanvasRenderingContext2D;

/** Turns an environment's observations into the policy's input, episode by episode. */
export interface Encoder {
  /** Forget the previous frame: called at every reset. */
  reset(): void;
  /** Writes the policy's input for `observation` into `out` (the policy's input size). */
  encode(observation: Observation, out: Float32Array): Float32Array;
}

export interface TaskOptions {
  /** Cart-Pole version: "v0" (200 steps, solved at 195) by default. */
  version?: CartPoleVersion;
  /** Pong: points that end an episode; 21 by default. */
  pointsToWin?: number;
}

export interface Task {
  name: TaskName;
  label: string;
  policy: PolicyKind;
  /** Discount factor: Lab 3 uses 0.95 for Cart-Pole and 0.99 for Pong. */
  gamma: number;
  /** Pong: each point ends a rally, so the discounted sum restarts there. */
  resetAtNonzero: boolean;
  /** Environment steps per second at "real time": Cart-Pole's τ is 0.02 s; Atari runs at 60 Hz. */
  stepsPerSecond: number;
  makeEnvironment(seed: number): Environment<Observation>;
  makeEncoder(): Encoder;
  draw(context: Context, environment: Environment<Observation>): void;
  /** One sentence on the state drawn, for the figure's text alternative. */
  describe(environment: Environment<Observation>): string;
}

export function makeTask(name: TaskName, {version = "v0", pointsToWin = 21}: TaskOptions = {}): Task {
  if (name === "cartpole") {
    return {
      name, label: `Cart-Pole ${version}`, policy: "cartpole-dense", gamma: 0.95, resetAtNonzero: false, stepsPerSecond: 50,
      makeEnvironment: (seed) => new CartPole({version, seed}),
      makeEncoder: () => ({reset() {}, encode: (observation, out) => (out.set(observation), out)}),
      draw: (context, environment) => drawCartPole(context, (environment as CartPole).state),
      describe(environment) {
        const {x, theta} = (environment as CartPole).state;
        return `The cart is at x = ${x.toFixed(2)} m and the pole leans ${Math.abs((theta * 180) / Math.PI).toFixed(1)}° ` +
          `to the ${theta >= 0 ? "right" : "left"}.`;
      }
    };
  }
  if (name === "pong") {
    return {
      name, label: "Pong", policy: "pong-mlp", gamma: 0.99, resetAtNonzero: true, stepsPerSecond: 60,
      makeEnvironment: (seed) => new Pong({seed, pointsToWin}),
      makeEncoder: createPongEncoder,
      draw: (context, environment) => drawPong(context, (environment as Pong).state, (environment as Pong).config),
      describe(environment) {
        const {agentScore, opponentScore} = (environment as Pong).state;
        return `The agent (right) has ${agentScore} point${agentScore === 1 ? "" : "s"}, the opponent (left) ${opponentScore}.`;
      }
    };
  }
  throw new Error(`invalid task: ${JSON.stringify(name)} (expected cartpole or pong)`);
}

/** The course's input for Pong: the difference of the last two preprocessed 40 × 40 frames. */
export function createPongEncoder(): Encoder {
  let previous: Float32Array | null = null;
  let current = new Float32Array(PREPROCESSED_SIZE * PREPROCESSED_SIZE);
  let spare = new Float32Array(PREPROCESSED_SIZE * PREPROCESSED_SIZE);
  return {
    reset() {
      previous = null;
    },
    encode(observation, out) {
      preprocessPongFrame(observation as Uint8Array, current);
      frameDifference(current, previous, out);
      previous = current;
      [current, spare] = [spare, current];
      return out;
    }
  };
}
