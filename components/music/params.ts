// The Music essay's settings and the one step that turns URL parameters into them, with
// a note for each value that was ignored or changed (the page shows notes as text only).
import {noteUnknownParams, quoteParam, readNumberParam} from "../params.ts";

export interface MusicSettings {
  /** Generation. */
  start: string;
  length: number;
  temperature: number;
  seed: number;
  /** Training. */
  sequenceLength: number;
  batchSize: number;
  learningRate: number;
  units: number;
  /** Epochs of the training panel's run. */
  epochs: number;
  /** The gate figure: which tune of the corpus (1-based), how many of its characters, which one inspected (1-based). */
  gateTune: number;
  gateLength: number;
  gatePosition: number;
}

export const MUSIC_DEFAULTS: MusicSettings = {
  start: "X:", length: 600, temperature: 1, seed: 6191,
  sequenceLength: 100, batchSize: 16, learningRate: 0.01, units: 128, epochs: 5,
  gateTune: 1, gateLength: 80, gatePosition: 1
};

export const MUSIC_RANGES = {
  length: {min: 50, max: 2000, step: 50},
  temperature: {min: 0, max: 2, step: 0.05},
  seed: {min: 0, max: 9999, step: 1},
  sequenceLength: {min: 20, max: 200, step: 10},
  batchSize: {min: 4, max: 64, step: 4},
  learningRate: {min: 0.0003, max: 0.03, step: 0},
  units: {min: 32, max: 256, step: 32},
  epochs: {min: 1, max: 50, step: 1},
  // The corpus has 806 tunes; the figure's slider clamps to the tunes there are.
  gateTune: {min: 1, max: 10_000, step: 1},
  gateLength: {min: 20, max: 200, step: 10},
  gatePosition: {min: 1, max: 200, step: 1}
} as const;

const PARAMS: Record<keyof MusicSettings, string> = {
  start: "start", length: "length", temperature: "t", seed: "seed",
  sequenceLength: "seq", batchSize: "batch", learningRate: "lr", units: "units", epochs: "epochs",
  gateTune: "gtune", gateLength: "gchars", gatePosition: "gat"
};

/** The data-control name of the page's control that holds each setting. */
const CONTROLS: Record<keyof MusicSettings, string> = {
  start: "start", length: "length", temperature: "temperature", seed: "seed",
  sequenceLength: "sequence-length", batchSize: "batch-size", learningRate: "learning-rate", units: "units", epochs: "epochs",
  gateTune: "gate-tune", gateLength: "gate-length", gatePosition: "gate-position"
};

/** URL parameter → data-control name, for every setting (the permalink finds the controls by it). */
export const MUSIC_URL_CONTROLS: Readonly<Record<string, string>> = Object.fromEntries(
  (Object.keys(PARAMS) as Array<keyof MusicSettings>).map((key) => [PARAMS[key], CONTROLS[key]])
);

const MAX_START = 200;

export function normalizeMusicParams(search: string): {settings: MusicSettings; notes: string[]} {
  const query = new URLSearchParams(search);
  const settings = {...MUSIC_DEFAULTS};
  const notes: string[] = [];
  const start = query.get(PARAMS.start);
  if (start !== null) {
    if (start.length === 0 || start.length > MAX_START) notes.push(`start=${quoteParam(start)} must be 1–${MAX_START} characters; using "X:".`);
    // ABC text is printable characters and line breaks; anything else is no tune's start.
    else if ([...start].some(isControl)) notes.push(`start=${quoteParam(start)} holds control characters; using "X:".`);
    else settings.start = start;
  }
  for (const key of Object.keys(MUSIC_RANGES) as Array<keyof typeof MUSIC_RANGES>) {
    const value = readNumberParam(PARAMS[key], query.get(PARAMS[key]), MUSIC_RANGES[key], MUSIC_DEFAULTS[key], notes);
    if (value !== undefined) settings[key] = value;
  }
  noteUnknownParams(query, Object.values(PARAMS), notes);
  return {settings, notes};
}


/** A control character other than the line break (tab, NUL, carriage return, DEL…). */
function isControl(char: string): boolean {
  const code = char.codePointAt(0) as number;
  return (code < 0x20 && char !== "\n") || code === 0x7f;
}
