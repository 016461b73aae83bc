// Checkpoints: a trained model and its training card (data, seed, settings, history) in
// one self-contained JSON file, so a reader can download a run and load it back later,
// and the site can ship pretrained runs that say exactly how they were made.
import {downloadBlob} from "./download.ts";
import {tf} from "./tf.ts";
import type {HistoryJSON} from "./train/history.ts";

export const CHECKPOINT_FORMAT = "manus-checkpoint";
export const CHECKPOINT_VERSION = 1;

export interface TrainingCard {
  /** The model's slot name in the essays, e.g. "mnist-cnn". */
  model: string;
  /** `train`/`test`: the number of examples in each split. */
  dataset: {name: string; sha256: string; train: number; test: number};
  seed: number;
  config: Record<string, unknown>;
  /** Final metrics, e.g. {val_accuracy: 0.98}. */
  metrics: Record<string, number>;
  history: HistoryJSON;
  backend: string;
  /** ISO 8601. */
  createdAt: string;
  tfjs: string;
}

/** A card as the caller writes it: backend, createdAt and tfjs are filled in when absent. */
export type CardInput = Omit<TrainingCard, "backend" | "createdAt" | "tfjs"> & Partial<TrainingCard>;

export interface CheckpointFile {
  format: typeof CHECKPOINT_FORMAT;
  version: typeof CHECKPOINT_VERSION;
  card: TrainingCard;
  modelTopology: object;
  weightSpecs: tf.io.WeightsManifestEntry[];
  /** All weights, concatenated in weightSpecs order, base64. */
  weightData: string;
}

export interface LoadedCheckpoint {
  /** Not compiled: compile it before training it further. */
  model: tf.LayersModel;
  card: TrainingCard;
}

/** Serializes `model` and its card into the text of one checkpoint file. */
export async function saveCheckpoint(model: tf.LayersModel, card: CardInput): Promise<string> {
  const full: TrainingCard = {
    backend: tf.getBackend(),
    createdAt: new Date().toISOString(),
    tfjs: tf.version.tfjs,
    ...card
  };
  checkCard(full, "saveCheckpoint");
  let artifacts: tf.io.ModelArtifacts | undefined;
  await model.save(
    tf.io.withSaveHandler(async (saved) => {
      artifacts = saved;
      return {modelArtifactsInfo: {dateSaved: new Date(), modelTopologyType: "JSON"}};
    })
  );
  if (!artifacts?.modelTopology || !artifacts.weightSpecs || !artifacts.weightData) {
    throw new Error(`saveCheckpoint: model "${model.name}" gave no topology or weights to save`);
  }
  const bytes = new Uint8Array(tf.io.CompositeArrayBuffer.join(artifacts.weightData));
  const file: CheckpointFile = {
    format: CHECKPOINT_FORMAT,
    version: CHECKPOINT_VERSION,
    card: full,
    modelTopology: artifacts.modelTopology,
    weightSpecs: artifacts.weightSpecs,
    weightData: toBase64(bytes)
  };
  return JSON.stringify(file);
}

/**
 * Reads a checkpoint from its text, bytes or a File/Blob (an upload). Every problem is an
 * Error whose message starts "<name> is not a Manus checkpoint: …" (name: the file's
 * name, or `options.name`) and says what was expected and what was found.
 */
export async function loadCheckpoint(
  source: string | ArrayBuffer | Blob,
  options: {name?: string} = {}
): Promise<LoadedCheckpoint> {
  const name = options.name ?? (isFile(source) ? source.name : "this file");
  const fail = (reason: string): never => {
    throw new Error(`${name} is not a Manus checkpoint: ${reason}`);
  };
  const text =
    typeof source === "string" ? source
    : source instanceof ArrayBuffer ? new TextDecoder().decode(source)
    : await source.text();
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    return fail(`it is not JSON (${(e as Error).message})`);
  }
  if (!isObject(json)) return fail(`expected a JSON object, got ${json === null ? "null" : typeof json}`);
  if (json.format !== CHECKPOINT_FORMAT) {
    return fail(`format is ${JSON.stringify(json.format)}, expected "${CHECKPOINT_FORMAT}"`);
  }
  if (json.version !== CHECKPOINT_VERSION) {
    return fail(`version ${JSON.stringify(json.version)} is not supported, expected ${CHECKPOINT_VERSION}`);
  }
  for (const field of ["card", "modelTopology", "weightSpecs", "weightData"]) {
    if (!(field in json)) fail(`missing field "${field}"`);
  }
  if (!isObject(json.modelTopology)) fail(`"modelTopology" must be an object`);
  if (!Array.isArray(json.weightSpecs)) fail(`"weightSpecs" must be an array`);
  if (typeof json.weightData !== "string" || !BASE64.test(json.weightData)) {
    fail(`"weightData" must be a base64 string`);
  }
  try {
    checkCard(json.card, "card");
  } catch (e) {
    fail((e as Error).message);
  }
  const weightSpecs = json.weightSpecs as tf.io.WeightsManifestEntry[];
  const expected = weightSpecs.reduce((sum, spec, i) => sum + specBytes(spec, i, fail), 0);
  const bytes = fromBase64(json.weightData as string);
  if (bytes.byteLength !== expected) {
    fail(`weightData holds ${bytes.byteLength} bytes, expected ${expected} bytes from weightSpecs`);
  }
  const artifacts = {modelTopology: json.modelTopology as object, weightSpecs, weightData: bytes.buffer as ArrayBuffer};
  let model: tf.LayersModel;
  try {
    model = await tf.loadLayersModel(tf.io.fromMemory(artifacts));
  } catch (e) {
    return fail(`tfjs could not build the model (${(e as Error).message})`);
  }
  const card = json.card as TrainingCard;
  // JSON wrote a NaN metric (a diverged run) as null; give it back as NaN.
  for (const key of Object.keys(card.metrics)) card.metrics[key] ??= NaN;
  return {model, card};
}

/** Fetches and loads a checkpoint; HTTP failures name the URL and status. */
export async function loadCheckpointUrl(url: string, fetchImpl: typeof fetch = fetch): Promise<LoadedCheckpoint> {
  const response = await fetchImpl(url);
  if (!response.ok) throw new Error(`could not load checkpoint ${url}: HTTP ${response.status} ${response.statusText}`);
  return loadCheckpoint(await response.text(), {name: url});
}

export function checkpointBlob(text: string): Blob {
  return new Blob([text], {type: "application/json"});
}

/** A file name like "mnist-cnn-2025-01-31.manus.json". */
export function checkpointFileName(card: Pick<TrainingCard, "model" | "createdAt">): string {
  return `${card.model}-${card.createdAt.slice(0, 10)}.manus.json`;
}

/** Offers `text` as a download through a temporary <a download>. Browser only. */
export function downloadCheckpoint(text: string, fileName: string, doc: Document = document): void {
  downloadBlob(checkpointBlob(text), fileName, doc);
}

/** Throws when a loaded checkpoint does not fit the slot it was loaded into. */
export function expectCompatible(
  {card, model}: {card: TrainingCard; model?: tf.LayersModel},
  expected: {model: string; inputShape?: readonly number[]}
): void {
  if (card.model !== expected.model) {
    throw new Error(
      `this checkpoint is for the model "${card.model}", but it was loaded into the "${expected.model}" slot`
    );
  }
  if (!model || !expected.inputShape) return;
  const got = model.inputs[0].shape.slice(1); // drop the batch dimension (null)
  if (got.length !== expected.inputShape.length || got.some((d, i) => d !== expected.inputShape?.[i])) {
    const want = `[${expected.inputShape}] for "${expected.model}"`;
    throw new Error(`this checkpoint's model takes inputs [${got}], expected ${want}`);
  }
}

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;
const BYTES: Record<string, number> = {float32: 4, int32: 4, bool: 1, complex64: 8, uint8: 1, uint16: 2, float16: 2};

function specBytes(spec: unknown, i: number, fail: (reason: string) => never): number {
  if (!isObject(spec) || !Array.isArray(spec.shape) || typeof spec.dtype !== "string") {
    return fail(`weightSpecs[${i}] must be {name, shape, dtype}`);
  }
  const quantization = isObject(spec.quantization) ? spec.quantization : undefined;
  const dtype = String(quantization?.dtype ?? spec.dtype);
  const size = BYTES[dtype];
  if (!size) return fail(`weightSpecs[${i}] has dtype "${dtype}", expected one of ${Object.keys(BYTES)}`);
  return (spec.shape as number[]).reduce((a, b) => a * b, 1) * size;
}

function checkCard(card: unknown, what: string): asserts card is TrainingCard {
  const bad = (field: string, expected: string, value: unknown) => {
    throw new Error(`${what}.${field} must be ${expected}, got ${describe(value)}`);
  };
  if (!isObject(card)) throw new Error(`missing or invalid "${what}": expected an object`);
  for (const field of ["model", "backend", "createdAt", "tfjs"]) {
    if (typeof card[field] !== "string") bad(field, "a string", card[field]);
  }
  if (typeof card.seed !== "number") bad("seed", "a number", card.seed);
  const dataset = card.dataset;
  if (!isObject(dataset)) return bad("dataset", "{name, sha256, train, test}", dataset);
  for (const field of ["name", "sha256"]) {
    if (typeof dataset[field] !== "string") bad(`dataset.${field}`, "a string", dataset[field]);
  }
  for (const field of ["train", "test"]) {
    if (typeof dataset[field] !== "number") bad(`dataset.${field}`, "a number", dataset[field]);
  }
  if (!isObject(card.config)) bad("config", "an object", card.config);
  if (!isObject(card.metrics) || Object.values(card.metrics).some((v) => typeof v !== "number" && v !== null)) {
    bad("metrics", "an object of numbers", card.metrics);
  }
  const history = card.history;
  if (!isObject(history) || !Array.isArray(history.steps) || !Array.isArray(history.epochs)) {
    bad("history", "{steps: [], epochs: []}", history);
  }
}

function describe(value: unknown): string {
  if (Array.isArray(value)) return `an array of ${value.length}`;
  if (isObject(value)) return `an object with keys ${Object.keys(value).join(", ") || "(none)"}`;
  return JSON.stringify(value) ?? typeof value;
}

function toBase64(bytes: Uint8Array): string {
  let binary = "";
  const chunk = 0x8000; // String.fromCharCode takes its bytes as arguments: keep the call small
  for (let i = 0; i < bytes.length; i += chunk) binary += String.fromCharCode(...bytes.subarray(i, i + chunk));
  return btoa(binary);
}

function fromBase64(text: string): Uint8Array {
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; ++i) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

function isFile(source: unknown): source is File {
  return typeof File !== "undefined" && source instanceof File;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
