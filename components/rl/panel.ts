// Training in view, as one panel: Train / Pause / speed controls, the first environment of
// the batch drawn while the agent learns, optionally the agent's-eye view, and the reward per
// episode over a reference run. The panel owns its run; dispose() stops it and frees it.
import type {tf} from "../tf.ts";
import {button, controlRow, select} from "../controls.ts";
import {createCurve} from "../figures/curve.ts";
import type {CurveReference} from "../figures/curve.ts";
import {createPolicy} from "./agent.ts";
import {createPacer, SPEED_LABELS, SPEEDS} from "./pacer.ts";
import type {Pacer, Speed} from "./pacer.ts";
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
}

export interface TrainingPanel {
  root: HTMLElement;
  /** Starts a fresh run (stopping any run in progress). */
  start(): void;
  readonly run: TrainingRun | null;
  dispose(): Promise<void>;
}

export function createTrainingPanel(options: TrainingPanelOptions): TrainingPanel {
  const {name, task, seed, learningRate, parallel, episodes, solvedAt, width = 480, height = 240} = options;
  const view = createCanvasFigure(`${name}-training`, width, height, `${task.label}, training in view`,
    `The first of the ${parallel} games played at once; every ${parallel} episodes the policy takes one gradient step.`);
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
  const pauseButton = button("Pause", `${name}-pause`, () => {
    if (!run || run.trainer.status === "done" || run.trainer.status === "stopped") return;
    if (run.trainer.status === "paused") run.resume();
    else run.pause();
    showStatus();
  });
  const trainButton = button("Train", `${name}-train`, () => start());
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
    if (!run) {
      status.textContent = "Press Train to start a fresh agent on this backend.";
      return;
    }
    const n = run.episodes.length;
    const average = n ? run.episodes[n - 1].average.toFixed(1) : "–";
    const solved = run.solvedAt !== null ? ` Solved at episode ${run.solvedAt}.` : "";
    const state = {running: "Training", paused: "Paused", stopped: "Stopped", done: "Finished", failed: "Failed"}[run.trainer.status];
    status.textContent = `${state}: ${n} of ${episodes} episodes; mean reward of the last ${Math.min(n, AVERAGE_WINDOW)}: ${average}.${solved}` +
      (run.trainer.error ? ` ${run.trainer.error.message}` : "") + (speed.value === "max" ? " Drawing is skipped at this speed." : "");
    status.dataset.status = run.trainer.status;
    status.dataset.episodes = String(n);
    status.dataset.steps = String(run.environmentSteps);
  }

  async function stopRun(): Promise<void> {
    const old = run;
    if (!old) return;
    await old.dispose();
    model?.dispose();
    model = null;
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
  root.append(controlRow(trainButton, pauseButton, speed), status, view.root, ...(eye ? [eye.root] : []), curve.root);
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
