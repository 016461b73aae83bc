// Loaded by scripts/pretrain.ts in headless Chromium, never by a page of the site: trains
// a digits model with exactly the page's code (models, fitModel, evaluate) and returns
// the checkpoint text. Chromium's GPU backends on SwiftShader train the CNN about ten
// times faster than Node's pure-JS CPU backend (see ../shared/PLATFORM.md).
import {initBackend} from "../backend.ts";
import {saveCheckpoint} from "../checkpoint.ts";
import {tf} from "../tf.ts";
import {fitModel} from "../train/fit.ts";
import {historyToJSON} from "../train/history.ts";
import type {DigitsManifest} from "../digits/data.ts";
import {splitIndices, toTensors, unpackSprite} from "../digits/data.ts";
import {evaluate} from "../digits/evaluate.ts";
import type {DigitsModelKind} from "../digits/models.ts";
import {createDigitsModel} from "../digits/models.ts";
import {shiftBatch} from "../digits/augment.ts";
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
  const model = createDigitsModel(config.kind, {seed: config.seed, learningRate: config.learningRate});
  const augment = config.shift > 0 ? (xs: tf.Tensor, random: () => number) => shiftBatch(xs, random, config.shift) : undefined;
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
  const text = await saveCheckpoint(model, {
    model: SLOT_NAMES[config.kind],
    dataset: {name: manifest.dataset, sha256: manifest.sha256, train: manifest.train, test: manifest.test},
    seed: config.seed,
    config: {learningRate: config.learningRate, batchSize: config.batchSize, epochs: config.epochs, shift: config.shift},
    metrics: {test_accuracy: evaluation.accuracy, train_seconds: trainer.progress.elapsedMs / 1000},
    history: historyToJSON(history)
  });
  tf.dispose([train.xs, train.ys, test.xs, test.ys]);
  model.dispose();
  return {text, accuracy: evaluation.accuracy};
}
