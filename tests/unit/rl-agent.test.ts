import {beforeAll, describe, expect, it} from "vitest";
import {tf} from "../../components/tf.ts";
import {mulberry32} from "../../components/random.ts";
import {
  actionProbabilities, createPolicy, greedyAction, policyKindOf, reinforceLoss, reinforceStep, sampleAction
} from "../../components/rl/agent.ts";
import {EpisodeMemory, policyBatch} from "../../components/rl/agent-memory.ts";
import {evaluatePolicy} from "../../components/rl/evaluate.ts";
import {createPacer} from "../../components/rl/pacer.ts";
import {normalizeRlParams, RL_DEFAULTS} from "../../components/rl/params.ts";
import {runEpisodes} from "../../components/rl/rollout.ts";
import {makeTask} from "../../components/rl/tasks.ts";
import {startTraining} from "../../components/rl/training.ts";

beforeAll(async () => {
  await tf.setBackend("cpu");
});

const cartpole = makeTask("cartpole");
const pong = makeTask("pong", {pointsToWin: 1});

describe("policy networks", () => {
  it("createPolicy(kind) maps [batch, inputSize] to [batch, actionCount] logits", () => {
    for (const [kind, input, actions] of [["cartpole-dense", 4, 2], ["pong-mlp", 1600, 3]] as const) {
      const model = createPolicy(kind, 1);
      const out = tf.tidy(() => (model.predict(tf.zeros([5, input])) as tf.Tensor).shape);
      expect(out).toEqual([5, actions]);
      expect(policyKindOf(model)).toBe(kind);
      model.dispose();
    }
  });

  it("the same seed gives the same weights", () => {
    const [a, b] = [createPolicy("cartpole-dense", 7), createPolicy("cartpole-dense", 7)];
    expect(Array.from(a.getWeights()[0].dataSync())).toEqual(Array.from(b.getWeights()[0].dataSync()));
    a.dispose();
    b.dispose();
  });

  it("actionProbabilities gives one softmax row per environment and leaks no tensor", async () => {
    const model = createPolicy("cartpole-dense", 1);
    const before = tf.memory().numTensors;
    const p = await actionProbabilities(model, new Float32Array(3 * 4).fill(0.1), 3);
    expect(tf.memory().numTensors).toBe(before);
    expect(p).toHaveLength(6);
    for (let row = 0; row < 3; ++row) expect(p[2 * row] + p[2 * row + 1]).toBeCloseTo(1, 5);
    model.dispose();
  });
});

describe("sampling", () => {
  it("sampleAction follows the probabilities and greedyAction takes the largest", () => {
    const random = mulberry32(3);
    const counts = [0, 0, 0];
    for (let i = 0; i < 4000; ++i) counts[sampleAction([0.2, 0.5, 0.3], 0, 3, random)]++;
    expect(counts[0] / 4000).toBeCloseTo(0.2, 1);
    expect(counts[1] / 4000).toBeCloseTo(0.5, 1);
    expect(greedyAction([0.1, 0.2, 0.7, 0.6, 0.3, 0.1], 1, 3)).toBe(0);
  });
});

describe("REINFORCE", () => {
  it("policyBatch normalises the discounted returns over the whole batch", () => {
    const a = new EpisodeMemory();
    const b = new EpisodeMemory();
    for (let t = 0; t < 3; ++t) a.add(Float32Array.of(t, 0, 0, 0), t % 2, 1);
    b.add(Float32Array.of(9, 0, 0, 0), 1, 1);
    const batch = policyBatch([a, b], {gamma: 0.5});
    expect(Array.from(batch.actions)).toEqual([0, 1, 0, 1]);
    expect(batch.observations).toHaveLength(16);
    const mean = batch.advantages.reduce((s, v) => s + v, 0) / 4;
    expect(mean).toBeCloseTo(0, 6);
    // Returns 1.75, 1.5, 1, 1: the first step of the long episode is credited most.
    expect(batch.advantages[0]).toBeGreaterThan(batch.advantages[1]);
  });

  it("the loss is −mean(log π(a|s)·Â): positive weights on likely actions give a smaller loss", () => {
    const model = createPolicy("cartpole-dense", 2);
    const [up, down] = tf.tidy(() => {
      const obs = tf.tensor2d([[0.1, 0, 0.02, 0]]);
      const p = tf.softmax(model.predict(obs) as tf.Tensor2D).dataSync();
      const likely = p[0] > p[1] ? 0 : 1;
      const loss = (action: number, weight: number) =>
        reinforceLoss(model, obs, tf.tensor1d([action], "int32"), tf.tensor1d([weight])).dataSync()[0];
      expect(loss(likely, 1)).toBeCloseTo(-Math.log(p[likely]), 4);
      return [loss(likely, 1), loss(likely, -1)];
    });
    expect(up).toBeGreaterThan(0);
    expect(down).toBeLessThan(0);
    model.dispose();
  });

  it("a step with a positive advantage makes that action more likely, and repeated steps leak no tensor", async () => {
    const model = createPolicy("cartpole-dense", 3);
    const optimizer = tf.train.adam(0.01);
    const obs = Float32Array.of(0.05, -0.1, 0.02, 0.3);
    const before = (await actionProbabilities(model, obs, 1))[1];
    const batch = {observations: obs, actions: Int32Array.of(1), advantages: Float32Array.of(1)};
    await reinforceStep(model, optimizer, batch); // Adam makes its slot variables here
    const tensors = tf.memory().numTensors;
    for (let i = 0; i < 5; ++i) await reinforceStep(model, optimizer, batch);
    expect(tf.memory().numTensors).toBe(tensors);
    expect((await actionProbabilities(model, obs, 1))[1]).toBeGreaterThan(before);
    optimizer.dispose();
    model.dispose();
  });
});

describe("episodes", () => {
  it("runEpisodes plays one Cart-Pole episode per environment with batched inference", async () => {
    const model = createPolicy("cartpole-dense", 4);
    const envs = [1, 2, 3].map((s) => cartpole.makeEnvironment(s));
    let views = 0;
    const memories = await runEpisodes(model, envs, envs.map(() => cartpole.makeEncoder()), {
      random: mulberry32(1), afterStep: () => void views++
    });
    expect(memories).toHaveLength(3);
    expect(views).toBe(Math.max(...memories.map((m) => m.length)));
    for (const m of memories) expect(m.totalReward).toBe(m.length);
    model.dispose();
  });

  it("Pong episodes feed the policy 1600-float frame differences, zero on the first step", async () => {
    const model = createPolicy("pong-mlp", 1);
    const env = pong.makeEnvironment(5);
    const [memory] = await runEpisodes(model, [env], [pong.makeEncoder()], {random: mulberry32(2)});
    expect(memory.observations[0]).toHaveLength(1600);
    expect(memory.observations[0].every((v) => v === 0)).toBe(true);
    expect(memory.observations[1].some((v) => v !== 0)).toBe(true);
    expect(Math.abs(memory.totalReward)).toBe(1);
    model.dispose();
  });

  it("training a few Cart-Pole batches is deterministic for a seed and leaks no tensor over 20 episodes", async () => {
    const train = async () => {
      const model = createPolicy(cartpole.policy, 9);
      const tensors = tf.memory().numTensors;
      const run = startTraining({task: cartpole, model, seed: 9, parallel: 4, episodes: 20, learningRate: RL_DEFAULTS.learningRate});
      await run.trainer.done;
      await run.dispose();
      expect(run.trainer.status).toBe("done");
      expect(tf.memory().numTensors).toBe(tensors);
      const rewards = run.episodes.map((e) => e.reward);
      const weights = Array.from(model.getWeights()[0].dataSync());
      model.dispose();
      return {rewards, weights};
    };
    const first = await train();
    expect(first.rewards).toHaveLength(20);
    expect(await train()).toEqual(first);
  });

  it("evaluatePolicy counts Pong points won and lost", async () => {
    const model = createPolicy("pong-mlp", 1);
    const result = await evaluatePolicy(model, pong, {episodes: 2, seed: 1, parallel: 2});
    expect(result.pointsWon + result.pointsLost).toBe(2);
    expect(result.rewards).toHaveLength(2);
    model.dispose();
  });
});

describe("speed control and settings", () => {
  it("the pacer waits a real-time step's duration at 1×, never at max, and holds while paused", async () => {
    let clock = 0;
    const waits: number[] = [];
    let draws = 0;
    const pacer = createPacer({
      stepsPerSecond: 50, now: () => clock, draw: () => void draws++,
      sleep: async (ms) => void (waits.push(ms), (clock += ms))
    });
    await pacer.tick();
    expect(waits).toEqual([20]);
    pacer.speed = "max";
    for (let i = 0; i < 10; ++i) await pacer.tick();
    expect(waits).toHaveLength(1);
    const drawsBefore = draws;
    pacer.pause();
    let passed = false;
    const tick = pacer.tick().then(() => (passed = true));
    await Promise.resolve();
    expect(passed).toBe(false);
    pacer.resume();
    await tick;
    expect(draws).toBe(drawsBefore + 1);
  });

  it("normalizeRlParams clamps numbers and rejects unknown speeds with a note", () => {
    const {settings, notes} = normalizeRlParams("?lr=5&speed=<b>&parallel=3&seed=abc");
    expect(settings).toMatchObject({learningRate: 0.1, speed: RL_DEFAULTS.speed, parallel: 3, seed: RL_DEFAULTS.seed});
    expect(notes).toHaveLength(3);
    expect(notes.join(" ")).toContain('speed="<b>"');
  });

  it("normalizeRlParams takes Pong's left paddle from the address and names a bad one", () => {
    expect(normalizeRlParams("?opponent=human").settings.opponent).toBe("human");
    expect(normalizeRlParams("?pspeed=max&speed=1").settings).toMatchObject({pongSpeed: "max", speed: "1"});
    expect(normalizeRlParams("?pspeed=fast").notes).toEqual(['pspeed="fast" is not a speed here (expected 1, 4, 16, max); using 4.']);
    const {settings, notes} = normalizeRlParams("?opponent=<img src=x onerror=alert(1)>");
    expect(settings.opponent).toBe("scripted");
    expect(notes).toEqual(['opponent="<img src=x onerror=alert(1)>" is not a left paddle here (expected scripted or human); using scripted.']);
  });
});
