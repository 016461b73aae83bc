// The Intro essay's settings: defaults, ranges, and the one step that turns loose input
// (URL parameters) into strict settings, with a note for each value it could not use.
// Example: /intro?w1=2&act=tanh&lr=0.5&optimizer=momentum&dataset=spiral&depth=3
import {quoteParam, readNumberParam} from "../params.ts";
import {ACTIVATIONS, type Activation} from "./perceptron.ts";
import {FUNCTION_NAMES, type FunctionName} from "./functions.ts";
import {OPTIMIZERS, SURFACE_NAMES, type OptimizerName, type SurfaceName} from "./surfaces.ts";
import {DATASET_NAMES, type DatasetName} from "./datasets.ts";

export interface IntroSettings {
  /** The perceptron: weights, bias, activation. */
  w1: number;
  w2: number;
  b: number;
  act: Activation;
  /** Automatic differentiation: the function and the point x. */
  fn: FunctionName;
  x: number;
  /** Gradient descent. */
  surface: SurfaceName;
  optimizer: OptimizerName;
  lr: number;
  momentum: number;
  /** Fitting a network. */
  dataset: DatasetName;
  depth: number;
  width: number;
  activation: Activation;
  fitLr: number;
  seed: number;
}

export const DEFAULTS: IntroSettings = {
  w1: 1.5, w2: -1, b: 0.5, act: "sigmoid",
  fn: "cubic", x: 1.5,
  surface: "bowl", optimizer: "sgd", lr: 0.1, momentum: 0.9,
  dataset: "circles", depth: 2, width: 8, activation: "tanh", fitLr: 0.03, seed: 1
};

type NumberKey = "w1" | "w2" | "b" | "x" | "lr" | "momentum" | "depth" | "width" | "fitLr" | "seed";

/** Ranges of the numeric settings; the sliders use the same (step 0: any value, log slider). */
export const RANGES: Record<NumberKey, {min: number; max: number; step: number}> = {
  w1: {min: -4, max: 4, step: 0.1},
  w2: {min: -4, max: 4, step: 0.1},
  b: {min: -4, max: 4, step: 0.1},
  x: {min: -3, max: 3, step: 0.01},
  lr: {min: 0.001, max: 1.5, step: 0},
  momentum: {min: 0, max: 0.99, step: 0.01},
  depth: {min: 0, max: 4, step: 1},
  width: {min: 1, max: 16, step: 1},
  fitLr: {min: 0.001, max: 1, step: 0},
  seed: {min: 1, max: 50, step: 1}
};

const CHOICES = {
  act: ACTIVATIONS,
  fn: FUNCTION_NAMES,
  surface: SURFACE_NAMES,
  optimizer: OPTIMIZERS,
  dataset: DATASET_NAMES,
  activation: ACTIVATIONS
} as const;

/** The URL name of each setting (fitLr would read oddly as a parameter). */
const PARAMS: Record<keyof IntroSettings, string> = {
  w1: "w1", w2: "w2", b: "b", act: "act", fn: "fn", x: "x",
  surface: "surface", optimizer: "optimizer", lr: "lr", momentum: "momentum",
  dataset: "dataset", depth: "depth", width: "width", activation: "activation", fitLr: "fitlr", seed: "seed"
};

export interface Normalized {
  settings: IntroSettings;
  /** One sentence per parameter that was ignored or changed, naming it and its value. */
  notes: string[];
}



export function normalizeIntroParams(search: string): Normalized {
  const query = new URLSearchParams(search);
  const settings: IntroSettings = {...DEFAULTS};
  const notes: string[] = [];
  for (const [key, options] of Object.entries(CHOICES) as [keyof typeof CHOICES, readonly string[]][]) {
    const raw = query.get(PARAMS[key]);
    if (raw === null) continue;
    if (options.includes(raw)) (settings as unknown as Record<string, string>)[key] = raw;
    else notes.push(`${PARAMS[key]}=${quoteParam(raw)} is not one of ${options.join(", ")}; using ${settings[key]}.`);
  }
  for (const key of Object.keys(RANGES) as NumberKey[]) {
    const value = readNumberParam(PARAMS[key], query.get(PARAMS[key]), RANGES[key], DEFAULTS[key], notes);
    if (value !== undefined) settings[key] = value;
  }
  return {settings, notes};
}
