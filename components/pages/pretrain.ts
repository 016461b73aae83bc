// Loaded by scripts/pretrain.ts in headless Chromium, never by a page of the site: trains
// a digits model with exactly the page's code (models, fitModel, evaluate) and returns
// the checkpoint text. Chromium's GPU backends on SwiftShader train the CNN about ten
// times faster than Node's pure-JS CPU backend (see ../shared/PLATFORM.md).
import {initBackend} from "../backend.ts";
import {loadCheckpoint, saveCheckpoint} from "../checkpoint.ts";
import {tf} from "../tf.ts";
import {fitModel} from "../train/fit.ts";
import type {HistoryJSON} from "../train/history.ts";
import {historyToJSON} from "../train/history.ts";
import type {DigitsManifest} from "../digits/data.ts";
import {splitIndices, toTensors, unpackSprite} from "../digits/data.ts";
import {evaluate} from "../digits/evaluate.ts";
import type {DigitsModelKind} from "../digits/models.ts";
import {compileDigitsModel, createDigitsModel} from "../digits/models.ts";
import {affineBatch, shiftBatch} from "../digits/augment.ts";
import {SLOT_NAMES} from "../digits/lab.ts";

export interface PretrainConfig {
  kind: DigitsModelKind;
  backend: string;
  seed: number;
  learningRate: number;
  batchSize: number;
  epochs: number;
  /** Shift each batch by up to this many pixels (0: no augmentation). */
  shift: number;
  /** Rotate each image by up to this many degrees either way; with `scale`, makes the
   * augmentation per image (affineBatch) instead of one shift per batch. 0 by default. */
  rotate?: number;
  /** Scale each image by up to this fraction either way (0.1: 0.9–1.1). 0 by default. */
  scale?: number;
  /**
   * The text of a checkpoint to go on training from (a fine-tuning stage, usually at a
   * lower learning rate): its weights are the start, its history and time are kept, and
   * the card records both stages.
   */
  resume?: string;
}

export async function pretrainDigits(config: PretrainConfig, dataUrl: string, log: (line: string) => void) {
  const choice = await initBackend(config.backend);
  if (choice.refused) throw new Error(choice.refused.reason);
  const manifest: DigitsManifest = await (await fetch(new URL("mnist.json", dataUrl))).json();
  const sprite = new Image();
  sprite.src = new URL(manifest.sprite.file, dataUrl).href;
  await sprite.decode();
  const labels = new Uint8Array(await (await fetch(new URL(manifest.labels.file, dataUrl))).arrayBuffer());
  const digits = unpackSprite(manifest, sprite, labels);
  const train = toTensors(digits, splitIndices(digits, "train"));
  const test = toTensors(digits, splitIndices(digits, "test"));
  const earlier = config.resume ? await loadCheckpoint(config.resume, {name: "the checkpoint to resume"}) : null;
  if (earlier && earlier.card.model !== SLOT_NAMES[config.kind]) {
    throw new Error(`cannot resume ${SLOT_NAMES[config.kind]} from a ${earlier.card.model} checkpoint`);
  }
  const model = earlier ? earlier.model : createDigitsModel(config.kind, {seed: config.seed, learningRate: config.learningRate});
  if (earlier) compileDigitsModel(model, config.learningRate);
  const {shift, rotate = 0, scale = 0} = config;
  const augment =
    rotate > 0 || scale > 0 ? (xs: tf.Tensor, random: () => number) => affineBatch(xs, random, {shift, degrees: rotate, scale})
    : shift > 0 ? (xs: tf.Tensor, random: () => number) => shiftBatch(xs, random, shift)
    : undefined;
  const trainer = fitModel(model, train, {epochs: config.epochs, batchSize: config.batchSize, seed: config.seed, validation: test, augment});
  let lastEpoch = 0;
  trainer.subscribe((t) => {
    if (t.history.epochs.length > lastEpoch) {
      lastEpoch = t.history.epochs.length;
      const e = t.history.epochs[lastEpoch - 1];
      log(`epoch ${lastEpoch}/${config.epochs}: loss ${e.loss?.toFixed(4)}, val_accuracy ${e.val_accuracy?.toFixed(4)} (${(t.progress.elapsedMs / 1000).toFixed(0)} s)`);
    }
  });
  const history = await trainer.done;
  if (trainer.status !== "done") throw new Error(`training ${trainer.status}: ${trainer.error?.message ?? ""}`);
  const evaluation = await evaluate(model, digits);
  const stage = {learningRate: config.learningRate, batchSize: config.batchSize, epochs: config.epochs, shift, rotate, scale};
  const seconds = trainer.progress.elapsedMs / 1000;
  const text = await saveCheckpoint(model, {
    model: SLOT_NAMES[config.kind],
    dataset: {name: manifest.dataset, sha256: manifest.sha256, train: manifest.train, test: manifest.test},
    seed: config.seed,
    // A resumed run keeps the first run's settings and lists each later stage with the
    // accuracy it ended at, so the card tells the whole recipe.
    config: earlier ? {...earlier.card.config, stages: [...stagesOf(earlier.card.config), {...stage, test_accuracy: evaluation.accuracy}]} : stage,
    metrics: {test_accuracy: evaluation.accuracy, train_seconds: seconds + (earlier?.card.metrics.train_seconds ?? 0)},
    history: earlier ? appendHistory(earlier.card.history, historyToJSON(history)) : historyToJSON(history)
  });
  tf.dispose([train.xs, train.ys, test.xs, test.ys]);
  model.dispose();
  return {text, accuracy: evaluation.accuracy};
}

/** `later` renumbered to follow `earlier`: its epochs and steps count on from where it stopped. */
function appendHistory(earlier: HistoryJSON, later: HistoryJSON): HistoryJSON {
  const epochs = earlier.epochs.length;
  const steps = earlier.steps.length;
  return {
    epochs: [...earlier.epochs, ...later.epochs.map((e) => ({...e, epoch: (e.epoch ?? 0) + epochs}))],
    steps: [...earlier.steps, ...later.steps.map((s) => ({...s, epoch: (s.epoch ?? 0) + epochs, step: (s.step ?? 0) + steps}))]
  };
}

function stagesOf(config: Record<string, unknown>): unknown[] {
  return Array.isArray(config.stages) ? config.stages : [];
}
