// Loaded by scripts/pretrain-faces.ts in headless Chromium, never by a page of the site:
// trains one of the Faces essay's three runs with exactly the page's code (runs.ts,
// models.ts, train.ts, evaluate.ts), measures it per group on the balanced test set, and
// returns the checkpoint text with a card that holds the per-group accuracies.
import {initBackend} from "../backend.ts";
import {saveCheckpoint} from "../checkpoint.ts";
import {tf} from "../tf.ts";
import type {Trainer} from "../train/loop.ts";
import {historyToJSON} from "../train/history.ts";
import type {AttributeTable, FacesManifest} from "../faces/data.ts";
import {isDarker, toTensor, unpackFaces} from "../faces/data.ts";
import {groupAccuracy} from "../faces/evaluate.ts";
import {DEFAULT_FILTERS, classifierLogits, createClassifier, createDbVae, dbvaeLogits, packDbVae} from "../faces/models.ts";
import type {RareWeights, RunKind} from "../faces/runs.ts";
import {SLOT_NAMES, accuracyMetrics, rareWeightRatios, samplerCheck, testGroups, trainFaceRows, trainingRows, trainingSet} from "../faces/runs.ts";
import type {SamplerResult} from "../faces/sampler.ts";
import type {FacesSettings} from "../faces/params.ts";
import {trainClassifier, trainDbVae} from "../faces/train.ts";

/** The page's own settings (faces/params.ts) for what both share; latentDim, klWeight, alpha,
 * bins and combine matter to the DB-VAE only, and debias false is the uniform-sampling ablation. */
export interface FacesPretrainConfig
  extends Pick<FacesSettings, "seed" | "epochs" | "batchSize" | "learningRate" | "latentDim" | "klWeight" | "alpha" | "bins" | "combine" | "debias"> {
  kind: RunKind;
  backend: string;
  /** Side the model sees (the page's default, 32). */
  size: number;
  stepsPerEpoch: number;
  /**
   * Standard CNN only, an experiment rather than a method: draw each darker-skinned
   * training face this many times as often as a lighter one, by the faces' true skin
   * tone, which no real sampler knows. It shows how far reweighting alone can close the
   * gap on this data, the ceiling for a sampler that leans that hard. Absent: uniform.
   */
  oracleDarker?: number;
}

export interface FacesPretrainResult {
  text: string;
  metrics: Record<string, number>;
}

async function image(url: string): Promise<ImageBitmap> {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`pretrain: ${url}: HTTP ${response.status}`);
  return createImageBitmap(await response.blob());
}

async function json<T>(url: string): Promise<T> {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`pretrain: ${url}: HTTP ${response.status}`);
  return (await response.json()) as T;
}

export async function pretrainFaces(config: FacesPretrainConfig, dataUrl: string, log: (line: string) => void): Promise<FacesPretrainResult> {
  const choice = await initBackend(config.backend);
  log(`backend ${choice.backend}`);
  const manifest = await json<FacesManifest>(`${dataUrl}faces.json`);
  const faces = unpackFaces(manifest, await image(`${dataUrl}faces-train.png`), await image(`${dataUrl}faces-test.png`), await json<AttributeTable>(`${dataUrl}faces-attributes.json`));
  const rows = trainingRows(faces, config.kind, config.seed);
  const set = trainingSet(faces, rows, config.size);
  const test = testGroups(faces, Infinity);
  const testXs = toTensor(faces.test, faces.side, test.rows, config.size); // [n, size, size, 3], as the page measures
  const options = {epochs: config.epochs, stepsPerEpoch: config.stepsPerEpoch, batchSize: config.batchSize, learningRate: config.learningRate, seed: config.seed};
  const modelOptions = {size: config.size, filters: DEFAULT_FILTERS, seed: config.seed};
  let trainer: Trainer;
  let saved: () => tf.LayersModel;
  let logits: () => Promise<Float32Array>;
  let sampler: () => Promise<RareWeights | null> = async () => null;
  const during: RareWeights[] = [];
  if (config.kind === "dbvae") {
    const model = createDbVae({...modelOptions, latentDim: config.latentDim});
    const samplerOptions = {alpha: config.alpha, bins: config.bins, combine: config.combine};
    // How far the weights lean at each refresh (every epoch's start): the final encoder's ratio alone hides that.
    const faceRows = trainFaceRows(faces);
    const onWeights = (result: SamplerResult) => {
      const ratios = rareWeightRatios(result.weights, faces, faceRows);
      during.push(ratios);
      log(`sampler weights: darker ×${ratios.darker.toFixed(2)}, hats ×${ratios.hat.toFixed(2)}`);
    };
    trainer = trainDbVae(model, set, {...options, klWeight: config.klWeight, sampler: config.debias ? samplerOptions : null, onWeights});
    // Packed after training into one model, which then owns both parts.
    saved = () => packDbVae(model);
    logits = () => dbvaeLogits(model, testXs);
    sampler = () => samplerCheck(model, faces, config.size, samplerOptions);
  } else {
    const model = createClassifier(modelOptions);
    let faceWeights: Float64Array | undefined;
    if (config.oracleDarker !== undefined) {
      // In the order trainClassifier numbers the faces: the set's faces, row by row.
      const faceRows = Array.from(rows).filter((k) => faces.train.labels[k] === 1);
      faceWeights = Float64Array.from(faceRows, (k) => (isDarker(faces.train.attributes[k]) ? config.oracleDarker! : 1));
      log(`oracle weights: darker ×${rareWeightRatios(faceWeights, faces, faceRows).darker.toFixed(2)}`);
    }
    trainer = trainClassifier(model, set, options, faceWeights);
    saved = () => model;
    logits = () => classifierLogits(model, testXs);
  }
  let lastEpoch = 0;
  trainer.subscribe((t) => {
    if (t.progress.epoch === lastEpoch && t.status === "running") return;
    lastEpoch = t.progress.epoch;
    const last = t.history.steps.at(-1);
    const parts = last ? Object.entries(last).filter(([k]) => k !== "epoch" && k !== "step").map(([k, v]) => `${k} ${Number(v).toFixed(4)}`).join(", ") : "";
    log(`epoch ${t.progress.epoch}/${t.progress.epochs}, step ${t.progress.stepsDone}/${t.progress.totalSteps}, ${(t.progress.elapsedMs / 1000).toFixed(0)} s: ${parts}`);
  });
  const history = await trainer.done;
  if (trainer.status !== "done") throw new Error(`training ${trainer.status}: ${trainer.error?.message ?? ""}`);
  const accuracy = groupAccuracy(await logits(), test.groups);
  const weights = await sampler();
  const faceCount = (picked: Int32Array) => picked.reduce((n, k) => n + faces.train.labels[k], 0);
  const metrics: Record<string, number> = {
    ...accuracyMetrics(accuracy),
    ...(weights ? {sampler_weight_darker: weights.darker, sampler_weight_hat: weights.hat} : {}),
    // The mean over the refreshes during training, the weights the batches were actually drawn with.
    ...(during.length > 0 ? {sampler_weight_darker_training: mean(during.map((w) => w.darker)), sampler_weight_hat_training: mean(during.map((w) => w.hat))} : {}),
    train_seconds: trainer.progress.elapsedMs / 1000
  };
  const packed = saved();
  const text = await saveCheckpoint(packed, {
    model: SLOT_NAMES[config.kind],
    dataset: {name: faces.name, sha256: faces.fingerprint, train: rows.length, test: test.rows.length},
    seed: config.seed,
    config: {
      ...options,
      size: config.size,
      ...(config.oracleDarker !== undefined ? {oracleDarker: config.oracleDarker} : {}),
      ...(config.kind === "dbvae" ? {latentDim: config.latentDim, klWeight: config.klWeight, alpha: config.alpha, bins: config.bins, combine: config.combine, debias: config.debias} : {}),
      filters: DEFAULT_FILTERS,
      trainFaces: faceCount(rows),
      trainNonFaces: rows.length - faceCount(rows),
      testFaces: test.groups.filter((g) => g !== null).length
    },
    metrics,
    history: historyToJSON(history)
  });
  tf.dispose([set.xs, testXs]);
  packed.dispose(); // the classifier itself, or the packed DB-VAE with both its parts
  return {text, metrics};
}

function mean(values: number[]): number {
  return values.reduce((a, b) => a + b, 0) / values.length;
}
