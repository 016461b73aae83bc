// The Intro essay's settings: defaults, ranges, and the one step that turns loose input
// (URL parameters) into strict settings, with a note for each value it could not use.
// Example: /intro?w1=2&act=tanh&lr=0.5&optimizer=momentum&dataset=spiral&depth=3&tensor=image
import {noteUnknownParams, quoteParam, readNumberParam} from "../params.ts";
import {ACTIVATIONS, type Activation} from "./perceptron.ts";
import {FUNCTION_NAMES, type FunctionName} from "./functions.ts";
import {OPTIMIZERS, SURFACE_NAMES, type OptimizerName, type SurfaceName} from "./surfaces.ts";
import {DATASET_NAMES, type DatasetName} from "./datasets.ts";
import {DTYPES, EXAMPLE_NAMES, OP_NAMES, type Dtype, type ExampleName, type OpName} from "./tensors.ts";

export interface IntroSettings {
  /** A tensor: its kind, its dtype, the value the slider writes into it. */
  tensor: ExampleName;
  dtype: Dtype;
  tvalue: number;
  /** Operations: which one, and the entry a of A. */
  op: OpName;
  opa: number;
  /** The computation graph's inputs (forward), and the chain rule's (backward). */
  gx: number;
  gy: number;
  cx: number;
  cy: number;
  /** The perceptron: weights, bias, activation, and the input point. */
  w1: number;
  w2: number;
  b: number;
  act: Activation;
  x1: number;
  x2: number;
  /** The dense layer: inputs, units, activation. */
  dinputs: number;
  dunits: number;
  dact: Activation;
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
  tensor: "matrix", dtype: "float32", tvalue: 0.75, op: "add", opa: 1.5,
  gx: 1, gy: -0.5, cx: 1, cy: -0.5,
  w1: 1.5, w2: -1, b: 0.5, act: "sigmoid", x1: 0.5, x2: 0.8,
  dinputs: 3, dunits: 4, dact: "tanh",
  fn: "cubic", x: 1.5,
  surface: "bowl", optimizer: "sgd", lr: 0.1, momentum: 0.9,
  dataset: "circles", depth: 2, width: 8, activation: "tanh", fitLr: 0.03, seed: 1
};

type NumberKey = "tvalue" | "opa" | "gx" | "gy" | "cx" | "cy" | "w1" | "w2" | "b" | "x1" | "x2" | "dinputs" | "dunits"
  | "x" | "lr" | "momentum" | "depth" | "width" | "fitLr" | "seed";

/** x and y of both computation graphs (forward and chain rule); their sliders use it too. */
export const GRAPH_INPUT_RANGE = {min: -3, max: 3, step: 0.1};

/** Ranges of the numeric settings; the sliders use the same (step 0: any value, log slider). */
export const RANGES: Record<NumberKey, {min: number; max: number; step: number}> = {
  tvalue: {min: -2, max: 2, step: 0.25},
  opa: {min: -3, max: 3, step: 0.5},
  gx: GRAPH_INPUT_RANGE,
  gy: GRAPH_INPUT_RANGE,
  cx: GRAPH_INPUT_RANGE,
  cy: GRAPH_INPUT_RANGE,
  w1: {min: -4, max: 4, step: 0.1},
  w2: {min: -4, max: 4, step: 0.1},
  b: {min: -4, max: 4, step: 0.1},
  x1: {min: -2, max: 2, step: 0.05},
  x2: {min: -2, max: 2, step: 0.05},
  dinputs: {min: 1, max: 5, step: 1},
  dunits: {min: 1, max: 5, step: 1},
  x: {min: -3, max: 3, step: 0.01},
  lr: {min: 0.001, max: 1.5, step: 0},
  momentum: {min: 0, max: 0.99, step: 0.01},
  depth: {min: 0, max: 4, step: 1},
  width: {min: 1, max: 16, step: 1},
  fitLr: {min: 0.001, max: 1, step: 0},
  seed: {min: 1, max: 50, step: 1}
};

const CHOICES = {
  tensor: EXAMPLE_NAMES,
  dtype: DTYPES,
  op: OP_NAMES,
  act: ACTIVATIONS,
  dact: ACTIVATIONS,
  fn: FUNCTION_NAMES,
  surface: SURFACE_NAMES,
  optimizer: OPTIMIZERS,
  dataset: DATASET_NAMES,
  activation: ACTIVATIONS
} as const;

/** The URL name of each setting (fitLr would read oddly as a parameter). */
const PARAMS: Record<keyof IntroSettings, string> = {
  tensor: "tensor", dtype: "dtype", tvalue: "tvalue", op: "op", opa: "opa", gx: "gx", gy: "gy", cx: "cx", cy: "cy",
  w1: "w1", w2: "w2", b: "b", act: "act", x1: "x1", x2: "x2", dinputs: "dinputs", dunits: "dunits", dact: "dact", fn: "fn", x: "x",
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
  noteUnknownParams(query, Object.values(PARAMS), notes);
  return {settings, notes};
}
