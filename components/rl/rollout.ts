// Plays one episode in each of several environments at once. All environments still
// running are stepped together, so that one batched forward pass per step chooses every
// action (inference on [running, inputSize] instead of one call per environment).
import type {tf} from "../tf.ts";
import {actionProbabilities, greedyAction, sampleAction} from "./agent.ts";
import {EpisodeMemory} from "./agent-memory.ts";
import type {Environment} from "./env.ts";
import type {Encoder, Observation} from "./tasks.ts";

/** What the first environment just did, for drawing it and the agent's-eye view. */
export interface StepView {
  /** The policy's input before the step (for Pong: the frame difference). */
  input: Float32Array;
  /** The policy's action probabilities for that input. */
  probabilities: Float32Array;
  action: number;
  reward: number;
  /** The first environment's episode has ended (the others may still run). */
  done: boolean;
}

export interface RolloutOptions {
  /** Uniform on [0, 1): the seeded draws of the actions. */
  random: () => number;
  /** Take the most probable action instead of sampling (for evaluation). */
  greedy?: boolean;
  /** Called after every step of the environments; may pause (speed control, drawing). The
   * view is null once the first environment's episode is over and others still run. */
  afterStep?(view: StepView | null): Promise<void> | void;
  /** Checked every step: true ends every episode early (the memories stay as they are). */
  shouldStop?(): boolean;
}

/** Resets every environment, runs each until its episode ends, and returns one memory per environment. */
export async function runEpisodes(
  model: tf.LayersModel,
  environments: readonly Environment<Observation>[],
  encoders: readonly Encoder[],
  {random, greedy = false, afterStep, shouldStop}: RolloutOptions
): Promise<EpisodeMemory[]> {
  const n = environments.length;
  if (encoders.length !== n) throw new Error(`runEpisodes: expected ${n} encoders, got ${encoders.length}`);
  const inputSize = model.inputs[0].shape[1] as number;
  const actionCount = model.outputs[0].shape[1] as number;
  const memories = environments.map(() => new EpisodeMemory());
  const observations = environments.map((environment, i) => {
    encoders[i].reset();
    return environment.reset();
  });
  let running = [...environments.keys()];
  const inputs = new Float32Array(n * inputSize);
  while (running.length > 0 && !shouldStop?.()) {
    const batch = inputs.subarray(0, running.length * inputSize); // [running, inputSize]
    running.forEach((i, row) => encoders[i].encode(observations[i], batch.subarray(row * inputSize, (row + 1) * inputSize)));
    const probabilities = await actionProbabilities(model, batch, running.length); // [running, actionCount]
    const stillRunning: number[] = [];
    let view: StepView | null = null;
    running.forEach((i, row) => {
      const action = greedy ? greedyAction(probabilities, row, actionCount) : sampleAction(probabilities, row, actionCount, random);
      const result = environments[i].step(action);
      const input = batch.subarray(row * inputSize, (row + 1) * inputSize);
      memories[i].add(input, action, result.reward);
      observations[i] = result.observation;
      if (!result.done) stillRunning.push(i);
      if (i === 0) {
        const row0 = probabilities.subarray(row * actionCount, (row + 1) * actionCount);
        view = {input, probabilities: row0, action, reward: result.reward, done: result.done};
      }
    });
    running = stillRunning;
    if (afterStep) await afterStep(view);
  }
  return memories;
}
