// Share a run: one file with a model's settings, weights and history, that another reader
// loads to see exactly the same model. A run file is a checkpoint (./checkpoint.ts: weights
// and training card with seed, config and history) with one more field, `run`, holding the
// essay and its settings as the essay's URL parameters:
//   {"format": "manus-checkpoint", …, "run": {"format": "manus-run", "version": 1,
//    "essay": "digits", "params": {"model": "cnn", "lr": "0.001", "batch": "64", …}}}
// So a run file also loads wherever a checkpoint does, and its settings go back in through
// the essay's own normalize step, as a permalink's do: checked, clamped with a note, never
// inserted as HTML. Every essay that trains offers it through createRunControls():
//   const share = createRunControls({name: "digits", save: async () => ({text, fileName}), load: async (file) => …, onError});
//   const run = await loadRun(file, {essay: "digits", models: ["mnist-fc", "mnist-cnn"], normalize: normalizeDigitsParams});
//   applyRunParams(controls, run.params); // the controls, and through them the address, follow
import type {CardInput, LoadedCheckpoint} from "./checkpoint.ts";
import {downloadCheckpoint, loadCheckpoint, saveCheckpoint} from "./checkpoint.ts";
import type {Control} from "./controls.ts";
import {button} from "./controls.ts";
import type {tf} from "./tf.ts";
import type {Normalize} from "./url-state.ts";

export const RUN_FORMAT = "manus-run";
export const RUN_VERSION = 1;

/** The field a run file adds to a checkpoint. */
export interface RunSection {
  format: typeof RUN_FORMAT;
  version: typeof RUN_VERSION;
  /** The essay's path without the slash: "digits", "intro", "rl", "music", "faces". */
  essay: string;
  /** The settings, by the essay's URL parameter names, as text (what a permalink would hold). */
  params: Record<string, string>;
}

export interface RunSpec {
  essay: string;
  /** The model slot names (TrainingCard.model) this essay can show, e.g. ["mnist-fc", "mnist-cnn"]. */
  models: readonly string[];
  normalize: Normalize;
}

export interface LoadedRun extends LoadedCheckpoint {
  /** The run's settings by URL name, or null for a plain checkpoint (it has none). */
  params: URLSearchParams | null;
  /** What the essay's normalize step made of them (its defaults for a plain checkpoint). */
  settings: unknown;
  /** One sentence per setting that was fixed or ignored, and one when the file has no settings. */
  notes: string[];
}

/** The text of a run file: `model` with its card, and the settings `params` of `essay`. */
export async function saveRun(
  model: tf.LayersModel,
  card: CardInput,
  {essay, params}: {essay: string; params: Readonly<Record<string, string | number>>}
): Promise<string> {
  const checkpoint = JSON.parse(await saveCheckpoint(model, card)) as Record<string, unknown>;
  const run: RunSection = {
    format: RUN_FORMAT,
    version: RUN_VERSION,
    essay,
    params: Object.fromEntries(Object.entries(params).map(([name, value]) => [name, String(value)]))
  };
  return JSON.stringify({...checkpoint, run});
}

/**
 * Reads a run file (or a plain checkpoint) for the essay `spec.essay`. Every problem throws
 * before anything is built or returned, with a message that starts with the file's name: a
 * file of another essay names that essay, a model of another slot names the slots expected.
 */
export async function loadRun(source: string | ArrayBuffer | Blob, spec: RunSpec, options: {name?: string} = {}): Promise<LoadedRun> {
  const name = options.name ?? (typeof File !== "undefined" && source instanceof File ? source.name : "this file");
  const text = typeof source === "string" ? source : source instanceof ArrayBuffer ? new TextDecoder().decode(source) : await source.text();
  let json: unknown = null;
  try {
    json = JSON.parse(text);
  } catch {
    // Not JSON: loadCheckpoint below says so in its own words.
  }
  const run = isObject(json) ? json.run : undefined;
  if (run !== undefined) checkRunSection(run, name, spec.essay);
  const model = isObject(json) && isObject(json.card) ? json.card.model : undefined;
  if (typeof model === "string" && !spec.models.includes(model)) throw wrongModel(name, model, spec);
  const loaded = await loadCheckpoint(text, {name});
  if (!spec.models.includes(loaded.card.model)) {
    loaded.model.dispose();
    throw wrongModel(name, loaded.card.model, spec);
  }
  if (run === undefined) {
    const {settings} = spec.normalize("");
    return {...loaded, params: null, settings, notes: [`${name} is a checkpoint without settings: the model and its history are loaded, the controls are left as they were.`]};
  }
  const params = new URLSearchParams((run as RunSection).params);
  const {settings, notes} = spec.normalize(`?${params}`);
  return {...loaded, params, settings, notes: notes.map((note) => `In ${name}: ${note}`)};
}

/** The current values of `controls` (URL name → control) as run parameters. */
export function runParams(controls: Readonly<Record<string, Control<unknown>>>): Record<string, string> {
  return Object.fromEntries(Object.entries(controls).map(([name, control]) => [name, String(control.value)]));
}

/**
 * Sets each control named in `params` to its value and announces the change with an "input"
 * event, so that the figure and the address (url-state.ts) follow as if the reader had moved
 * it. A control clamps a value it cannot take; parameters without a control are skipped.
 * Returns the names it set.
 */
export function applyRunParams(controls: Readonly<Record<string, Control<unknown>>>, params: URLSearchParams): string[] {
  const set: string[] = [];
  for (const [name, control] of Object.entries(controls)) {
    const value = params.get(name);
    if (value === null) continue;
    control.value = typeof control.value === "number" ? Number(value) : value;
    control.dispatchEvent(new Event("input", {bubbles: true}));
    set.push(name);
  }
  return set;
}

/** "digits-mnist-cnn-run-2026-12-04.manus.json". */
export function runFileName(essay: string, model: string, date = new Date()): string {
  return `${essay}-${model}-run-${date.toISOString().slice(0, 10)}.manus.json`;
}

export interface RunControlsOptions {
  /** Prefix of the data-control names: "<name>-download-run", "<name>-load-run". */
  name: string;
  /** The run file to offer: its text (saveRun) and file name (runFileName). */
  save(): Promise<{text: string; fileName: string}>;
  /** Loads a chosen file; throw to refuse it (the essay then keeps what it shows). */
  load(file: File): Promise<void>;
  /** Shows a message, or clears it with null (the essay's error line). */
  onError(message: string | null): void;
}

export interface RunControls {
  /** "Download this run" and "Load a run", for a row of controls. */
  elements: HTMLElement[];
  /** Disables both, e.g. while a model trains. */
  setDisabled(disabled: boolean): void;
}

/** The two controls of a shared run, with their errors routed to `onError`. */
export function createRunControls({name, save, load, onError}: RunControlsOptions): RunControls {
  const download = button("Download this run", `${name}-download-run`, () => {
    onError(null);
    save().then(
      ({text, fileName}) => downloadCheckpoint(text, fileName),
      (error: Error) => onError(`Could not save this run: ${error.message}`)
    );
  });
  download.title = "A file with the settings, weights and history of the model shown, for another reader to load";
  const input = document.createElement("input");
  input.type = "file";
  input.accept = ".json,application/json";
  input.dataset.control = `${name}-load-run`;
  input.setAttribute("aria-label", "Load a run or checkpoint file");
  input.addEventListener("change", () => {
    const file = input.files?.[0];
    input.value = "";
    if (!file) return;
    onError(null);
    load(file).catch((error: Error) => onError(`Could not load ${file.name}: ${error.message}. Nothing was changed.`));
  });
  const label = document.createElement("label");
  label.className = "manus-control";
  // A checkpoint is a run without settings: the same input takes both.
  label.append("Load a run or checkpoint: ", input);
  return {
    elements: [download, label],
    setDisabled(disabled) {
      download.disabled = input.disabled = disabled;
    }
  };
}

function checkRunSection(run: unknown, name: string, essay: string): asserts run is RunSection {
  const fail = (reason: string): never => {
    throw new Error(`${name} is not a Manus run: ${reason}`);
  };
  if (!isObject(run)) return fail(`"run" must be an object`);
  if (run.format !== RUN_FORMAT) fail(`run.format is ${JSON.stringify(run.format)}, expected "${RUN_FORMAT}"`);
  if (run.version !== RUN_VERSION) fail(`run.version ${JSON.stringify(run.version)} is not supported, expected ${RUN_VERSION}`);
  if (typeof run.essay !== "string") fail(`run.essay must be a string`);
  if (!isObject(run.params) || Object.values(run.params).some((value) => typeof value !== "string")) fail(`run.params must be an object of strings`);
  if (run.essay !== essay) {
    const shown = JSON.stringify(String(run.essay).slice(0, 40));
    throw new Error(`${name} is a run of the ${shown} essay, not of "${essay}": load it on that essay's page`);
  }
}

function wrongModel(name: string, model: string, spec: RunSpec): Error {
  const shown = JSON.stringify(model.slice(0, 40));
  return new Error(`${name} holds the model ${shown}, which the ${spec.essay} essay does not show (expected ${spec.models.join(" or ")})`);
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
