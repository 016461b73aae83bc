// The training panel: the reader trains the LSTM in the page on the shared loop, watches
// the live curve against the pretrained run, pauses, stops, resumes, exports the weights,
// loads weights back, and can swap in any .abc file as the corpus.
import {readTunes} from "../../loaders/abc.ts";
import {BACKEND_LABELS, canTrain, isBackendName} from "../backend.ts";
import type {CardInput, TrainingCard} from "../checkpoint.ts";
import {button, controlRow, notice, slider} from "../controls.ts";
import {createCurve} from "../figures/curve.ts";
import type {CurvePoint} from "../figures/curve.ts";
import {tf} from "../tf.ts";
import {downloadHistoryCsv} from "../download.ts";
import {historyFromJSON, historyToJSON} from "../train/history.ts";
import {applyRunParams, createRunControls, loadRun, runFileName, saveRun} from "../share-run.ts";
import type {History} from "../train/history.ts";
import type {Trainer} from "../train/loop.ts";
import {prepareCorpus, vocabularyFrom} from "./dataset.ts";
import type {MusicCorpus} from "./dataset.ts";
import {createMusicModel, DEFAULT_MODEL, modelConfigOf} from "./model.ts";
import type {MusicSettings} from "./params.ts";
import {MUSIC_RANGES, normalizeMusicParams} from "./params.ts";
import type {ModelSlot, MusicModelEntry} from "./slot.ts";
import {createMusicTrainer} from "./train.ts";
import type {MusicTrainer} from "./train.ts";

export interface CorpusSource {
  name: string;
  sha256: string;
  tunes: string[];
}

export interface TrainingPanel {
  root: HTMLElement;
  /** Stops a run in flight (e.g. on Framework's invalidation). */
  dispose(): void;
}

const STEPS_PER_EPOCH = 20;
/** The card of a checkpoint must say which characters its ids mean. */
export function vocabularyOfCard(card: TrainingCard): string[] {
  const chars = card.config.vocabulary;
  if (!Array.isArray(chars) || !chars.every((c) => typeof c === "string")) {
    throw new Error(`checkpoint "${card.model}" has no character vocabulary in its card (config.vocabulary)`);
  }
  return chars as string[];
}

export interface TrainingPanelOptions {
  /** Loads the pretrained model afresh, for the Restore button (shown only with it); the
   * slot is taken to hold that model, untouched, when the panel is made. */
  restore?: () => Promise<Omit<MusicModelEntry, "version"> | null>;
}

export function createTrainingPanel(
  slot: ModelSlot, source: CorpusSource | null, settings: MusicSettings, reference: History | null,
  {restore}: TrainingPanelOptions = {}
): TrainingPanel {
  const root = document.createElement("div");
  const sequenceLength = slider({label: "Sequence length", ...MUSIC_RANGES.sequenceLength, value: settings.sequenceLength, name: "sequence-length"});
  const batchSize = slider({label: "Batch size", ...MUSIC_RANGES.batchSize, value: settings.batchSize, name: "batch-size"});
  const learningRate = slider({label: "Learning rate", ...MUSIC_RANGES.learningRate, value: settings.learningRate, log: true, name: "learning-rate", format: (v) => v.toPrecision(2)});
  const units = slider({label: "LSTM units (from scratch)", ...MUSIC_RANGES.units, value: settings.units, name: "units"});
  const epochs = slider({label: `Epochs of ${STEPS_PER_EPOCH} steps`, ...MUSIC_RANGES.epochs, value: settings.epochs, name: "epochs"});
  const status = notice("");
  const curve = createCurve({
    name: "music-training", title: "Next-character loss while training", xLabel: "step",
    caption: "Cross-entropy in nats per character: ln 83 ≈ 4.42 is a uniform guess over the vocabulary; the validation loss is measured on held-out tunes at the end of each epoch.",
    metrics: [{key: "loss", label: "Training loss"}, {key: "val_loss", label: "Validation loss"}],
    reference: reference ? {label: "pretrained run", points: curvePoints(reference)} : undefined
  });
  let corpusSource = source;
  let corpus: MusicCorpus | null = null;
  let session: MusicTrainer | null = null;
  let trainer: Trainer | null = null;
  let seed = settings.seed;

  const scratch = button("Train from scratch", "train-scratch", () => void train(true));
  const more = button("Continue training this model", "train-continue", () => void train(false));
  const pause = button("Pause", "pause", () => {
    if (trainer?.status === "running") trainer.pause();
    else trainer?.resume();
  });
  const stop = button("Stop", "stop", () => trainer?.stop());
  const restoreButton = button("Restore the pretrained model", "restore-pretrained", () => void restorePretrained());
  restoreButton.hidden = !restore;
  /** Whether the slot holds the pretrained weights as committed (nothing to restore then). */
  let pristine = slot.value !== null;
  const csv = button("History (CSV)", "export-csv", () => exportCsv());
  // A run file: the weights, their card and history, and the training settings by URL name.
  const share = createRunControls({name: "music", save: saveShownRun, load: loadRunFile, onError: (message) => message === null ? say("") : say(message, "error")});
  const upload = fileInput("Train on your own .abc file", ".abc,text/plain", "upload-abc", (file) => void useCorpusFile(file));
  /** The training sliders by URL parameter name (components/music/params.ts). */
  const trainingControls = {seq: sequenceLength, batch: batchSize, lr: learningRate, units, epochs};
  /** The history shown: the last run in this page, else the loaded model's card's. */
  let shownHistory: History | null = slot.value?.card ? historyFromJSON(slot.value.card.history) : null;

  function say(text: string, kind: "info" | "error" = "info"): void {
    status.textContent = text;
    status.className = `manus-notice manus-notice-${kind}`;
    status.setAttribute("role", kind === "error" ? "alert" : "status");
  }
  function refresh(): void {
    const busy = trainer !== null && (trainer.status === "running" || trainer.status === "paused");
    scratch.disabled = busy || !corpusSource;
    more.disabled = busy || !corpusSource || !slot.value;
    pause.disabled = !busy;
    pause.textContent = trainer?.status === "paused" ? "Resume" : "Pause";
    stop.disabled = !busy;
    restoreButton.disabled = busy || pristine;
    share.setDisabled(busy);
    csv.disabled = busy || !(trainer?.history ?? shownHistory);
  }

  async function train(fromScratch: boolean): Promise<void> {
    const backend = tf.getBackend();
    if (!canTrain(backend)) {
      return say(`Training needs a backend with gradients; ${isBackendName(backend) ? BACKEND_LABELS[backend] : backend} has none for this model. Switch to WebGPU, WebGL or plain JavaScript above.`, "error");
    }
    if (!corpusSource) return say("There is no corpus to train on: load an .abc file first.", "error");
    try {
      const current = slot.value;
      if (fromScratch || !current) {
        corpus = prepareCorpus(corpusSource.tunes, {seed});
        const model = createMusicModel({vocabulary: corpus.vocabulary.chars.length, embedding: DEFAULT_MODEL.embedding, units: units.value, seed});
        session?.dispose();
        session = createMusicTrainer(model);
        slot.set({model, vocabulary: corpus.vocabulary, label: `trained in this page on ${corpusSource.name}`});
      } else {
        corpus = prepareCorpus(corpusSource.tunes, {seed, vocabulary: current.vocabulary.chars});
        if (!session || session.model !== current.model) {
          session?.dispose();
          session = createMusicTrainer(current.model);
        }
      }
    } catch (error) {
      return say(`Could not train on ${corpusSource.name}: ${error instanceof Error ? error.message : String(error)}. Train from scratch to build a vocabulary for it.`, "error");
    }
    pristine = false;
    const run = session.run(corpus, {
      batchSize: batchSize.value, sequenceLength: sequenceLength.value, learningRate: learningRate.value,
      epochs: epochs.value, stepsPerEpoch: STEPS_PER_EPOCH, seed: seed++, validationBatches: 2
    });
    trainer = run;
    refresh();
    run.subscribe((t) => {
      const {stepsDone, totalSteps, stepsPerSecond} = t.progress;
      curve.update(curvePoints(t.history), `${t.status}: step ${stepsDone} of ${totalSteps}, ${stepsPerSecond.toFixed(2)} steps/s on ${tf.getBackend()}.`, totalSteps);
      refresh();
    });
    await run.done;
    if (run.status === "failed") say(run.error?.message ?? "training failed", "error");
    else say(`Training ${run.status} after ${run.progress.stepsDone} step${run.progress.stepsDone === 1 ? "" : "s"} (${(run.progress.elapsedMs / 1000).toFixed(1)} s). The generator below now uses these weights.`);
    if (trainer === run) slot.touch();
    refresh();
  }

  function cardOfShown(): CardInput {
    const entry = slot.value!;
    const history = trainer?.history ?? {steps: [], epochs: []};
    const last = history.epochs[history.epochs.length - 1];
    return entry.card ?? {
      model: "music-lstm",
      dataset: {name: corpusSource?.name ?? "unknown", sha256: corpusSource?.sha256 ?? "", train: corpus?.tunes.train ?? 0, test: corpus?.tunes.validation ?? 0},
      seed: settings.seed,
      config: {...modelConfigOf(entry.model), vocabulary: entry.vocabulary.chars, sequenceLength: sequenceLength.value, batchSize: batchSize.value, learningRate: learningRate.value},
      metrics: {loss: last?.loss ?? NaN, val_loss: last?.val_loss ?? NaN},
      history: historyToJSON(history)
    };
  }

  async function saveShownRun(): Promise<{text: string; fileName: string}> {
    const entry = slot.value;
    if (!entry) throw new Error("there is no model to save yet");
    const params = {...Object.fromEntries(Object.entries(trainingControls).map(([name, control]) => [name, control.value])), seed: settings.seed};
    const card = {...cardOfShown(), createdAt: new Date().toISOString(), backend: tf.getBackend()};
    return {text: await saveRun(entry.model, card, {essay: "music", params}), fileName: runFileName("music", "music-lstm")};
  }

  /** A run or a bare checkpoint: the model into the slot, its settings into the sliders (and the address), its curve. */
  async function loadRunFile(file: File): Promise<void> {
    const run = await loadRun(file, {essay: "music", models: ["music-lstm"], normalize: normalizeMusicParams});
    let vocabulary;
    try {
      vocabulary = vocabularyFrom(vocabularyOfCard(run.card));
    } catch (error) {
      run.model.dispose();
      throw error;
    }
    if (run.params) applyRunParams(trainingControls, run.params);
    slot.set({model: run.model, vocabulary, label: `loaded from ${file.name}`, card: run.card});
    pristine = false;
    shownHistory = historyFromJSON(run.card.history);
    trainer = null;
    curve.update(curvePoints(shownHistory), `Loaded from ${file.name}: ${validationLoss(run.card)}.`);
    say([`Loaded ${file.name}: ${validationLoss(run.card)}.`, ...run.notes].join(" "));
    refresh();
  }

  /** Puts the committed pretrained model back in the slot, after training from scratch or loading a run. */
  async function restorePretrained(): Promise<void> {
    let entry;
    try {
      entry = await restore?.();
    } catch (error) {
      return say(`Could not restore the pretrained model: ${error instanceof Error ? error.message : String(error)}. The current model is kept.`, "error");
    }
    if (!entry) return say("This build has no pretrained model to restore; the current model is kept.", "error");
    session?.dispose();
    session = null;
    trainer = null;
    slot.set(entry);
    pristine = true;
    shownHistory = entry.card ? historyFromJSON(entry.card.history) : null;
    curve.update([], "");
    say(`Restored the pretrained model${entry.card ? ` (${validationLoss(entry.card)})` : ""}. The generator below uses it again.`);
    refresh();
  }

  function exportCsv(): void {
    const history = trainer?.history ?? shownHistory;
    if (!history) return say("This model has no training history in this page yet.", "error");
    downloadHistoryCsv(history, "music-lstm-history.csv");
  }

  async function useCorpusFile(file: File): Promise<void> {
    try {
      const bytes = new Uint8Array(await file.arrayBuffer());
      const tunes = readTunes(bytes, file.name);
      const digest = await crypto.subtle.digest("SHA-256", bytes);
      corpusSource = {name: file.name, sha256: [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, "0")).join(""), tunes};
      say(`${file.name}: ${tunes.length} tune${tunes.length === 1 ? "" : "s"}. Train from scratch to learn it (its characters may differ from the current model's), or continue training if they fit.`);
    } catch (error) {
      say(`Kept the current corpus and model. ${error instanceof Error ? error.message : String(error)}`, "error");
    }
    refresh();
  }

  if (!source) say("The course corpus is not in this build, so there is nothing to train on yet: load an .abc file below.");
  root.append(
    controlRow(sequenceLength, batchSize, learningRate),
    controlRow(units, epochs),
    controlRow(scratch, more, pause, stop, restoreButton, csv, ...share.elements),
    controlRow(upload),
    status,
    curve.root
  );
  curve.update([], "");
  refresh();
  return {root, dispose: () => trainer?.stop()};
}

/** Step records, with each epoch's validation loss put on the epoch's last step. */
export function curvePoints(history: History): CurvePoint[] {
  const points = history.steps.map((s) => ({...s}) as Record<string, number>);
  for (const e of history.epochs) {
    if (!Number.isFinite(e.val_loss)) continue;
    for (let i = points.length - 1; i >= 0; --i) {
      if (points[i].epoch !== e.epoch) continue;
      points[i].val_loss = e.val_loss;
      break;
    }
  }
  return points;
}

function fileInput(label: string, accept: string, name: string, onFile: (file: File) => void): HTMLElement {
  const root = document.createElement("label");
  root.className = "manus-control";
  root.dataset.control = name;
  const text = document.createElement("span");
  text.textContent = label;
  const input = document.createElement("input");
  input.type = "file";
  input.accept = accept;
  input.addEventListener("change", () => {
    const file = input.files?.[0];
    if (file) onFile(file);
    input.value = "";
  });
  root.append(text, input);
  return root;
}

/** "validation loss 1.205", from a model's card. */
function validationLoss(card: TrainingCard): string {
  return `validation loss ${card.metrics.val_loss?.toFixed(3) ?? "unknown"}`;
}
