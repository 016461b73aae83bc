// The three runs of the Faces essay (the standard CNN on the skewed training set, the
// same CNN on a balanced control subset, the DB-VAE) as the page and the pretraining
// script (components/pages/pretrain-faces.ts) both make them: which images each trains
// on, how it is measured, and what its training card records.
import type {FaceGroup, Faces} from "./data.ts";
import {allIndices, balancedIndices, groupOf, isDarker, toTensor} from "./data.ts";
import type {GroupAccuracy} from "./evaluate.ts";
import {GROUPS, lightDarkGap} from "./evaluate.ts";
import type {DbVae} from "./models.ts";
import {latentMeans} from "./models.ts";
import type {SamplerOptions} from "./sampler.ts";
import {relativeMeanWeight, samplingWeights} from "./sampler.ts";
import type {TrainingSet} from "./train.ts";
import {seededRandom} from "./train.ts";

export type RunKind = "cnn" | "control" | "dbvae";
export const RUN_KINDS: readonly RunKind[] = ["cnn", "control", "dbvae"];
export const RUN_LABELS: Record<RunKind, string> = {cnn: "standard CNN (skewed data)", control: "control CNN (balanced subset)", dbvae: "DB-VAE"};
/** Checkpoint names (data/checkpoints/<name>.json, TrainingCard.model). */
export const SLOT_NAMES: Record<RunKind, string> = {cnn: "faces-cnn", control: "faces-control", dbvae: "faces-dbvae"};

/** Rows of the training split a run learns from: all of them, or the balanced control subset (seeded). */
export function trainingRows(faces: Faces, kind: RunKind, seed: number): Int32Array {
  return kind === "control" ? balancedIndices(faces.train, seededRandom(seed, "control")) : allIndices(faces.train);
}

/** The images of `rows` at `size` pixels, with their labels. */
export function trainingSet(faces: Faces, rows: Int32Array, size: number): TrainingSet {
  return {xs: toTensor(faces.train, faces.side, rows, size), labels: Uint8Array.from(rows, (k) => faces.train.labels[k])};
}

/** The test images a run is measured on (the first `limit` of the test split) and the group of each (null: a non-face). */
export function testGroups(faces: Faces, limit: number): {rows: Int32Array; groups: (FaceGroup | null)[]} {
  const rows = allIndices(faces.test, limit);
  return {rows, groups: Array.from(rows, (k) => (faces.test.labels[k] ? groupOf(faces.test.attributes[k]) : null))};
}

/** Row of each training face, in the order the sampler numbers them (face index → row). */
export function trainFaceRows(faces: Faces): Int32Array {
  return Int32Array.from(allIndices(faces.train).filter((k) => faces.train.labels[k] === 1));
}

/** How much more often the sampler draws a rare kind of face than the others: mean weight inside ÷ mean weight outside. */
export interface RareWeights {
  darker: number;
  hat: number;
}

export function rareWeightRatios(weights: ArrayLike<number>, faces: Faces, faceRows: ArrayLike<number>): RareWeights {
  const ratio = (test: (k: number) => boolean) => relativeMeanWeight(weights, test) / relativeMeanWeight(weights, (k) => !test(k));
  return {
    darker: ratio((k) => isDarker(faces.train.attributes[faceRows[k]])),
    hat: ratio((k) => faces.train.attributes[faceRows[k]]?.hat === true)
  };
}

/** The sampler's weights over every training face with the DB-VAE as it is, and how they favour the rare faces. */
export async function samplerCheck(model: DbVae, faces: Faces, size: number, options: SamplerOptions): Promise<RareWeights> {
  const rows = trainFaceRows(faces);
  const xs = toTensor(faces.train, faces.side, rows, size);
  try {
    const mu = await latentMeans(model, xs);
    return rareWeightRatios(samplingWeights(mu, rows.length, model.latentDim, options).weights, faces, rows);
  } finally {
    xs.dispose();
  }
}

/** Per-group accuracy as a training card's metrics: acc_LF … acc_DM, acc_faces (all test faces), acc_nonfaces, gap_light_dark. */
export function accuracyMetrics(a: GroupAccuracy): Record<string, number> {
  return {
    ...Object.fromEntries(GROUPS.map((g) => [`acc_${g}`, a[g]])),
    acc_faces: a.overall,
    acc_nonfaces: a.nonFaces,
    gap_light_dark: lightDarkGap(a)
  };
}

/** The inverse of accuracyMetrics; null when a card lacks any of them. */
export function accuracyFromMetrics(metrics: Readonly<Record<string, number>>): GroupAccuracy | null {
  const get = (key: string) => (typeof metrics[key] === "number" ? metrics[key] : null);
  const groups = GROUPS.map((g) => get(`acc_${g}`));
  const overall = get("acc_faces");
  const nonFaces = get("acc_nonfaces");
  if (groups.some((v) => v === null) || overall === null || nonFaces === null) return null;
  const [LF, LM, DF, DM] = groups as number[];
  return {LF, LM, DF, DM, overall, nonFaces};
}
