// The shape every environment of the RL essay shares, modelled on the reset/step loop of
// OpenAI Gym (Brockman et al., 2016, arXiv:1606.01540): the agent sees an observation,
// picks one of `actionCount` discrete actions, and gets a reward until the episode ends.

/** What an episode's bookkeeping reports after each step. */
export interface EpisodeInfo {
  /** Steps taken in this episode, counting this one. */
  steps: number;
  /** The episode ended by the rules of the task (the pole fell, a side reached 21). */
  terminated: boolean;
  /** The episode was cut off by a step cap, not by the rules. */
  truncated: boolean;
}

export interface StepResult<Observation, Info extends EpisodeInfo = EpisodeInfo> {
  /** A new array each step, so that an agent may keep it in its memory. */
  observation: Observation;
  reward: number;
  /** terminated || truncated: call reset() before the next step. */
  done: boolean;
  info: Info;
}

export interface Environment<Observation, Info extends EpisodeInfo = EpisodeInfo> {
  /** The observation's shape, e.g. [4] for Cart-Pole or [rows, columns] for a frame. */
  readonly observationShape: readonly number[];
  /** Actions are the integers 0 … actionCount − 1. */
  readonly actionCount: number;
  /** A short name per action, in action order. */
  readonly actionNames: readonly string[];
  /** Starts an episode. With a seed, the environment's generator restarts from it;
   * without, it continues, so that successive episodes differ but stay reproducible. */
  reset(seed?: number): Observation;
  step(action: number): StepResult<Observation, Info>;
}

/** Throws unless `action` is an integer in 0 … count − 1. */
export function checkAction(environment: string, action: number, count: number): void {
  if (!Number.isInteger(action) || action < 0 || action >= count) {
    throw new Error(`${environment}: invalid action: ${action} (expected an integer 0 … ${count - 1})`);
  }
}

/** The error for a step taken when no episode is running. */
export function episodeOverError(environment: string): Error {
  return new Error(`${environment}: step() called with no episode running (call reset() first)`);
}
