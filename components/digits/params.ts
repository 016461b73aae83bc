// The Digits essay's settings: defaults, ranges, and the one step that turns loose input
// (URL parameters, slider values) into strict settings with a note for each fix.
import {noteUnknownParams, quoteParam, readNumberParam} from "../params.ts";
import type {DigitsModelKind} from "./models.ts";
import {isModelKind} from "./models.ts";

export interface DigitsSettings {
  model: DigitsModelKind;
  learningRate: number;
  batchSize: number;
  epochs: number;
  seed: number;
  /** How many test digits the models are evaluated on (the first of the test split). */
  testDigits: number;
}

/** testDigits' default: more than the split holds, so every test digit. */
const ALL = 100_000;

export const DEFAULTS: DigitsSettings = {model: "cnn", learningRate: 0.001, batchSize: 64, epochs: 2, seed: 6191, testDigits: ALL};

/** Ranges of the numeric settings; the sliders use the same. */
export const RANGES = {
  learningRate: {min: 0.0001, max: 0.1, step: 0},
  batchSize: {min: 8, max: 512, step: 8},
  epochs: {min: 1, max: 20, step: 1},
  seed: {min: 0, max: 2 ** 31 - 1, step: 1},
  testDigits: {min: 50, max: ALL, step: 1}
} as const;

const PARAMS: Record<keyof DigitsSettings, string> = {
  model: "model",
  learningRate: "lr",
  batchSize: "batch",
  epochs: "epochs",
  seed: "seed",
  testDigits: "test"
};

export interface Normalized {
  settings: DigitsSettings;
  /** One sentence per parameter that was ignored or changed, naming it and its value. */
  notes: string[];
}



export function normalizeDigitsParams(search: string): Normalized {
  const query = new URLSearchParams(search);
  const settings = {...DEFAULTS};
  const notes: string[] = [];
  const model = query.get(PARAMS.model);
  if (model !== null) {
    if (isModelKind(model)) settings.model = model;
    else notes.push(`model=${quoteParam(model)} is not a model here (expected fc or cnn); showing the ${DEFAULTS.model}.`);
  }
  for (const key of ["learningRate", "batchSize", "epochs", "seed", "testDigits"] as const) {
    const spell = key === "testDigits" ? (n: number) => (n >= ALL ? "every test digit" : String(n)) : String;
    const value = readNumberParam(PARAMS[key], query.get(PARAMS[key]), RANGES[key], DEFAULTS[key], notes, spell);
    if (value !== undefined) settings[key] = value;
  }
  noteUnknownParams(query, Object.values(PARAMS), notes);
  return {settings, notes};
}

/** The query string that reproduces `settings` (only what differs from the defaults). */
export function digitsParamsToSearch(settings: DigitsSettings): string {
  const query = new URLSearchParams();
  for (const key of Object.keys(PARAMS) as Array<keyof DigitsSettings>) {
    if (settings[key] !== DEFAULTS[key]) query.set(PARAMS[key], String(settings[key]));
  }
  const text = query.toString();
  return text ? `?${text}` : "";
}
