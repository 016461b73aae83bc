// The Digits lab: two model slots (FC and CNN), each holding a pretrained or a reader-
// trained model, the training panel, and the figures that show what the current model
// does. The page creates one lab and places its parts along the story.
import {canTrain} from "../backend.ts";
import type {TrainingCard} from "../checkpoint.ts";
import {expectCompatible, loadCheckpoint} from "../checkpoint.ts";
import type {Control} from "../controls.ts";
import {button, controlRow, select, slider} from "../controls.ts";
import type {Curve} from "../figures/curve.ts";
import {createCurve} from "../figures/curve.ts";
import {percent} from "../figures/figure.ts";
import {applyRunParams, createRunControls, loadRun, runFileName, saveRun} from "../share-run.ts";
import {tf} from "../tf.ts";
import {fitModel} from "../train/fit.ts";
import type {History} from "../train/history.ts";
import {downloadHistoryCsv} from "../download.ts";
import {historyFromJSON, historyToJSON} from "../train/history.ts";
import type {Trainer} from "../train/loop.ts";
import type {Digits} from "./data.ts";
import {splitIndices, toTensors} from "./data.ts";
import type {Evaluation} from "./evaluate.ts";
import {evaluate, mistakes} from "./evaluate.ts";
import {createConfusionFigure} from "./figures/confusion.ts";
import {createDrawPad} from "./figures/drawpad.ts";
import {createActivationsFigure, createFiltersFigure} from "./figures/inside.ts";
import {createMistakesFigure} from "./figures/mistakes.ts";
import type {DigitsModelKind} from "./models.ts";
import {IMAGE_SHAPE, MODEL_KINDS, compileDigitsModel, createDigitsModel, disposeDigitsModel} from "./models.ts";
import type {DigitsSettings} from "./params.ts";
import {normalizeDigitsParams, RANGES} from "./params.ts";

const STATUS_WORDS: Record<Trainer["status"], string> = {running: "Training", paused: "Paused", stopped: "Stopped", done: "Finished", failed: "Failed"};
const CONFIG_WORDS: Record<string, string> = {learningRate: "learning rate", batchSize: "batch size", epochs: "epochs", stepsDone: "steps done", shift: "shifts up to (px)"};

/** A resumed pretraining run's later stages (components/pages/pretrain.ts), in words. */
function describeStages(stages: unknown): string {
  if (!Array.isArray(stages)) return "";
  return stages.map((stage: Record<string, number>) => {
    const moves = stage.rotate > 0 || stage.scale > 0 ? `, each digit shifted ≤ ${stage.shift} px, turned ≤ ${stage.rotate}° and scaled ≤ ${Math.round(stage.scale * 100)} %` : "";
    return `then ${stage.epochs} epochs at learning rate ${stage.learningRate}${moves}`;
  }).join(", ");
}

export const SLOT_NAMES: Record<DigitsModelKind, string> = {fc: "mnist-fc", cnn: "mnist-cnn"};
const SHORT: Record<DigitsModelKind, string> = {fc: "FC model", cnn: "CNN"};

interface Slot {
  model: tf.LayersModel;
  /** Where the weights came from, in words. */
  origin: string;
  card: TrainingCard | null;
  history: History | null;
  evaluation: Evaluation | null;
}

export interface DigitsLabOptions {
  digits: Digits;
  settings: DigitsSettings;
  /** Texts of the committed checkpoints; null where none is committed. */
  pretrained: Record<DigitsModelKind, string | null>;
}

export async function createDigitsLab({digits, settings, pretrained}: DigitsLabOptions) {
  const slots = {} as Record<DigitsModelKind, Slot>;
  const references = {} as Record<DigitsModelKind, History | null>;
  for (const kind of MODEL_KINDS) {
    const text = pretrained[kind];
    if (text) {
      const {model, card} = await loadCheckpoint(text, {name: `data/checkpoints/${SLOT_NAMES[kind]}.json`});
      expectCompatible({card, model}, {model: SLOT_NAMES[kind], inputShape: IMAGE_SHAPE});
      compileDigitsModel(model, settings.learningRate);
      references[kind] = historyFromJSON(card.history);
      slots[kind] = {model, origin: "pretrained", card, history: references[kind], evaluation: null};
    } else {
      references[kind] = null;
      slots[kind] = {model: createDigitsModel(kind, settings), origin: "untrained (no pretrained checkpoint committed)", card: null, history: null, evaluation: null};
    }
  }

  // Controls.
  const modelMenu = select<DigitsModelKind>({label: "Model", options: MODEL_KINDS, labels: {fc: "Fully connected", cnn: "CNN"}, value: settings.model, name: "model"});
  const rate = slider({label: "Learning rate", ...RANGES.learningRate, value: settings.learningRate, log: true, format: (v) => v.toPrecision(2), name: "lr"});
  const batch = slider({label: "Batch size", ...RANGES.batchSize, value: settings.batchSize, name: "batch"});
  const epochs = slider({label: "Epochs", ...RANGES.epochs, value: settings.epochs, name: "epochs"});
  const seed = slider({label: "Seed", min: 0, max: 9999, step: 1, value: Math.min(settings.seed, 9999), name: "seed"});
  const status = document.createElement("p");
  status.className = "manus-status";
  status.setAttribute("role", "status");
  status.dataset.status = "digits";
  const error = document.createElement("p");
  error.className = "manus-notice manus-notice-error";
  error.setAttribute("role", "alert");
  error.hidden = true;
  const accuracy = document.createElement("p");
  accuracy.className = "manus-accuracy";
  accuracy.dataset.accuracy = "";

  let trainer: Trainer | null = null;
  let training: {xs: tf.Tensor4D; ys: tf.Tensor2D} | null = null;
  let test: {xs: tf.Tensor4D; ys: tf.Tensor2D} | null = null;
  const kind = () => modelMenu.value;

  const trainButton = button("Train from scratch", "train", () =>
    train().catch((e: Error) => {
      setRunning(false);
      showError(`Training could not start or continue: ${sentence(e.message)} The previous results are kept.`);
      console.error(e);
    })
  );
  const pauseButton = button("Pause", "pause", () => {
    if (!trainer) return;
    if (trainer.status === "paused") trainer.resume();
    else trainer.pause();
  });
  const stopButton = button("Stop", "stop", () => trainer?.stop());
  const restoreButton = button("Restore pretrained", "restore", () => void restore());
  const csvButton = button("History (CSV)", "export-csv", () => exportCsv());
  const controlsByName: Record<string, Control<unknown>> = {model: modelMenu, lr: rate, batch, epochs, seed};
  const runControls = createRunControls({name: "digits", save: saveSlotRun, load: loadRunFile, onError: showError});

  const curves: Record<DigitsModelKind, Curve> = {} as Record<DigitsModelKind, Curve>;
  const curveHolder = document.createElement("div");
  for (const k of MODEL_KINDS) {
    curves[k] = createCurve({
      name: `digits-curve-${k}`,
      title: `Training the ${SHORT[k]}: loss and accuracy per step`,
      metrics: [
        {key: "loss", label: "loss", axis: "left"},
        {key: "accuracy", label: "batch accuracy", axis: "right"}
      ],
      xLabel: "step",
      reference: references[k] ? {label: `pretrained ${SHORT[k]}`, points: references[k]!.steps} : undefined
    });
  }

  // Figures.
  const confusion = createConfusionFigure(digits.manifest.classNames);
  const gallery = createMistakesFigure();
  const filters = createFiltersFigure();
  const activations = createActivationsFigure();
  const drawPad = createDrawPad(digits.manifest.classNames);
  const testIndices = splitIndices(digits, "test", settings.testDigits);
  let picked = testIndices[0];

  function showError(message: string | null) {
    error.hidden = message === null;
    error.textContent = message ?? "";
  }

  function describeSlot(): string {
    const slot = slots[kind()];
    const card = slot.card;
    const config = card ? Object.entries(card.config).map(([key, value]) => key === "stages" ? describeStages(value) : `${CONFIG_WORDS[key] ?? key} ${value}`).join(", ") : "";
    const trainedWith = card ? ` Trained with seed ${card.seed}, ${config}, on ${card.backend}.` : "";
    return `${SHORT[kind()]}: ${slot.origin}.${trainedWith}`;
  }

  let refreshes = 0;
  async function refreshFigures() {
    const k = kind();
    const slot = slots[k];
    const refresh = ++refreshes;
    curveHolder.replaceChildren(curves[k].root);
    curves[k].update(slot.history?.steps ?? [], describeSlot());
    if (!slot.evaluation) {
      accuracy.textContent = `Measuring the ${SHORT[k]} on ${testIndices.length} held-out digits…`;
      slot.evaluation = await evaluate(slot.model, digits, settings.testDigits);
    }
    // The reader may have switched model or started training meanwhile: draw only the latest.
    if (refresh !== refreshes || slots[k] !== slot) return;
    const e = slot.evaluation;
    accuracy.textContent = `Test accuracy of the ${SHORT[k]} (${slot.origin}): ${percent(e.accuracy)} on ${e.indices.length} held-out digits.`;
    accuracy.dataset.accuracy = String(e.accuracy);
    confusion.update(e, `The ${SHORT[k]}`);
    gallery.update(digits, mistakes(digits, e), e.indices.length, pick);
    await filters.update(slot.model);
    await activations.update(slot.model, digits, picked);
    drawPad.setModel(slot.model, `The ${SHORT[k]}`);
  }

  function pick(index: number) {
    picked = index;
    void activations.update(slots[kind()].model, digits, picked);
    // A smooth scroll is motion the reader may have asked the system to spare them.
    const reduced = typeof matchMedia === "function" && matchMedia("(prefers-reduced-motion: reduce)").matches;
    activations.root.scrollIntoView?.({behavior: reduced ? "auto" : "smooth", block: "nearest"});
  }

  function ensureTensors() {
    training ??= toTensors(digits, splitIndices(digits, "train"));
    test ??= toTensors(digits, testIndices);
    return {training, test};
  }

  async function train() {
    showError(null);
    const backend = tf.getBackend();
    if (!canTrain(backend)) {
      showError(`Training needs gradients, which the ${backend} backend lacks for convolutions; switch to WebGPU, WebGL or CPU above.`);
      return;
    }
    if (trainer && (trainer.status === "running" || trainer.status === "paused")) return;
    const k = kind();
    const config = {learningRate: rate.value, batchSize: batch.value, epochs: epochs.value};
    const model = createDigitsModel(k, {seed: seed.value, learningRate: config.learningRate});
    const data = ensureTensors();
    const run = fitModel(model, data.training, {epochs: config.epochs, batchSize: config.batchSize, seed: seed.value, validation: data.test});
    trainer = run;
    const previous = slots[k];
    slots[k] = {model, origin: "trained in this page", card: null, history: run.history, evaluation: null};
    // The drawing pad follows the model as it learns; the old one can then go.
    drawPad.setModel(model, `The ${SHORT[k]} being trained`);
    if (previous.origin !== "pretrained") disposeDigitsModel(previous.model);
    setRunning(true);
    run.subscribe((t) => {
      const p = t.progress;
      const last = t.history.steps[t.history.steps.length - 1];
      const eta = p.etaMs === null ? "" : `, about ${formatDuration(p.etaMs)} left`;
      status.textContent =
        `${STATUS_WORDS[t.status]}: epoch ${p.epoch}/${p.epochs}, ` +
        `step ${p.stepsDone}/${p.totalSteps} (${p.stepsPerSecond.toFixed(1)} steps/s${t.status === "running" ? eta : ""}) on ${tf.getBackend()}.`;
      pauseButton.textContent = t.status === "paused" ? "Resume" : "Pause";
      if (last) {
        accuracy.textContent = `Training the ${SHORT[k]}: batch accuracy ${percent(last.accuracy)}, loss ${last.loss.toFixed(3)} at step ${p.stepsDone}.`;
        accuracy.dataset.accuracy = String(last.accuracy);
      }
      curves[k].update(t.history.steps, status.textContent, p.totalSteps);
    });
    const history = await run.done;
    // The run is over, but the lab stays busy until the model is measured: a new run or a
    // restore now would dispose the model while the test digits go through it.
    pauseButton.disabled = stopButton.disabled = true;
    try {
      await afterRun(k, model, run, config, history);
    } finally {
      setRunning(false);
    }
  }

  async function afterRun(k: DigitsModelKind, model: tf.LayersModel, run: Trainer, config: {learningRate: number; batchSize: number; epochs: number}, history: History) {
    if (run.status === "failed") showError(`Training stopped with an error: ${sentence(run.error?.message ?? "unknown error")} The steps done so far are kept.`);
    const finalEpoch = history.epochs[history.epochs.length - 1];
    slots[k].card = {
      model: SLOT_NAMES[k],
      dataset: {name: digits.manifest.dataset, sha256: digits.manifest.sha256, train: digits.manifest.train, test: digits.manifest.test},
      seed: seed.value,
      config: {...config, stepsDone: run.progress.stepsDone},
      metrics: finalEpoch ? {val_accuracy: finalEpoch.val_accuracy, val_loss: finalEpoch.val_loss} : {},
      history: historyToJSON(history),
      backend: tf.getBackend(),
      createdAt: new Date().toISOString(),
      tfjs: tf.version.tfjs
    };
    if (slots[k].model === model) await refreshFigures();
  }

  function setRunning(running: boolean) {
    trainButton.disabled = running;
    modelMenu.querySelector("select")!.disabled = running;
    pauseButton.disabled = stopButton.disabled = !running;
    restoreButton.disabled = running;
    runControls.setDisabled(running);
  }

  async function restore() {
    const k = kind();
    const text = pretrained[k];
    if (!text) return showError(`No pretrained ${SHORT[k]} is committed; run npm run pretrain -- ${SLOT_NAMES[k]}.`);
    const {model, card} = await loadCheckpoint(text);
    compileDigitsModel(model, rate.value);
    disposeDigitsModel(slots[k].model);
    slots[k] = {model, origin: "pretrained", card, history: historyFromJSON(card.history), evaluation: null};
    showError(null);
    await refreshFigures();
  }

  /** The shown model's card (one made now for a model that has none), with its measured test accuracy. */
  function cardOfSlot() {
    const slot = slots[kind()];
    const card = slot.card ?? {
      model: SLOT_NAMES[kind()],
      dataset: {name: digits.manifest.dataset, sha256: digits.manifest.sha256, train: digits.manifest.train, test: digits.manifest.test},
      seed: seed.value,
      config: {},
      metrics: {},
      history: historyToJSON(slot.history ?? {steps: [], epochs: []})
    };
    return {...card, metrics: {...card.metrics, test_accuracy: slot.evaluation?.accuracy ?? NaN}};
  }

  /** A run file of the shown model: its settings are those its card says it was trained with
   * (the controls' where the card is silent), so that the reader who loads it can train it again. */
  async function saveSlotRun() {
    const card = cardOfSlot();
    const config = card.config as Partial<Record<"learningRate" | "batchSize" | "epochs", number>>;
    const params = {model: kind(), lr: config.learningRate ?? rate.value, batch: config.batchSize ?? batch.value, epochs: config.epochs ?? epochs.value, seed: card.seed};
    return {text: await saveRun(slots[kind()].model, card, {essay: "digits", params}), fileName: runFileName("digits", card.model)};
  }

  /** Loads a run file: settings into the controls (and so the address), model and history into its slot. */
  async function loadRunFile(file: File) {
    const run = await loadRun(file, {essay: "digits", models: Object.values(SLOT_NAMES), normalize: normalizeDigitsParams});
    const k = MODEL_KINDS.find((name) => SLOT_NAMES[name] === run.card.model) as DigitsModelKind;
    try {
      expectCompatible(run, {model: SLOT_NAMES[k], inputShape: IMAGE_SHAPE});
    } catch (error) {
      disposeDigitsModel(run.model);
      throw error;
    }
    // Settings first: the menu's input event redraws the old model, which the refresh below supersedes.
    if (run.params) applyRunParams(controlsByName, run.params);
    if (modelMenu.value !== k) {
      modelMenu.value = k;
      modelMenu.dispatchEvent(new Event("input", {bubbles: true}));
    }
    compileDigitsModel(run.model, rate.value);
    if (slots[k].origin !== "pretrained") disposeDigitsModel(slots[k].model);
    slots[k] = {model: run.model, origin: `loaded from ${file.name}`, card: run.card, history: historyFromJSON(run.card.history), evaluation: null};
    showError(run.notes.length ? run.notes.join(" ") : null);
    await refreshFigures();
  }

  function exportCsv() {
    const history = slots[kind()].history;
    if (!history) return showError("This model has no training history yet.");
    downloadHistoryCsv(history, `${SLOT_NAMES[kind()]}-history.csv`);
  }


  modelMenu.addEventListener("input", () => void refreshFigures());
  setRunning(false);
  // Not awaited: on a slow backend the evaluation takes a while, and the page should
  // show the controls at once; the figures fill in when it ends.
  void refreshFigures().catch((e: Error) => showError(`Could not evaluate the model: ${e.message}`));

  return {
    controls: controlRow(modelMenu, rate, batch, epochs, seed),
    buttons: controlRow(trainButton, pauseButton, stopButton, restoreButton, csvButton, ...runControls.elements),
    status,
    error,
    accuracy,
    curve: curveHolder,
    confusion: confusion.root,
    mistakes: gallery.root,
    filters: filters.root,
    activations: activations.root,
    drawPad: drawPad.root,
    /** The settings as now chosen, for a permalink. */
    settings(): DigitsSettings {
      return {model: kind(), learningRate: rate.value, batchSize: batch.value, epochs: epochs.value, seed: seed.value, testDigits: settings.testDigits};
    },
    controlsByName,
    /** Frees every tensor the lab owns (the page calls it on invalidation). */
    dispose() {
      trainer?.stop();
      for (const k of MODEL_KINDS) disposeDigitsModel(slots[k].model);
      if (training) tf.dispose([training.xs, training.ys]);
      if (test) tf.dispose([test.xs, test.ys]);
    },
    get trainer() {
      return trainer;
    }
  };
}

function formatDuration(ms: number): string {
  const s = Math.round(ms / 1000);
  return s < 90 ? `${s} s` : `${Math.round(s / 60)} min`;
}

/** A message as a sentence: one full stop at its end, not two. */
function sentence(message: string): string {
  return /[.!?]$/.test(message) ? message : `${message}.`;
}
