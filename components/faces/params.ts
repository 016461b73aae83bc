// The Faces essay's settings: defaults, ranges, and the one step that turns loose input
// (URL parameters) into strict settings with a note for each fix.
import {noteUnknownParams, quoteParam, readNumberParam} from "../params.ts";
import type {Combine} from "./sampler.ts";

export interface FacesSettings {
  /** Side the models see, in pixels (the data are 64 × 64). */
  size: 16 | 32 | 64;
  /** Steps per epoch and epochs of every run. */
  steps: number;
  epochs: number;
  batchSize: number;
  learningRate: number;
  latentDim: number;
  klWeight: number;
  alpha: number;
  bins: number;
  debias: boolean;
  /** How the sampler combines the latent dimensions (see sampler.ts). */
  combine: Combine;
  seed: number;
  /** Test images the models are measured on (the first of the test split). */
  testImages: number;
  /** The latent explorer's face (0-based, among the faces it offers) and its offsets along the widest dimensions, in σ. */
  latentFace: number;
  latentMoves: number[];
}

export const SIZES = [16, 32, 64] as const;

export const DEFAULTS: FacesSettings = {
  size: 32, steps: 40, epochs: 3, batchSize: 32, learningRate: 0.0005, latentDim: 32, klWeight: 0.0005,
  alpha: 0.01, bins: 10, debias: true, combine: "max", seed: 6191, testImages: 100_000, latentFace: 0, latentMoves: [0, 0, 0, 0, 0]
};

type NumericKey = "steps" | "epochs" | "batchSize" | "learningRate" | "latentDim" | "klWeight" | "alpha" | "bins" | "seed" | "testImages" | "latentFace";

/** The ranges of the page's sliders (lab.ts builds them from these), so that a value the URL brings is one a slider can show. */
export const RANGES: Record<NumericKey, {min: number; max: number; step: number}> = {
  steps: {min: 1, max: 300, step: 1},
  epochs: {min: 1, max: 20, step: 1},
  batchSize: {min: 8, max: 128, step: 8},
  learningRate: {min: 0.00001, max: 0.01, step: 0},
  latentDim: {min: 2, max: 100, step: 1},
  klWeight: {min: 0.00001, max: 0.1, step: 0},
  alpha: {min: 0.0001, max: 1, step: 0},
  bins: {min: 2, max: 50, step: 1},
  seed: {min: 0, max: 9999, step: 1},
  testImages: {min: 40, max: 100_000, step: 1},
  latentFace: {min: 0, max: 7, step: 1}
};

/** An explorer slider's offset along one latent dimension, in σ (z1 … z5 in the URL). */
export const MOVE_RANGE = {min: -3, max: 3, step: 0.1} as const;
export const LATENT_SLIDERS = 5;

const PARAMS: Record<Exclude<keyof FacesSettings, "latentMoves">, string> = {
  size: "size", steps: "steps", epochs: "epochs", batchSize: "batch", learningRate: "lr", latentDim: "latent",
  klWeight: "kl", alpha: "alpha", bins: "bins", debias: "debias", combine: "combine", seed: "seed", testImages: "test",
  latentFace: "face"
};
/** URL names of the explorer's sliders: z1 … z5. */
export const MOVE_PARAMS = Array.from({length: LATENT_SLIDERS}, (_, j) => `z${j + 1}`);

export interface Normalized {
  settings: FacesSettings;
  /** One sentence per parameter that was ignored or changed, naming it and its value. */
  notes: string[];
}

/** URL parameters → settings; every parameter that is malformed or out of range is replaced (or clamped) and named in a note. */
export function normalizeFacesParams(search: string): Normalized {
  const query = new URLSearchParams(search);
  const settings = {...DEFAULTS};
  const notes: string[] = [];
  const size = query.get(PARAMS.size);
  if (size !== null) {
    const value = Number(size);
    if ((SIZES as readonly number[]).includes(value)) settings.size = value as FacesSettings["size"];
    else notes.push(`size=${quoteParam(size)} is not a size here (expected ${SIZES.join(", ")}); using ${DEFAULTS.size}.`);
  }
  const debias = query.get(PARAMS.debias);
  if (debias !== null) {
    if (debias === "on" || debias === "off") settings.debias = debias === "on";
    else notes.push(`debias=${quoteParam(debias)} is not on or off; debiasing stays ${DEFAULTS.debias ? "on" : "off"}.`);
  }
  const combine = query.get(PARAMS.combine);
  if (combine !== null) {
    if (combine === "max" || combine === "product") settings.combine = combine;
    else notes.push(`combine=${quoteParam(combine)} is not max or product; using ${DEFAULTS.combine}.`);
  }
  for (const key of Object.keys(RANGES) as NumericKey[]) {
    const value = readNumberParam(PARAMS[key], query.get(PARAMS[key]), RANGES[key], DEFAULTS[key], notes);
    if (value !== undefined) settings[key] = value;
  }
  settings.latentMoves = MOVE_PARAMS.map((name, j) => readNumberParam(name, query.get(name), MOVE_RANGE, DEFAULTS.latentMoves[j], notes) ?? DEFAULTS.latentMoves[j]);
  noteUnknownParams(query, [...Object.values(PARAMS), ...MOVE_PARAMS], notes);
  return {settings, notes};
}
