// The training panel: the reader trains the LSTM in the page on the shared loop, watches
// the live curve against the pretrained run, pauses, stops, resumes, exports the weights,
// loads weights back, and can swap in any .abc file as the corpus.
import {readTunes} from "../../loaders/abc.ts";
import {BACKEND_LABELS, canTrain, isBackendName} from "../backend.ts";
import {checkpointFileName, downloadCheckpoint, loadCheckpoint, saveCheckpoint} from "../checkpoint.ts";
import type {TrainingCard} from "../checkpoint.ts";
import {button, controlRow, notice, slider} from "../controls.ts";
import {createCurve} from "../figures/curve.ts";
import type {CurvePoint} from "../figures/curve.ts";
import {tf} from "../tf.ts";
import {historyToJSON} from "../train/history.ts";
import type {History} from "../train/history.ts";
import type {Trainer} from "../train/loop.ts";
import {prepareCorpus, vocabularyFrom} from "./dataset.ts";
import type {MusicCorpus} from "./dataset.ts";
import {createMusicModel, DEFAULT_MODEL, modelConfigOf} from "./model.ts";
import type {MusicSettings} from "./params.ts";
import {MUSIC_RANGES} from "./params.ts";
import type {ModelSlot} from "./slot.ts";
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

export function createTrainingPanel(
  slot: ModelSlot, source: CorpusSource | null, settings: MusicSettings, reference: History | null,
  {curveName = "training-curve"}: {curveName?: string} = {}
): TrainingPanel {
  const root = document.createElement("div");
  const sequenceLength = slider({label: "Sequence length", ...MUSIC_RANGES.sequenceLength, value: settings.sequenceLength, name: "sequence-length"});
  const batchSize = slider({label: "Batch size", ...MUSIC_RANGES.batchSize, value: settings.batchSize, name: "batch-size"});
  const learningRate = slider({label: "Learning rate", ...MUSIC_RANGES.learningRate, value: settings.learningRate, log: true, name: "learning-rate", format: (v) => v.toPrecision(2)});
  const units = slider({label: "LSTM units (from scratch)", ...MUSIC_RANGES.units, value: settings.units, name: "units"});
  const epochs = slider({label: `Epochs of ${STEPS_PER_EPOCH} steps`, ...MUSIC_RANGES.epochs, value: settings.epochs, name: "epochs"});
  const status = notice("");
  const curve = createCurve({
    name: curveName, title: "Next-character loss while training", xLabel: "step",
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
  const exportButton = button("Export weights", "export", () => void exportWeights());
  const upload = fileInput("Train on your own .abc file", ".abc,text/plain", "upload-abc", (file) => void useCorpusFile(file));
  const loadWeights = fileInput("Load exported weights", ".json,application/json", "load-weights", (file) => void useCheckpointFile(file));

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
    exportButton.disabled = busy || !slot.value;
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
    const run = session.run(corpus, {
      batchSize: batchSize.value, sequenceLength: sequenceLength.value, learningRate: learningRate.value,
      epochs: epochs.value, stepsPerEpoch: STEPS_PER_EPOCH, seed: seed++, validationBatches: 2
    });
    trainer = run;
    refresh();
    run.subscribe((t) => {
      const {stepsDone, totalSteps, stepsPerSecond} = t.progress;
      curve.update(curvePoints(t.history), `${t.status}: step ${stepsDone} of ${totalSteps}, ${stepsPerSecond.toFixed(2)} steps/s on ${tf.getBackend()}.`);
      refresh();
    });
    await run.done;
    if (run.status === "failed") say(run.error?.message ?? "training failed", "error");
    else say(`Training ${run.status} after ${run.progress.stepsDone} step${run.progress.stepsDone === 1 ? "" : "s"} (${(run.progress.elapsedMs / 1000).toFixed(1)} s). The generator below now uses these weights.`);
    if (trainer === run) slot.touch();
    refresh();
  }

  async function exportWeights(): Promise<void> {
    const entry = slot.value;
    if (!entry) return;
    const history = trainer?.history ?? {steps: [], epochs: []};
    const last = history.epochs[history.epochs.length - 1];
    const card = entry.card ?? {
      model: "music-lstm",
      dataset: {name: corpusSource?.name ?? "unknown", sha256: corpusSource?.sha256 ?? "", train: corpus?.tunes.train ?? 0, test: corpus?.tunes.validation ?? 0},
      seed: settings.seed,
      config: {...modelConfigOf(entry.model), vocabulary: entry.vocabulary.chars, sequenceLength: sequenceLength.value, batchSize: batchSize.value, learningRate: learningRate.value},
      metrics: {loss: last?.loss ?? NaN, val_loss: last?.val_loss ?? NaN},
      history: historyToJSON(history)
    };
    const text = await saveCheckpoint(entry.model, {...card, createdAt: new Date().toISOString(), backend: tf.getBackend()});
    downloadCheckpoint(text, checkpointFileName({model: "music-lstm", createdAt: new Date().toISOString()}));
  }

  async function useCheckpointFile(file: File): Promise<void> {
    try {
      const {model, card} = await loadCheckpoint(file);
      if (card.model !== "music-lstm") {
        model.dispose();
        throw new Error(`${file.name} holds the model "${card.model}", not the Music essay's music-lstm`);
      }
      slot.set({model, vocabulary: vocabularyFrom(vocabularyOfCard(card)), label: `loaded from ${file.name}`, card});
      say(`Loaded ${file.name}: validation loss ${card.metrics.val_loss?.toFixed(3) ?? "unknown"}.`);
    } catch (error) {
      say(`Could not load ${file.name}: ${error instanceof Error ? error.message : String(error)}. Kept the current model.`, "error");
    }
    refresh();
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
    controlRow(scratch, more, pause, stop, exportButton),
    controlRow(upload, loadWeights),
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
