// A model-agnostic training loop: epochs of steps, each step a callback that returns its
// metrics. It runs in the page's main thread, so it hands the thread back to the browser
// whenever a frame's worth of time is spent, and tells listeners at most once per frame.
import {deriveSeed, mulberry32} from "../random.ts";
import {appendEpoch, appendStep, createHistory} from "./history.ts";
import type {History, Metrics} from "./history.ts";

export type {Metrics} from "./history.ts";

export interface StepContext {
  /** 0-based epoch index. */
  epoch: number;
  /** 0-based step index within the epoch. */
  step: number;
  /** 0-based step index over the whole run. */
  globalStep: number;
  /** Uniform on [0, 1), seeded by (seed, epoch): the same run draws the same numbers. */
  random: () => number;
}

export interface LoopSpec {
  epochs: number;
  stepsPerEpoch: number;
  seed: number;
  /** One step; returns metrics for the history, e.g. {loss, accuracy}. May be async. */
  step(ctx: StepContext): Promise<Metrics> | Metrics;
  /** After each epoch, e.g. validation metrics merged into the epoch record. */
  endEpoch?(ctx: {epoch: number}): Promise<Metrics> | Metrics;
}

export interface LoopOptions {
  /** Milliseconds of work before yielding to the browser; default 12 (of a 16.7 ms frame). */
  frameBudgetMs?: number;
  /** Clock in ms; injectable for tests. */
  now?: () => number;
  /** Gives the browser a turn; default a macrotask (MessageChannel, else setTimeout 0). */
  yieldToBrowser?: () => Promise<void>;
  /** Where a listener's exception goes; default reportError / console.error. */
  reportError?: (error: unknown) => void;
}

export type TrainerStatus = "running" | "paused" | "stopped" | "done" | "failed";

export interface Progress {
  /** 1-based epoch in progress (0 before the first step). */
  epoch: number;
  epochs: number;
  /** Steps completed within that epoch. */
  step: number;
  stepsDone: number;
  totalSteps: number;
  /** Time spent running; paused time is left out. */
  elapsedMs: number;
  /** Remaining running time at the pace so far; null before the first step ends. */
  etaMs: number | null;
  stepsPerSecond: number;
}

export interface Trainer {
  readonly status: TrainerStatus;
  readonly history: History;
  readonly progress: Progress;
  /** Set when status is "failed": the step's error, its message prefixed with where it happened. */
  readonly error?: Error;
  pause(): void;
  resume(): void;
  /** Ends the run after the step in flight; `done` resolves with the history so far. */
  stop(): void;
  /** Always resolves, never rejects, with the history: on "done", "stopped" and "failed" alike.
   * A failed run is told by `status` and `error`, so an awaiting page cell keeps the history. */
  done: Promise<History>;
  /** Called at most once per yielded frame and on each status change; returns unsubscribe. */
  subscribe(listener: (trainer: Trainer) => void): () => void;
}

/** The loops of this page that have not ended yet (running or paused). */
const unfinished = new Set<Trainer>();

/**
 * How many training loops of this page are running or paused. The backend picker asks
 * before switching to a backend that cannot train: a loop caught mid-step on WASM fails
 * with a missing-gradient error instead of a sentence the reader can act on.
 */
export function loopsInProgress(): number {
  return unfinished.size;
}

export function startLoop(spec: LoopSpec, options: LoopOptions = {}): Trainer {
  checkCount("epochs", spec.epochs, 0);
  checkCount("stepsPerEpoch", spec.stepsPerEpoch, 1);
  if (!Number.isFinite(spec.seed)) throw new Error(`startLoop: seed must be a finite number, got ${spec.seed}`);
  const {frameBudgetMs = 12, now = () => performance.now(), yieldToBrowser = macrotask} = options;
  const reportError = options.reportError ?? defaultReportError;
  const history = createHistory();
  const listeners = new Set<(trainer: Trainer) => void>();
  const totalSteps = spec.epochs * spec.stepsPerEpoch;
  let status: TrainerStatus = "running";
  let error: Error | undefined;
  let epoch = 0;
  let stepInEpoch = 0;
  let stepsDone = 0;
  const startedAt = now();
  let pausedMs = 0;
  let pausedAt: number | null = null;
  let wake: (() => void) | null = null;
  let resolveDone: (history: History) => void = () => {};
  const done = new Promise<History>((resolve) => (resolveDone = resolve));

  const notify = () => {
    for (const listener of [...listeners]) {
      try {
        listener(trainer);
      } catch (e) {
        reportError(e);
      }
    }
  };
  const setStatus = (next: TrainerStatus) => {
    if (status === next) return;
    if (status === "paused" && pausedAt !== null) pausedMs += now() - pausedAt;
    pausedAt = next === "paused" ? now() : null;
    status = next;
    notify();
  };
  const isOver = () => status === "stopped" || status === "done" || status === "failed";
  const releasePause = () => {
    wake?.();
    wake = null;
  };

  let where = "before the first step";
  async function run(): Promise<void> {
    let frameStart = now();
    const maybeYield = async () => {
      if (now() - frameStart < frameBudgetMs) return;
      notify();
      await yieldToBrowser();
      frameStart = now();
    };
    // A loop, not an if: pause() right after resume() must hold the next step too.
    const waitWhilePaused = async () => {
      while (status === "paused") await new Promise<void>((resolve) => (wake = resolve));
    };
    for (let e = 0; e < spec.epochs; ++e) {
      const random = mulberry32(deriveSeed(spec.seed, `epoch ${e}`));
      const sums: Metrics = {};
      for (let s = 0; s < spec.stepsPerEpoch; ++s) {
        await waitWhilePaused();
        if (isOver()) return;
        epoch = e + 1;
        stepInEpoch = s;
        where = `epoch ${e + 1}, step ${stepsDone + 1} of ${totalSteps}`;
        const metrics = checkMetrics(await spec.step({epoch: e, step: s, globalStep: stepsDone, random}), "step");
        ++stepsDone;
        stepInEpoch = s + 1;
        appendStep(history, e + 1, stepsDone, metrics);
        for (const [key, value] of Object.entries(metrics)) sums[key] = (sums[key] ?? 0) + value;
        await maybeYield();
      }
      await waitWhilePaused();
      if (isOver()) return; // stopped: the epoch record would be missing its end-of-epoch metrics
      where = `the end of epoch ${e + 1}`;
      const extra = spec.endEpoch ? checkMetrics(await spec.endEpoch({epoch: e}), "endEpoch") : {};
      const means = Object.fromEntries(Object.entries(sums).map(([k, v]) => [k, v / spec.stepsPerEpoch]));
      appendEpoch(history, e + 1, {...means, ...extra});
      await maybeYield();
    }
  }

  const trainer: Trainer = {
    get status() {
      return status;
    },
    get history() {
      return history;
    },
    get error() {
      return error;
    },
    get progress(): Progress {
      const pausing = status === "paused" && pausedAt !== null ? now() - pausedAt : 0;
      const elapsedMs = Math.max(0, now() - startedAt - pausedMs - pausing);
      const rate = elapsedMs > 0 ? stepsDone / elapsedMs : 0;
      return {
        epoch, epochs: spec.epochs, step: stepInEpoch, stepsDone, totalSteps, elapsedMs,
        etaMs: stepsDone > 0 && rate > 0 ? (totalSteps - stepsDone) / rate : null,
        stepsPerSecond: rate * 1000
      };
    },
    pause() {
      if (status === "running") setStatus("paused");
    },
    resume() {
      if (status !== "paused") return;
      setStatus("running");
      releasePause();
    },
    stop() {
      if (isOver()) return;
      setStatus("stopped");
      releasePause();
    },
    done,
    subscribe(listener) {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    }
  };

  // Started after a microtask, so that the caller can subscribe before the first notice.
  Promise.resolve()
    .then(run)
    .then(
      () => {
        if (status === "stopped") notify(); // the step in flight at stop() has landed since
        else setStatus("done");
      },
      (cause: unknown) => {
        const message = cause instanceof Error ? cause.message : String(cause);
        error = new Error(`training failed at ${where}: ${message}`, {cause});
        setStatus("failed");
      }
    )
    .then(() => {
      unfinished.delete(trainer);
      resolveDone(history);
    });
  unfinished.add(trainer);
  return trainer;
}

function checkCount(name: string, value: number, min: number): void {
  if (!Number.isInteger(value) || value < min) {
    throw new Error(`startLoop: ${name} must be an integer ≥ ${min}, got ${value}`);
  }
}

/** A step must return {name: number}; NaN and ±Infinity are kept (a diverged run is data). */
function checkMetrics(metrics: unknown, from: string): Metrics {
  if (typeof metrics !== "object" || metrics === null || Array.isArray(metrics)) {
    throw new Error(`${from}() must return an object of numbers like {loss: 0.3}, got ${JSON.stringify(metrics)}`);
  }
  for (const [key, value] of Object.entries(metrics)) {
    if (typeof value !== "number") {
      throw new Error(`${from}() returned ${key}: ${JSON.stringify(value)}, expected a number`);
    }
    if (key === "epoch" || key === "step") throw new Error(`${from}() returned "${key}", a name the history reserves`);
  }
  return metrics as Metrics;
}

function macrotask(): Promise<void> {
  if (typeof MessageChannel === "undefined") return new Promise((resolve) => setTimeout(resolve, 0));
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      channel.port1.close();
      resolve();
    };
    channel.port2.postMessage(null);
  });
}

function defaultReportError(error: unknown): void {
  if (typeof globalThis.reportError === "function") globalThis.reportError(error);
  else console.error(error);
}
