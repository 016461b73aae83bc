// The policy-gradient agent of the RL essay (REINFORCE, Williams 1992, "Simple statistical
// gradient-following algorithms for connectionist reinforcement learning"), as the course's
// Lab 3 builds it: a network maps an observation to one logit per action, actions are drawn
// from the softmax of those logits, and after a batch of episodes one Adam step raises the
// log-probability of each action taken in proportion to its normalised discounted return.
import {tf} from "../tf.ts";
import {deriveSeed} from "../random.ts";

export type PolicyKind = "cartpole-dense" | "pong-mlp";

export interface PolicySpec {
  /** Length of the flat observation vector the network reads. */
  inputSize: number;
  actionCount: number;
  /** Units of each hidden ReLU layer. */
  hidden: readonly number[];
}

/**
 * Cart-Pole: the four state numbers → 32 ReLU units → 2 logits (Lab 3's dense policy).
 * Pong: the 40 × 40 frame difference, flattened to 1600 floats → 200 ReLU units → 3 logits,
 * the two-layer network of Karpathy's "Pong from Pixels" (2016).
 * TODO: the course's small CNN for Pong is not offered: on the CPU fallback a conv policy
 * stepping several games in parallel would leave the page unresponsive.
 */
export const POLICIES: Readonly<Record<PolicyKind, PolicySpec>> = {
  "cartpole-dense": {inputSize: 4, actionCount: 2, hidden: [32]},
  "pong-mlp": {inputSize: 40 * 40, actionCount: 3, hidden: [200]}
};

export function isPolicyKind(kind: unknown): kind is PolicyKind {
  return typeof kind === "string" && kind in POLICIES;
}

/** A seeded policy network, [batch, inputSize] → [batch, actionCount] logits (no softmax). */
export function createPolicy(kind: PolicyKind, seed: number): tf.Sequential {
  const spec = POLICIES[kind];
  if (!spec) throw new Error(`invalid policy kind: ${JSON.stringify(kind)} (expected ${Object.keys(POLICIES).join(" or ")})`);
  const init = (layer: number) => tf.initializers.glorotUniform({seed: deriveSeed(seed, `${kind} layer ${layer}`)});
  const model = tf.sequential({name: `rl-${kind}`});
  spec.hidden.forEach((units, i) => {
    model.add(tf.layers.dense({
      units, activation: "relu", kernelInitializer: init(i), ...(i === 0 ? {inputShape: [spec.inputSize]} : {})
    }));
  });
  model.add(tf.layers.dense({units: spec.actionCount, kernelInitializer: init(spec.hidden.length)}));
  return model;
}

/** The spec a loaded model fits, checked by its input and output sizes; throws if none. */
export function policyKindOf(model: tf.LayersModel): PolicyKind {
  const input = model.inputs[0].shape[1];
  const output = model.outputs[0].shape[1];
  for (const kind of Object.keys(POLICIES) as PolicyKind[]) {
    if (POLICIES[kind].inputSize === input && POLICIES[kind].actionCount === output) return kind;
  }
  throw new Error(`not a policy of this essay: the model maps [${input}] to [${output}]`);
}

/**
 * Batched inference: `observations` holds `count` rows of the model's input size, one per
 * environment, row-major. Returns the softmax probabilities, `count` × actionCount, row-major.
 */
export async function actionProbabilities(
  model: tf.LayersModel,
  observations: Float32Array,
  count: number
): Promise<Float32Array> {
  const size = observations.length / count;
  const probabilities = tf.tidy(() => {
    const input = tf.tensor2d(observations, [count, size]); // [count, inputSize]
    return tf.softmax(model.predict(input) as tf.Tensor2D); // [count, actionCount]
  });
  try {
    return (await probabilities.data()) as Float32Array;
  } finally {
    probabilities.dispose();
  }
}

/** Draws an action from row `row` of a probability table (inverse CDF with `random()`). */
export function sampleAction(probabilities: ArrayLike<number>, row: number, actionCount: number, random: () => number): number {
  const u = random();
  let cumulative = 0;
  for (let a = 0; a < actionCount; ++a) {
    cumulative += probabilities[row * actionCount + a];
    if (u < cumulative) return a;
  }
  return actionCount - 1; // rounding left the sum just under 1
}

/** The index of the largest probability in row `row`: the greedy action. */
export function greedyAction(probabilities: ArrayLike<number>, row: number, actionCount: number): number {
  let best = 0;
  for (let a = 1; a < actionCount; ++a) {
    if (probabilities[row * actionCount + a] > probabilities[row * actionCount + best]) best = a;
  }
  return best;
}

/** What one policy-gradient step learns from: T steps of any number of episodes. */
export interface PolicyBatch {
  /** T × inputSize, row-major. */
  observations: Float32Array;
  /** T actions. */
  actions: Int32Array;
  /** T weights: the normalised discounted returns. */
  advantages: Float32Array;
}

/**
 * The REINFORCE loss, −mean_t(log π(a_t | s_t) · Â_t): minimising it raises the
 * probability of actions that were followed by better-than-average returns.
 * observations [T, inputSize], actions [T] int32, advantages [T] → a scalar.
 */
export function reinforceLoss(model: tf.LayersModel, observations: tf.Tensor2D, actions: tf.Tensor1D, advantages: tf.Tensor1D): tf.Scalar {
  return tf.tidy(() => {
    const logits = model.apply(observations) as tf.Tensor2D; // [T, actionCount]
    const logProbabilities = tf.logSoftmax(logits); // [T, actionCount]
    const actionCount = logits.shape[1];
    const chosen = tf.sum(tf.mul(logProbabilities, tf.oneHot(actions, actionCount)), 1); // [T]: log π(a_t | s_t)
    return tf.neg(tf.mean(tf.mul(chosen, advantages)));
  });
}

/** One optimiser step on `batch`; returns the loss before the step. */
export async function reinforceStep(model: tf.LayersModel, optimizer: tf.Optimizer, batch: PolicyBatch): Promise<number> {
  const steps = batch.actions.length;
  if (steps === 0) throw new Error("reinforceStep: expected at least one step in the batch, got none");
  if (batch.advantages.length !== steps || batch.observations.length % steps !== 0) {
    throw new Error(`reinforceStep: expected ${steps} advantages and observations, got ${batch.advantages.length} and ` +
      `${batch.observations.length} floats`);
  }
  const variables = model.trainableWeights.map((weight) => weight.read() as tf.Variable);
  const loss = tf.tidy(() => {
    const observations = tf.tensor2d(batch.observations, [steps, batch.observations.length / steps]);
    const actions = tf.tensor1d(batch.actions, "int32");
    const advantages = tf.tensor1d(batch.advantages);
    return optimizer.minimize(() => reinforceLoss(model, observations, actions, advantages), true, variables) as tf.Scalar;
  });
  try {
    return (await loss.data())[0];
  } finally {
    loss.dispose();
  }
}
