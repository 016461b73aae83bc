// Training in view: REINFORCE on several environments at once, one policy-gradient step per
// batch of episodes, driven by the shared training loop (one loop step = one batch) so that
// the page yields to the browser, pauses and stops like every other training in the site.
import {tf} from "../tf.ts";
import {deriveSeed} from "../random.ts";
import {startLoop} from "../train/loop.ts";
import type {LoopOptions, Trainer} from "../train/loop.ts";
import {reinforceStep} from "./agent.ts";
import {policyBatch} from "./agent-memory.ts";
import type {Environment} from "./env.ts";
import type {Pacer} from "./pacer.ts";
import {runEpisodes} from "./rollout.ts";
import type {StepView} from "./rollout.ts";
import type {Observation, Task} from "./tasks.ts";

/** Episodes over which the mean reward is taken, as in Gym's "solved" rule. */
export const AVERAGE_WINDOW = 100;

export interface TrainingOptions {
  task: Task;
  /** The policy to train (its weights change in place). */
  model: tf.LayersModel;
  seed: number;
  /** Environments stepped together; one gradient step per batch of this many episodes. */
  parallel: number;
  /** Episodes in all (rounded up to whole batches). */
  episodes: number;
  /** Adam's learning rate. */
  learningRate: number;
  /** Default: the task's (0.95 Cart-Pole, 0.99 Pong). */
  gamma?: number;
  /** Speed, drawing and pause inside episodes; none: yield only between batches. */
  pacer?: Pacer;
  /** Stop once the mean reward of the last AVERAGE_WINDOW episodes reaches this. */
  stopAtAverage?: number;
  loopOptions?: LoopOptions;
}

/** One finished episode: `step` is its 1-based number, `epoch` the batch it belonged to. */
export interface EpisodeRecord {
  epoch: number;
  step: number;
  reward: number;
  /** Mean reward of the last AVERAGE_WINDOW episodes (fewer at the start). */
  average: number;
  [metric: string]: number;
}

export interface TrainingRun {
  trainer: Trainer;
  readonly episodes: readonly EpisodeRecord[];
  /** The environment that is drawn (the first of the batch). */
  readonly environment: Environment<Observation>;
  /** The first environment's last step, for the agent's-eye view; null before the first. */
  readonly lastView: StepView | null;
  /** Steps of the batched environments so far (one per forward pass). */
  readonly environmentSteps: number;
  /** The episode number at which the mean over the last AVERAGE_WINDOW first reached stopAtAverage. */
  readonly solvedAt: number | null;
  pause(): void;
  resume(): void;
  stop(): void;
  /** Stops and frees the optimiser's state (the model stays). */
  dispose(): Promise<void>;
}

export function startTraining(options: TrainingOptions): TrainingRun {
  const {task, model, seed, parallel, episodes, learningRate, pacer, stopAtAverage, loopOptions} = options;
  const gamma = options.gamma ?? task.gamma;
  if (!Number.isInteger(parallel) || parallel < 1) throw new Error(`startTraining: parallel must be an integer ≥ 1, got ${parallel}`);
  const environments = Array.from({length: parallel}, (_, i) => task.makeEnvironment(deriveSeed(seed, `environment ${i}`)));
  const encoders = environments.map(() => task.makeEncoder());
  const optimizer = tf.train.adam(learningRate);
  const records: EpisodeRecord[] = [];
  let lastView: StepView | null = null;
  let solvedAt: number | null = null;
  let environmentSteps = 0;
  let sum = 0; // of the rewards in the averaging window

  const trainer = startLoop({
    epochs: 1,
    stepsPerEpoch: Math.ceil(episodes / parallel),
    seed,
    async step({globalStep, random}): Promise<Record<string, number>> {
      const memories = await runEpisodes(model, environments, encoders, {
        random,
        shouldStop: () => trainer.status === "stopped",
        afterStep: async (view) => {
          if (view) lastView = view;
          environmentSteps += 1;
          await pacer?.tick();
        }
      });
      if (trainer.status === "stopped") return {}; // cut short: no update from partial episodes
      const loss = await reinforceStep(model, optimizer, policyBatch(memories, {gamma, resetAtNonzero: task.resetAtNonzero}));
      for (const memory of memories) {
        const reward = memory.totalReward;
        sum += reward;
        if (records.length >= AVERAGE_WINDOW) sum -= records[records.length - AVERAGE_WINDOW].reward;
        const count = Math.min(records.length + 1, AVERAGE_WINDOW);
        records.push({epoch: globalStep + 1, step: records.length + 1, reward, average: sum / count});
        if (solvedAt === null && stopAtAverage !== undefined && count === AVERAGE_WINDOW && sum / count >= stopAtAverage) {
          solvedAt = records.length;
        }
      }
      if (solvedAt !== null) trainer.stop();
      const batch = records.slice(-memories.length);
      return {reward: batch.reduce((a, r) => a + r.reward, 0) / batch.length, loss};
    }
  }, loopOptions);

  return {
    trainer,
    episodes: records,
    environment: environments[0],
    get lastView() {
      return lastView;
    },
    get environmentSteps() {
      return environmentSteps;
    },
    get solvedAt() {
      return solvedAt;
    },
    pause() {
      trainer.pause();
      pacer?.pause();
    },
    resume() {
      pacer?.resume();
      trainer.resume();
    },
    stop() {
      pacer?.resume(); // a paused episode must run on to notice the stop
      trainer.stop();
    },
    async dispose() {
      this.stop();
      await trainer.done;
      optimizer.dispose();
    }
  };
}
