// A small MLP learning a 2-D classification: the decision boundary (P(class 1) over the
// plane, with the data on top) redrawn while it trains, and the shared live loss curve.
// Training runs on the shared loop (fitModel); every control change starts a fresh model.
// A run (settings, weights, history) can be downloaded and loaded back (../../share-run.ts).
import {tf} from "../../tf.ts";
import {button, controlRow, notice, select, slider} from "../../controls.ts";
import {createCurve} from "../../figures/curve.ts";
import {createFigure, percent} from "../../figures/figure.ts";
import {applyRunParams, createRunControls, loadRun, runFileName, saveRun} from "../../share-run.ts";
import {fitModel} from "../../train/fit.ts";
import type {History} from "../../train/history.ts";
import {downloadHistoryCsv} from "../../download.ts";
import {historyFromJSON, historyToJSON} from "../../train/history.ts";
import type {Trainer} from "../../train/loop.ts";
import type {IntroSettings} from "../params.ts";
import {normalizeIntroParams} from "../params.ts";
import {DATASET_LABELS, DATASET_NAMES, makeDataset, toTensors, type DatasetName, type PointSet} from "../datasets.ts";
import {createMlp, disposeMlp, mlpParams, predictGrid} from "../mlp.ts";
import {ACTIVATION_LABELS, ACTIVATIONS, type Activation} from "../perceptron.ts";
import {fmt, heatmapUrl, htmlEl, num, svgEl} from "./dom.ts";
import {ensureStyle} from "./style.ts";
import type {IntroFigure} from "./tensors.ts";

export interface FitFigureOptions {
  dataset: DatasetName;
  depth: number;
  width: number;
  activation: Activation;
  fitLr: number;
  seed: number;
}

export interface FitFigures extends IntroFigure {
  /** The loss curve, a figure of its own ("fit-loss"). */
  curve: HTMLElement;
}

const SIZE = 320;
const R = 1.5;
const GRID = 50;
const POINTS = 200;
const BATCH = 20;
const EPOCHS = 400;
/** The model's slot name in run files. */
const SLOT = "intro-mlp";

export function createFitFigures(options: FitFigureOptions): FitFigures {
  ensureStyle();
  const frame = createFigure("decision-boundary", {
    title: "A small network learns to separate two classes",
    caption: "Colour is the network's probability of class 1 (orange) against class 0 (blue); the black line is where it is 50 %. Dots are the training points."
  });
  frame.root.classList.add("intro-fig");
  const curve = createCurve({
    name: "fit-loss",
    title: "Training loss and accuracy",
    metrics: [{key: "loss", label: "Loss"}, {key: "accuracy", label: "Accuracy", axis: "right"}],
    xLabel: "step" // the default size, so that its labels read at the size of every other curve's
  });
  const dataset = select<DatasetName>({label: "Data", options: DATASET_NAMES, labels: DATASET_LABELS, value: options.dataset, name: "dataset"});
  const depth = slider({label: "hidden layers", min: 0, max: 4, step: 1, value: options.depth, name: "depth"});
  const width = slider({label: "units per layer", min: 1, max: 16, step: 1, value: options.width, name: "width"});
  const activation = select<Activation>({label: "activation", options: ACTIVATIONS, labels: ACTIVATION_LABELS, value: options.activation, name: "activation"});
  const lr = slider({label: "learning rate", min: 0.001, max: 1, step: 0, log: true, value: options.fitLr, name: "fit-lr", format: (v) => fmt(v, 3)});
  const seed = slider({label: "data seed", min: 1, max: 50, step: 1, value: options.seed, name: "seed"});
  const trainButton = button("Train", "train", () => toggle());
  const resetButton = button("Reset", "reset", () => rebuild());
  const error = notice("", "error");
  error.hidden = true;
  const showError = (message: string | null) => {
    error.hidden = message === null;
    error.textContent = message ?? "";
  };
  const share = createRunControls({name: "fit", save: saveRunFile, load: loadRunFile, onError: showError});
  /** The controls by the essay's URL parameter names (a run file records these). */
  const byParam = {dataset, depth, width, activation, fitlr: lr, seed};
  const svg = svgEl("svg", {viewBox: `0 0 ${SIZE} ${SIZE}`, width: SIZE, role: "img", "aria-hidden": "true"});
  const heat = svgEl("image", {x: 0, y: 0, width: SIZE, height: SIZE, preserveAspectRatio: "none"});
  const boundary = svgEl("g");
  const dots = svgEl("g");
  svg.append(heat, boundary, dots, svgEl("rect", {x: 0, y: 0, width: SIZE, height: SIZE, fill: "none", stroke: "#999"}));
  const summary = htmlEl("div", "readout");
  // The shown run's loss and accuracy per step (this page's training, else the loaded run's), as CSV.
  const csvButton = button("History (CSV)", "fit-export-csv", () => {
    const history = trainer?.history ?? loaded?.history;
    if (!history || history.steps.length === 0) return showError("No training step yet: press Train, or load a run.");
    downloadHistoryCsv(history, "decision-boundary-history.csv");
  });
  frame.body.append(controlRow(dataset, activation, depth, width), controlRow(lr, seed, trainButton, resetButton), controlRow(csvButton, ...share.elements), error, htmlEl("div", "row"));
  (frame.body.lastChild as HTMLElement).append(svg, summary);

  let model: tf.LayersModel | null = null;
  /** A loaded run's file name and history, until the next rebuild or training. */
  let loaded: {file: string; history: History} | null = null;
  let data: {xs: tf.Tensor2D; ys: tf.Tensor2D} | null = null;
  let points: PointSet | null = null;
  let trainer: Trainer | null = null;
  let drawing = false;
  let redrawAgain = false;
  let generation = 0;

  function describeModel(): string {
    const d = depth.value;
    const layers = d === 0 ? "no hidden layer (a single perceptron)" : `${d} hidden layer${d === 1 ? "" : "s"} of ${width.value} ${activation.value} units`;
    return `An MLP with ${layers} and a sigmoid output, ${mlpParams(d, width.value)} parameters`;
  }

  /** Predicts on the grid and the data, then paints; at most one in flight, the last request wins. */
  async function redraw(): Promise<void> {
    if (drawing) {
      redrawAgain = true;
      return;
    }
    drawing = true;
    try {
      await redrawLoop();
    } catch (cause) {
      console.error(cause);
      frame.describe(`Drawing the decision boundary failed: ${cause instanceof Error ? cause.message : cause}`);
    } finally {
      drawing = false;
    }
  }

  async function redrawLoop(): Promise<void> {
    do {
      redrawAgain = false;
      const mine = generation;
      if (!model || !data || !points) return;
      const grid = await predictGrid(model, GRID, [-R, R]);
      const predicted = tf.tidy(() => (model as tf.LayersModel).predict((data as {xs: tf.Tensor2D}).xs) as tf.Tensor);
      const probabilities = await predicted.data().finally(() => predicted.dispose());
      if (mine !== generation) continue;
      paint(grid, probabilities);
    } while (redrawAgain);
  }

  function paint(grid: Float32Array, probabilities: ArrayLike<number>): void {
    if (!points) return;
    heat.setAttribute("href", heatmapUrl(Array.from(grid, (p) => 0.15 + 0.7 * p), GRID));
    // The 50 % line, traced as a contour of the grid.
    boundary.replaceChildren(...contour50(grid));
    let correct = 0;
    points.labels.forEach((label, i) => (correct += Number((probabilities[i] > 0.5) === (label === 1))));
    const accuracy = correct / points.labels.length;
    const steps = trainer?.history.steps ?? loaded?.history.steps ?? [];
    const last = steps[steps.length - 1];
    const state = trainer ? `${trainer.status} after ${steps.length} steps`
      : loaded ? `loaded from ${loaded.file}, trained for ${steps.length} steps`
      : "untrained (initial random weights)";
    lastAccuracy = accuracy;
    summary.replaceChildren(
      htmlEl("div", "", `${describeModel()}.`),
      htmlEl("div", "", `Training: ${state}${last ? `, last batch loss ${fmt(last.loss, 4)}` : ""}.`),
      htmlEl("div", "", `Accuracy on all ${points.labels.length} points: ${percent(accuracy)}.`),
      htmlEl("div", "muted", "Each step shows the network 20 points, measures the binary cross-entropy, and moves every weight a little against its gradient (Adam).")
    );
    frame.describe(
      `${describeModel()}, on ${DATASET_LABELS[dataset.value]} (${POINTS} points, seed ${seed.value}), learning rate ${num(lr.value, 4)}: ` +
        `${state}${last ? `, batch loss ${num(last.loss)}` : ""}; accuracy on all points ${num(accuracy * 100, 1)} %.`
    );
  }

  function contour50(grid: Float32Array): SVGElement[] {
    // Marching squares would be exact; a dot where neighbours straddle 0.5 is enough to see the line.
    const cell = SIZE / (GRID - 1);
    const marks: SVGElement[] = [];
    for (let i = 0; i < GRID - 1; ++i) {
      for (let j = 0; j < GRID - 1; ++j) {
        const a = grid[i * GRID + j] > 0.5;
        if (a !== grid[i * GRID + j + 1] > 0.5 || a !== grid[(i + 1) * GRID + j] > 0.5) {
          marks.push(svgEl("rect", {x: (j + 0.5) * cell - 1, y: (i + 0.5) * cell - 1, width: 2.2, height: 2.2, fill: "#111"}));
        }
      }
    }
    return marks;
  }

  function drawDots(): void {
    if (!points) return;
    const toPx = (v: number) => ((v + R) / (2 * R)) * SIZE;
    const toPy = (v: number) => ((R - v) / (2 * R)) * SIZE;
    dots.replaceChildren(...Array.from(points.labels, (label, i) => svgEl("circle", {
      cx: toPx(points!.points[2 * i]), cy: toPy(points!.points[2 * i + 1]), r: 3.2,
      fill: label === 1 ? "#e67e22" : "#3182bd", stroke: "#fff", "stroke-width": 0.8
    })));
  }

  function stopTraining(): void {
    trainer?.stop();
    trainer = null;
  }

  let lastAccuracy = NaN;

  /** A run file of the network shown: the controls' settings (every change rebuilds the
   * network, so they are the ones it was built with), its weights and its history. */
  async function saveRunFile(): Promise<{text: string; fileName: string}> {
    if (!model) throw new Error("there is no network to save");
    if (trainer?.status === "running") throw new Error("pause the training first, so that the weights hold still");
    const history = trainer?.history ?? loaded?.history ?? {steps: [], epochs: []};
    const text = await saveRun(model, {
      model: SLOT,
      dataset: {name: `${DATASET_LABELS[dataset.value]} (synthetic, generated from the seed)`, sha256: "none: generated from the seed", train: POINTS, test: 0},
      seed: seed.value,
      config: {dataset: dataset.value, depth: depth.value, width: width.value, activation: activation.value, learningRate: lr.value, batchSize: BATCH},
      metrics: {accuracy: lastAccuracy},
      history: historyToJSON(history)
    }, {essay: "intro", params: {dataset: dataset.value, depth: depth.value, width: width.value, activation: activation.value, fitlr: lr.value, seed: seed.value}});
    return {text, fileName: runFileName("intro", SLOT)};
  }

  /** Loads a run file: its settings into the controls (and so the address), then its network and history. */
  async function loadRunFile(file: File): Promise<void> {
    const run = await loadRun(file, {essay: "intro", models: [SLOT], normalize: normalizeIntroParams});
    const settings = run.settings as IntroSettings;
    // Checked before anything changes: the network must be the one its settings describe.
    const expected = run.params ? mlpParams(settings.depth, settings.width) : mlpParams(depth.value, width.value);
    if (run.model.countParams() !== expected || run.model.inputs[0].shape[1] !== 2) {
      run.model.dispose();
      throw new Error(`its network has ${run.model.countParams()} parameters, but its settings make one of ${expected}`);
    }
    if (run.params) applyRunParams(byParam, run.params); // each change rebuilds, as if the reader had moved it
    generation++;
    const old = {trainer, model};
    stopTraining();
    model = run.model;
    model.compile({optimizer: tf.train.adam(lr.value), loss: "binaryCrossentropy", metrics: ["accuracy"]});
    void (old.trainer?.done ?? Promise.resolve()).then(() => old.model && disposeMlp(old.model));
    loaded = {file: file.name, history: historyFromJSON(run.card.history)};
    trainButton.textContent = "Train more";
    curve.update(loaded.history.steps, `Loaded from ${file.name}. Train more trains it further.`);
    showError(run.notes.length ? run.notes.join(" ") : null);
    void redraw();
  }

  /** A new dataset and model from the controls; the old ones are freed once their trainer ends. */
  function rebuild(): void {
    generation++;
    loaded = null;
    const old = {trainer, model, data};
    stopTraining();
    trainButton.textContent = "Train";
    points = makeDataset(dataset.value, {n: POINTS, seed: seed.value});
    data = toTensors(points);
    model = createMlp({depth: depth.value, width: width.value, activation: activation.value, learningRate: lr.value, seed: seed.value});
    // A step in flight still uses the old model and data: free them when it has finished.
    void (old.trainer?.done ?? Promise.resolve()).then(() => {
      if (old.model) disposeMlp(old.model);
      if (old.data) tf.dispose([old.data.xs, old.data.ys]);
    });
    curve.update([], "Press Train to start.");
    drawDots();
    void redraw();
  }

  function toggle(): void {
    if (!model || !data) return;
    if (trainer?.status === "running") {
      trainer.pause();
      trainButton.textContent = "Resume";
      return;
    }
    if (trainer?.status === "paused") {
      trainer.resume();
      trainButton.textContent = "Pause";
      return;
    }
    trainer = fitModel(model, data, {epochs: EPOCHS, batchSize: BATCH, seed: seed.value});
    loaded = null;
    trainButton.textContent = "Pause";
    const mine = trainer;
    mine.subscribe((t) => {
      if (t !== trainer) return;
      const {stepsDone, totalSteps} = t.progress;
      curve.update(t.history.steps, `${t.status}: step ${stepsDone} of ${totalSteps}.`);
      if (t.status === "done" || t.status === "failed") trainButton.textContent = "Train more";
      void redraw();
    });
    void mine.done.then(() => {
      if (mine.error) summary.append(htmlEl("div", "warn", mine.error.message));
    });
  }

  for (const control of [dataset, depth, width, activation, lr, seed]) control.addEventListener("input", rebuild);
  rebuild();
  return {
    root: frame.root,
    curve: curve.root,
    dispose() {
      generation++;
      const old = {trainer, model, data};
      stopTraining();
      model = null;
      data = null;
      void (old.trainer?.done ?? Promise.resolve()).then(() => {
        if (old.model) disposeMlp(old.model);
        if (old.data) tf.dispose([old.data.xs, old.data.ys]);
      });
    }
  };
}
