// Training in view, as one panel: Train / Pause / speed controls, the first environment of
// the batch drawn while the agent learns, optionally the agent's-eye view, and the reward per
// episode over a reference run. The panel owns its run; dispose() stops it and frees it.
// A run can be downloaded and loaded back (../share-run.ts): the loaded agent then plays in
// the view, its reward curve is drawn, and Train starts afresh with its settings.
import type {tf} from "../tf.ts";
import type {CardInput} from "../checkpoint.ts";
import {button, controlRow, select} from "../controls.ts";
import {downloadHistoryCsv} from "../download.ts";
import {historyFromJSON} from "../train/history.ts";
import {createCurve} from "../figures/curve.ts";
import type {CurveReference, CurvePoint} from "../figures/curve.ts";
import {createRunControls, loadRun, runFileName, saveRun} from "../share-run.ts";
import {mergeSearch} from "../url-state.ts";
import {createPolicy, POLICIES} from "./agent.ts";
import {startArena} from "./arena.ts";
import type {Arena} from "./arena.ts";
import {createPacer, SPEED_LABELS, SPEEDS} from "./pacer.ts";
import type {Pacer, Speed} from "./pacer.ts";
import {normalizeRlParams, PONG_TRAINING} from "./params.ts";
import type {RlSettings} from "./params.ts";
import {makeTask} from "./tasks.ts";
import type {Task} from "./tasks.ts";
import {AVERAGE_WINDOW, startTraining} from "./training.ts";
import type {TrainingRun} from "./training.ts";
import {createAgentEye, createCanvasFigure} from "./views.ts";

export interface TrainingPanelOptions {
  /** Prefix of the panel's figure and control names, e.g. "rl-cartpole". */
  name: string;
  task: Task;
  seed: number;
  learningRate: number;
  parallel: number;
  episodes: number;
  speed: Speed;
  /** The committed pretraining run, drawn as a band behind the reader's run. */
  reference?: CurveReference | null;
  /** The mean reward over AVERAGE_WINDOW episodes that solves the task, if there is one. */
  solvedAt?: number;
  /** Show the agent's-eye view (Pong). */
  eye?: boolean;
  /** Canvas size [px]. */
  width?: number;
  height?: number;
  /** The settings this panel takes from the address (a loaded run writes them back there);
   * default seed, lr, parallel and episodes. */
  urlParams?: readonly string[];
}

export interface TrainingPanel {
  root: HTMLElement;
  /** Starts a fresh run (stopping any run in progress). */
  start(): void;
  readonly run: TrainingRun | null;
  dispose(): Promise<void>;
}

/** URL name of each setting a run file records. */
const RUN_PARAMS = {seed: "seed", learningRate: "lr", parallel: "parallel", episodes: "episodes"} as const;

export function createTrainingPanel(options: TrainingPanelOptions): TrainingPanel {
  const {name, task, solvedAt, width = 480, height = 240, urlParams = Object.values(RUN_PARAMS)} = options;
  // What Train starts with; a loaded run replaces them.
  let {seed, learningRate, parallel, episodes} = options;
  const view = createCanvasFigure(`${name}-training`, width, height, `${task.label}, training in view`,
    `The first of the games played at once (${parallel} by default); after each batch of them the policy takes one gradient step.`);
  const eye = options.eye ? createAgentEye(`${name}-training-eye`, task.makeEnvironment(0).actionNames) : null;
  const curve = createCurve({
    name: `${name}-rewards`, title: "Reward per episode", xLabel: "episode", smoothing: 0.9,
    metrics: [{key: "reward", label: "Reward", format: (v) => v.toFixed(1)}],
    reference: options.reference ?? undefined,
    caption: "Faint: each episode's reward. Bold: its exponential moving average."
  });
  const speed = select<Speed>({label: "Speed", options: SPEEDS, labels: SPEED_LABELS, value: options.speed, name: `${name}-speed`});
  const status = document.createElement("p");
  status.className = "manus-rl-status";
  status.setAttribute("role", "status");
  let run: TrainingRun | null = null;
  let model: tf.LayersModel | null = null;
  let pacer: Pacer | null = null;
  /** A loaded run: its card, its file's name, and its agent playing in the view. */
  let loaded: {card: CardInput; file: string; arena: Arena} | null = null;
  const error = document.createElement("p");
  error.className = "manus-notice manus-notice-error";
  error.setAttribute("role", "alert");
  error.hidden = true;
  const showError = (message: string | null) => {
    error.hidden = message === null;
    error.textContent = message ?? "";
  };
  const share = createRunControls({name, save: saveShown, load: loadFile, onError: showError});
  const pauseButton = button("Pause", `${name}-pause`, () => {
    if (!run || run.trainer.status === "done" || run.trainer.status === "stopped") return;
    if (run.trainer.status === "paused") run.resume();
    else run.pause();
    showStatus();
  });
  const trainButton = button("Train", `${name}-train`, () => start());
  // The reward of every episode shown (the run in this page, else the loaded agent's card), as CSV.
  const csvButton = button("History (CSV)", `${name}-export-csv`, () => {
    const episodes = run ? run.episodes.map((record) => ({...record})) : loaded ? historyFromJSON(loaded.card.history).steps : [];
    if (episodes.length === 0) return showError("No episode has been played yet: press Train, or load a run.");
    downloadHistoryCsv({steps: episodes, epochs: []}, `${name}-episodes.csv`);
  });
  speed.addEventListener("input", () => {
    if (pacer) pacer.speed = speed.value;
  });

  const draw = () => {
    if (!run) return;
    task.draw(view.context, run.environment);
    view.describe(`${task.label}, the first game of the batch after ${run.episodes.length} episodes. ${task.describe(run.environment)}`);
    if (eye && run.lastView) eye.update(run.lastView);
    status.dataset.steps = String(run.environmentSteps);
  };

  function showStatus(): void {
    pauseButton.textContent = run?.trainer.status === "paused" ? "Resume" : "Pause";
    share.setDisabled(run?.trainer.status === "running" || run?.trainer.status === "paused");
    if (loaded) {
      const steps = loaded.card.history.steps;
      const last = steps[steps.length - 1]?.average;
      // What the agent was trained with comes from its card; what Train would do, from the
      // settings now in force (the run's, or the page's when a bare checkpoint was loaded).
      const {card} = loaded;
      const trained = card.config as {learningRate?: unknown; parallel?: unknown};
      status.textContent = `Loaded from ${loaded.file}: an agent trained for ${steps.length} episodes with seed ${card.seed}, ` +
        `learning rate ${trained.learningRate ?? "–"}, ${trained.parallel ?? "–"} games per step; mean reward of its last ` +
        `${Math.min(steps.length, AVERAGE_WINDOW)}: ${typeof last === "number" ? last.toFixed(1) : "–"}. It plays below; Train starts ` +
        `a fresh agent with seed ${seed}, learning rate ${learningRate}, ${parallel} games per step.`;
      status.dataset.status = "loaded";
      return;
    }
    if (!run) {
      status.textContent = "Press Train to start a fresh agent on this backend.";
      return;
    }
    const n = run.episodes.length;
    const average = n ? run.episodes[n - 1].average.toFixed(1) : "–";
    const solved = run.solvedAt !== null ? ` Solved at episode ${run.solvedAt}.` : "";
    const state = {running: "Training", paused: "Paused", stopped: "Stopped", done: "Finished", failed: "Failed"}[run.trainer.status];
    status.textContent = `${state}: ${n} of ${episodes} episodes; mean reward of the last ${Math.min(n, AVERAGE_WINDOW)}: ${average}.${solved}` +
      (run.trainer.error ? ` ${run.trainer.error.message}` : "") + (speed.value === "max" ? " Drawing is skipped at this speed." : "") +
      (run.trainer.status === "paused" ? " Resume to go on; downloading or loading a run waits until this one ends." : "");
    status.dataset.status = run.trainer.status;
    status.dataset.episodes = String(n);
    status.dataset.steps = String(run.environmentSteps);
  }

  async function stopRun(): Promise<void> {
    loaded?.arena.stop();
    loaded = null;
    await run?.dispose();
    model?.dispose();
    model = null;
  }

  /** The settings as the essay's URL parameters. */
  function params(): Record<string, number> {
    return {[RUN_PARAMS.seed]: seed, [RUN_PARAMS.learningRate]: learningRate, [RUN_PARAMS.parallel]: parallel, [RUN_PARAMS.episodes]: episodes};
  }

  /** A run file of the agent shown: the one loaded, or the one trained here (once its run has ended). */
  async function saveShown(): Promise<{text: string; fileName: string}> {
    if (!model) throw new Error("there is no agent to save yet: press Train first");
    let card = loaded?.card;
    if (!card && run) {
      const records = run.episodes;
      const last = records[records.length - 1];
      card = {
        model: name,
        dataset: {name: `${task.label} (simulated in components/rl)`, sha256: "none: the environment is generated", train: records.length, test: 0},
        seed,
        config: {task: task.label, parallel, learningRate, gamma: task.gamma, maxEpisodes: episodes, policy: task.policy, stopAtAverage: solvedAt ?? null},
        metrics: {final_average_reward: last?.average ?? NaN, ...(run.solvedAt !== null && {solved_at_episode: run.solvedAt})},
        history: {steps: records.map((record) => ({...record})), epochs: []}
      };
    }
    if (!card) throw new Error("there is no run to save yet: press Train first");
    return {text: await saveRun(model, card, {essay: "rl", params: params()}), fileName: runFileName("rl", name)};
  }

  /** Loads a run file: its settings (into the address too), its reward curve and its agent, which then plays. */
  async function loadFile(file: File): Promise<void> {
    const shared = await loadRun(file, {essay: "rl", models: [name], normalize: normalizeRlParams});
    const inputs = shared.model.inputs[0].shape[1];
    if (inputs !== POLICIES[task.policy].inputSize) {
      shared.model.dispose();
      throw new Error(`its agent reads ${inputs} inputs, but ${task.label}'s policy reads ${POLICIES[task.policy].inputSize}`);
    }
    await stopRun();
    run = null;
    if (shared.params) {
      const settings = shared.settings as RlSettings;
      ({seed, learningRate, parallel, episodes} = settings);
      const written = new URLSearchParams(Object.entries(params()).filter(([key]) => urlParams.includes(key)).map(([key, value]) => [key, String(value)]));
      history.replaceState(history.state, "", `${location.pathname}${mergeSearch(location.search, urlParams, written)}${location.hash}`);
    }
    model = shared.model;
    const arena = startArena({task, model, seed, view, eye: eye ?? undefined});
    loaded = {card: shared.card, file: file.name, arena};
    showError(shared.notes.length ? shared.notes.join(" ") : null);
    showStatus();
    curve.update(shared.card.history.steps as unknown as CurvePoint[], status.textContent ?? "");
  }

  function start(): void {
    void (async () => {
      await stopRun();
      model = createPolicy(task.policy, seed);
      pacer = createPacer({stepsPerSecond: task.stepsPerSecond, speed: speed.value, draw});
      const current = startTraining({task, model, seed, parallel, episodes, learningRate, pacer, stopAtAverage: solvedAt});
      run = current;
      current.trainer.subscribe(() => {
        if (run !== current) return;
        // A batch that ends after Pause was pressed is not drawn by the paused pacer.
        if (current.trainer.status === "paused") draw();
        showStatus();
        curve.update(current.episodes, status.textContent ?? "");
      });
      void current.trainer.done.then(async () => {
        await current.dispose(); // frees the optimiser; the model stays until the next run
        if (run !== current) return;
        draw();
        showStatus();
      });
      showStatus();
    })();
  }

  const root = document.createElement("div");
  root.className = "manus-rl-panel";
  root.append(controlRow(trainButton, pauseButton, speed, csvButton, ...share.elements), status, error, view.root, ...(eye ? [eye.root] : []), curve.root);
  view.context.fillStyle = "#f4f4f4";
  view.context.fillRect(0, 0, width, height);
  view.describe(`${task.label}: nothing drawn yet; press Train.`);
  curve.update([]);
  showStatus();
  return {
    root,
    start,
    get run() {
      return run;
    },
    async dispose() {
      await stopRun();
      run = null;
    }
  };
}

/** Pong's panel, as the essay and its embed show it: Pong trains with its own settings
 * (PONG_TRAINING); the address gives it only the seed. */
export function createPongPanel(seed: number, speed: Speed, reference: CurveReference | null): TrainingPanel {
  return createTrainingPanel({
    name: "rl-pong", task: makeTask("pong", {pointsToWin: PONG_TRAINING.pointsToWin}), seed, learningRate: PONG_TRAINING.learningRate,
    parallel: PONG_TRAINING.parallel, episodes: 2000, speed, eye: true, width: 320, height: 320, reference, urlParams: ["seed"]
  });
}
