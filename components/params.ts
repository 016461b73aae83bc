// The shared half of every essay's normalize step for URL parameters: quoting a raw
// value for a note, and reading a number that must lie on a slider's range.
import {clampToRange} from "./controls.ts";

const MAX_SHOWN = 40;

/** A raw value quoted and cut for a note: it only ever goes into textContent, but a
 * 10 kB value helps nobody. */
export function quoteParam(raw: string): string {
  return JSON.stringify(raw.length > MAX_SHOWN ? `${raw.slice(0, MAX_SHOWN)}…` : raw);
}

/**
 * Reads the numeric parameter `name` (raw text or null when absent) on the range
 * min…max (step 0: continuous). Returns the value to use, or undefined when the
 * parameter is absent or not a number; pushes a note naming it whenever it is not used
 * as given.
 */
export function readNumberParam(
  name: string,
  raw: string | null,
  {min, max, step}: {min: number; max: number; step: number},
  fallback: number,
  notes: string[],
  /** How a value reads in a note, e.g. a sentinel default as "every test digit". */
  spell: (value: number) => string = String
): number | undefined {
  if (raw === null) return undefined;
  const value = raw.trim() === "" ? NaN : Number(raw);
  if (!Number.isFinite(value)) {
    notes.push(`${name}=${quoteParam(raw)} is not a number; using ${spell(fallback)}.`);
    return undefined;
  }
  const fixed = clampToRange(value, min, max, step, fallback);
  if (fixed !== value) notes.push(`${name}=${quoteParam(raw)} is outside ${min}–${max}${step ? ` in steps of ${step}` : ""}; using ${spell(fixed)}.`);
  return fixed;
}
