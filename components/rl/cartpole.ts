// Cart-Pole: balance a pole hinged on a cart by pushing the cart left or right.
// Dynamics of Barto, Sutton & Anderson, "Neuronlike adaptive elements that can solve
// difficult learning control problems", IEEE Trans. SMC 13(5), 1983, with the constants,
// the explicit Euler step, the thresholds and the rewards of OpenAI Gym's CartPole-v0/v1
// (gym/envs/classic_control/cartpole.py). Positive x is to the right; θ is measured from
// the upright, positive when the pole leans right.
import {mulberry32} from "../random.ts";
import {checkAction, episodeOverError} from "./env.ts";
import type {Environment, EpisodeInfo, StepResult} from "./env.ts";

/** Gravitational acceleration [m/s²]. */
export const GRAVITY = 9.8;
/** Mass of the cart [kg]. */
export const CART_MASS = 1.0;
/** Mass of the pole [kg]. */
export const POLE_MASS = 0.1;
/** Half the pole's length, i.e. the pivot-to-centre-of-mass distance [m]. */
export const HALF_POLE_LENGTH = 0.5;
/** Magnitude of the push on the cart [N]. */
export const FORCE = 10;
/** Time step of one Euler update [s]. */
export const TAU = 0.02;
/** The episode fails when |x| exceeds this [m] (the cart leaves the track). */
export const X_THRESHOLD = 2.4;
/** The episode fails when |θ| exceeds 12° [rad]. */
export const THETA_THRESHOLD = (12 * 2 * Math.PI) / 360;
/** Each state variable starts uniform in ±this (units of the variable). */
export const INITIAL_STATE_BOUND = 0.05;
/** Episodes over which the mean return is averaged to call the task solved (Gym). */
export const SOLVED_WINDOW = 100;

export type CartPoleVersion = "v0" | "v1";

/** Episode cap [steps] and solved threshold [mean return over SOLVED_WINDOW episodes]. */
export const CART_POLE_VERSIONS: Readonly<Record<CartPoleVersion, {maxSteps: number; solvedThreshold: number}>> = {
  v0: {maxSteps: 200, solvedThreshold: 195},
  v1: {maxSteps: 500, solvedThreshold: 475}
};

/** The physical state; the observation is these four numbers in this order. */
export interface CartPoleState {
  /** Cart position [m]. */
  x: number;
  /** Cart velocity [m/s]. */
  xDot: number;
  /** Pole angle from the upright [rad]. */
  theta: number;
  /** Pole angular velocity [rad/s]. */
  thetaDot: number;
}

export interface CartPoleOptions {
  /** "v1" (500-step cap, solved at 475) by default, or "v0" (200, 195). */
  version?: CartPoleVersion;
  /** Seed of the generator that draws initial states; 0 by default. */
  seed?: number;
}

const NAME = "Cart-Pole";
const TOTAL_MASS = CART_MASS + POLE_MASS; // [kg]
const POLE_MASS_LENGTH = POLE_MASS * HALF_POLE_LENGTH; // [kg·m]

export class CartPole implements Environment<Float64Array> {
  /** [x, ẋ, θ, θ̇]: m, m/s, rad, rad/s. */
  readonly observationShape = [4] as const;
  readonly actionCount = 2;
  /** Action 0 pushes the cart with −FORCE, action 1 with +FORCE. */
  readonly actionNames = ["push left", "push right"] as const;
  readonly version: CartPoleVersion;
  /** Episode cap [steps]: reaching it truncates the episode. */
  readonly maxSteps: number;
  /** Mean return over SOLVED_WINDOW consecutive episodes that counts as solving the task. */
  readonly solvedThreshold: number;

  // The state lives in plain numbers so that a step allocates only the observation.
  private x = 0;
  private xDot = 0;
  private theta = 0;
  private thetaDot = 0;
  private steps = 0;
  private running = false;
  private random: () => number;

  constructor({version = "v1", seed = 0}: CartPoleOptions = {}) {
    if (!(version in CART_POLE_VERSIONS)) throw new Error(`invalid ${NAME} version: ${version} (expected v0 or v1)`);
    this.version = version;
    this.maxSteps = CART_POLE_VERSIONS[version].maxSteps;
    this.solvedThreshold = CART_POLE_VERSIONS[version].solvedThreshold;
    this.random = mulberry32(seed);
  }

  /** A copy of the current state. */
  get state(): CartPoleState {
    return {x: this.x, xDot: this.xDot, theta: this.theta, thetaDot: this.thetaDot};
  }

  /** Draws each state variable uniformly in ±INITIAL_STATE_BOUND. */
  reset(seed?: number): Float64Array {
    if (seed !== undefined) this.random = mulberry32(seed);
    const draw = () => INITIAL_STATE_BOUND * (2 * this.random() - 1);
    return this.start({x: draw(), xDot: draw(), theta: draw(), thetaDot: draw()});
  }

  /** Starts an episode from a chosen state (for the essay's "what if" figures and tests). */
  start({x, xDot, theta, thetaDot}: CartPoleState): Float64Array {
    for (const [name, value] of Object.entries({x, xDot, theta, thetaDot})) {
      if (!Number.isFinite(value)) {
        throw new Error(`${NAME}: invalid state ${name}: ${value} (expected a finite number)`);
      }
    }
    this.x = x;
    this.xDot = xDot;
    this.theta = theta;
    this.thetaDot = thetaDot;
    this.steps = 0;
    this.running = true;
    return this.observe();
  }

  /** One Euler step of τ seconds. The reward is 1 for every step, the failing one included. */
  step(action: number): StepResult<Float64Array> {
    if (!this.running) throw episodeOverError(NAME);
    checkAction(NAME, action, this.actionCount);
    const force = action === 1 ? FORCE : -FORCE; // [N]
    const cos = Math.cos(this.theta);
    const sin = Math.sin(this.theta);
    // The equations of motion as Gym writes them (Barto et al. 1983, friction dropped):
    // `temp` is the push plus the pole's centrifugal pull, per unit total mass [m/s²].
    const temp = (force + POLE_MASS_LENGTH * this.thetaDot * this.thetaDot * sin) / TOTAL_MASS;
    const thetaAcc =
      (GRAVITY * sin - cos * temp) / (HALF_POLE_LENGTH * (4 / 3 - (POLE_MASS * cos * cos) / TOTAL_MASS)); // [rad/s²]
    const xAcc = temp - (POLE_MASS_LENGTH * thetaAcc * cos) / TOTAL_MASS; // [m/s²]
    // Explicit Euler: positions advance with the old velocities, as in Gym.
    this.x += TAU * this.xDot;
    this.xDot += TAU * xAcc;
    this.theta += TAU * this.thetaDot;
    this.thetaDot += TAU * thetaAcc;
    this.steps += 1;
    // Strict inequalities, as Gym: a state exactly on a threshold is still alive.
    const terminated =
      this.x < -X_THRESHOLD || this.x > X_THRESHOLD || this.theta < -THETA_THRESHOLD || this.theta > THETA_THRESHOLD;
    const truncated = !terminated && this.steps >= this.maxSteps;
    const done = terminated || truncated;
    if (done) this.running = false;
    const info: EpisodeInfo = {steps: this.steps, terminated, truncated};
    return {observation: this.observe(), reward: 1, done, info};
  }

  /** Whether the last SOLVED_WINDOW episode returns average at least the solved threshold. */
  isSolved(episodeReturns: ArrayLike<number>): boolean {
    const n = episodeReturns.length;
    if (n < SOLVED_WINDOW) return false;
    let sum = 0;
    for (let i = n - SOLVED_WINDOW; i < n; ++i) sum += episodeReturns[i];
    return sum / SOLVED_WINDOW >= this.solvedThreshold;
  }

  private observe(): Float64Array {
    return Float64Array.of(this.x, this.xDot, this.theta, this.thetaDot);
  }
}
