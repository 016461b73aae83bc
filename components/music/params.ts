// The Music essay's settings and the one step that turns URL parameters into them, with
// a note for each value that was ignored or changed (the page shows notes as text only).
import {clampToRange} from "../controls.ts";

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
const MAX_SHOWN = 40;

export function normalizeMusicParams(search: string): {settings: MusicSettings; notes: string[]} {
  const query = new URLSearchParams(search);
  const settings = {...MUSIC_DEFAULTS};
  const notes: string[] = [];
  const start = query.get(PARAMS.start);
  if (start !== null) {
    if (start.length === 0 || start.length > MAX_START) notes.push(`start=${shown(start)} must be 1–${MAX_START} characters; using "X:".`);
    else settings.start = start;
  }
  for (const key of Object.keys(MUSIC_RANGES) as Array<keyof typeof MUSIC_RANGES>) {
    const raw = query.get(PARAMS[key]);
    if (raw === null) continue;
    const {min, max, step} = MUSIC_RANGES[key];
    const value = raw.trim() === "" ? NaN : Number(raw);
    if (!Number.isFinite(value)) {
      notes.push(`${PARAMS[key]}=${shown(raw)} is not a number; using ${MUSIC_DEFAULTS[key]}.`);
      continue;
    }
    const fixed = clampToRange(value, min, max, step, MUSIC_DEFAULTS[key]);
    if (fixed !== value) notes.push(`${PARAMS[key]}=${shown(raw)} is outside ${min}–${max}${step ? ` in steps of ${step}` : ""}; using ${fixed}.`);
    settings[key] = fixed;
  }
  return {settings, notes};
}

function shown(raw: string): string {
  return JSON.stringify(raw.length > MAX_SHOWN ? `${raw.slice(0, MAX_SHOWN)}…` : raw);
}
