// Share a run: the settings of every essay that trains survive a run file unchanged, a file
// of another essay or model is refused with a message naming it, and a hostile setting is
// named and fixed by the essay's normalize step.
import {afterEach, beforeAll, describe, expect, test} from "vitest";
import type {CardInput} from "../../components/checkpoint.ts";
import {saveCheckpoint} from "../../components/checkpoint.ts";
import {normalizeDigitsParams} from "../../components/digits/params.ts";
import {normalizeIntroParams} from "../../components/intro/params.ts";
import {normalizeRlParams} from "../../components/rl/params.ts";
import type {RunSpec} from "../../components/share-run.ts";
import {applyRunParams, loadRun, runFileName, runParams, saveRun} from "../../components/share-run.ts";
import {tf} from "../../components/tf.ts";

const made: tf.LayersModel[] = [];
afterEach(() => made.splice(0).forEach((model) => model.dispose()));
beforeAll(async () => {
  await tf.setBackend("cpu");
});

/** [b, 3] → [b, 2], seeded. */
function tiny(): tf.LayersModel {
  const model = tf.sequential({layers: [tf.layers.dense({units: 2, inputShape: [3], kernelInitializer: tf.initializers.glorotNormal({seed: 3})})]});
  made.push(model);
  return model;
}

function card(model: string): CardInput {
  return {
    model,
    dataset: {name: "toy (synthetic)", sha256: "none", train: 8, test: 2},
    seed: 11,
    config: {learningRate: 0.01},
    metrics: {val_accuracy: 0.5},
    history: {steps: [{epoch: 1, step: 1, loss: 0.9}, {epoch: 1, step: 2, loss: 0.7}], epochs: []},
    createdAt: "2026-12-04T12:00:00.000Z"
  };
}

const DIGITS: RunSpec = {essay: "digits", models: ["mnist-fc", "mnist-cnn"], normalize: normalizeDigitsParams};
const INTRO: RunSpec = {essay: "intro", models: ["intro-mlp"], normalize: normalizeIntroParams};
const RL: RunSpec = {essay: "rl", models: ["rl-cartpole"], normalize: normalizeRlParams};

async function roundTrip(spec: RunSpec, params: Record<string, string | number>) {
  const text = await saveRun(tiny(), card(spec.models[0]), {essay: spec.essay, params});
  const loaded = await loadRun(text, spec, {name: "run.json"});
  made.push(loaded.model);
  return loaded;
}

describe("saveRun → loadRun", () => {
  test.each([
    ["digits", DIGITS, {model: "fc", lr: 0.003, batch: 32, epochs: 5, seed: 42}],
    ["intro", INTRO, {dataset: "spiral", depth: 3, width: 12, activation: "tanh", fitlr: 0.05, seed: 9}],
    ["rl", RL, {seed: 4, lr: 0.01, parallel: 6, episodes: 300}]
  ] as const)("gives back the %s settings unchanged, with the weights and history", async (_, spec, params) => {
    const loaded = await roundTrip(spec, params);
    expect(loaded.notes).toEqual([]);
    expect(Object.fromEntries(loaded.params!)).toEqual(Object.fromEntries(Object.entries(params).map(([k, v]) => [k, String(v)])));
    // The settings are what the permalink with the same parameters gives.
    expect(loaded.settings).toEqual(spec.normalize(`?${new URLSearchParams(loaded.params!)}`).settings);
    expect(loaded.card.history.steps.map((s) => s.loss)).toEqual([0.9, 0.7]);
    expect(loaded.card.seed).toBe(11);
    const probe = tf.tensor2d([[1, 2, 3]]);
    const [a, b] = [made[0], loaded.model].map((m) => (m.predict(probe) as tf.Tensor).dataSync());
    expect(Array.from(b)).toEqual(Array.from(a));
    probe.dispose();
  });

  test("names a hostile or out-of-range setting and fixes it, as a permalink would", async () => {
    const loaded = await roundTrip(DIGITS, {model: "<img src=x onerror=alert(1)>", lr: "NaN", epochs: 99});
    expect(loaded.notes.join("\n")).toMatch(/^In run\.json: model="<img src=x onerror=alert\(1\)>" is not a model here/);
    expect(loaded.notes.join("\n")).toMatch(/lr="NaN" is not a number/);
    expect(loaded.notes.join("\n")).toMatch(/epochs="99" is outside 1–20/);
    expect(loaded.settings).toMatchObject({model: "cnn", learningRate: 0.001, epochs: 20});
  });

  test("refuses a run of another essay, naming it, before building the model", async () => {
    const text = await saveRun(tiny(), card("rl-cartpole"), {essay: "rl", params: {seed: 1}});
    const before = tf.memory().numTensors;
    await expect(loadRun(text, DIGITS, {name: "cartpole.json"})).rejects.toThrow(
      'cartpole.json is a run of the "rl" essay, not of "digits": load it on that essay\'s page'
    );
    expect(tf.memory().numTensors).toBe(before);
  });

  test("refuses a model of another slot, naming the slots expected", async () => {
    const text = await saveRun(tiny(), card("faces-cnn"), {essay: "digits", params: {}});
    await expect(loadRun(text, DIGITS, {name: "faces.json"})).rejects.toThrow(
      'faces.json holds the model "faces-cnn", which the digits essay does not show (expected mnist-fc or mnist-cnn)'
    );
  });

  test("refuses a broken file with the checkpoint reader's message", async () => {
    await expect(loadRun('{"format": "manus-checkpoint", "ver', DIGITS, {name: "broken.json"})).rejects.toThrow(/^broken\.json is not a Manus checkpoint: it is not JSON/);
    const text = await saveRun(tiny(), card("mnist-fc"), {essay: "digits", params: {}});
    const bad = JSON.stringify({...JSON.parse(text), run: {format: "manus-run", version: 1, essay: "digits", params: {lr: 3}}});
    await expect(loadRun(bad, DIGITS, {name: "bad.json"})).rejects.toThrow("bad.json is not a Manus run: run.params must be an object of strings");
  });

  test("loads a plain checkpoint's model and history, with a note that it has no settings", async () => {
    const loaded = await loadRun(await saveCheckpoint(tiny(), card("mnist-cnn")), DIGITS, {name: "cnn.json"});
    made.push(loaded.model);
    expect(loaded.params).toBeNull();
    expect(loaded.notes).toEqual(["cnn.json is a checkpoint without settings: the model and its history are loaded, the controls are left as they were."]);
  });

  test("runFileName names the essay, the model and the day", () => {
    expect(runFileName("digits", "mnist-cnn", new Date("2026-12-04T20:00:00Z"))).toBe("digits-mnist-cnn-run-2026-12-04.manus.json");
  });
});

describe("run parameters and controls", () => {
  test("runParams reads the controls, applyRunParams sets them and announces each change", () => {
    // A control is an element with a value that emits "input": an EventTarget stands in for it.
    const control = <T>(value: T) => Object.assign(new EventTarget(), {value}) as unknown as HTMLElement & {value: T};
    const controls = {lr: control(0.001), model: control("cnn"), seed: control(6191)};
    expect(runParams(controls)).toEqual({lr: "0.001", model: "cnn", seed: "6191"});
    const heard: string[] = [];
    for (const [name, c] of Object.entries(controls)) c.addEventListener("input", () => heard.push(name));
    const set = applyRunParams(controls, new URLSearchParams({lr: "0.01", model: "fc", unknown: "x"}));
    expect(set).toEqual(["lr", "model"]);
    expect(heard).toEqual(["lr", "model"]);
    expect(controls.lr.value).toBe(0.01); // a number control gets a number
    expect(controls.model.value).toBe("fc");
    expect(controls.seed.value).toBe(6191);
  });
});
