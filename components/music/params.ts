// The Music essay's settings and the one step that turns URL parameters into them, with
// a note for each value that was ignored or changed (the page shows notes as text only).
import {quoteParam, readNumberParam} from "../params.ts";

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
}

export const MUSIC_DEFAULTS: MusicSettings = {
  start: "X:", length: 600, temperature: 1, seed: 6191,
  sequenceLength: 100, batchSize: 16, learningRate: 0.01, units: 128
};

export const MUSIC_RANGES = {
  length: {min: 50, max: 2000, step: 50},
  temperature: {min: 0, max: 2, step: 0.05},
  seed: {min: 0, max: 9999, step: 1},
  sequenceLength: {min: 20, max: 200, step: 10},
  batchSize: {min: 4, max: 64, step: 4},
  learningRate: {min: 0.0003, max: 0.03, step: 0},
  units: {min: 32, max: 256, step: 32}
} as const;

const PARAMS: Record<keyof MusicSettings, string> = {
  start: "start", length: "length", temperature: "t", seed: "seed",
  sequenceLength: "seq", batchSize: "batch", learningRate: "lr", units: "units"
};

const MAX_START = 200;

export function normalizeMusicParams(search: string): {settings: MusicSettings; notes: string[]} {
  const query = new URLSearchParams(search);
  const settings = {...MUSIC_DEFAULTS};
  const notes: string[] = [];
  const start = query.get(PARAMS.start);
  if (start !== null) {
    if (start.length === 0 || start.length > MAX_START) notes.push(`start=${quoteParam(start)} must be 1–${MAX_START} characters; using "X:".`);
    else settings.start = start;
  }
  for (const key of Object.keys(MUSIC_RANGES) as Array<keyof typeof MUSIC_RANGES>) {
    const value = readNumberParam(PARAMS[key], query.get(PARAMS[key]), MUSIC_RANGES[key], MUSIC_DEFAULTS[key], notes);
    if (value !== undefined) settings[key] = value;
  }
  return {settings, notes};
}

