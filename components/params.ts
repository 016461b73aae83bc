// The shared half of every essay's normalize step for URL parameters: quoting a raw
// value for a note, reading a number that must lie on a slider's range, and naming the
// parameters a page does not read.
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

/** Parameters that every page reads besides its essay's own: the backend (components/ready.ts). */
const SHARED_PARAMS: readonly string[] = ["backend"];
const MAX_NAMED = 5;

/** Pushes one note naming the parameters of `query` that neither `known` nor the shared ones
 * cover (a misspelt name would otherwise be dropped without a word). */
export function noteUnknownParams(query: URLSearchParams, known: Iterable<string>, notes: string[]): void {
  const reads = new Set([...known, ...SHARED_PARAMS]);
  const unknown = [...new Set(query.keys())].filter((name) => !reads.has(name));
  if (unknown.length === 0) return;
  const more = unknown.length - MAX_NAMED;
  const named = unknown.slice(0, MAX_NAMED).map(quoteParam).join(", ") + (more > 0 ? ` and ${more} more` : "");
  const one = unknown.length === 1;
  notes.push(`${one ? "The parameter" : "The parameters"} ${named} ${one ? "is not a setting" : "are not settings"} of this page, so ${one ? "it is" : "they are"} ignored (it reads ${[...reads].join(", ")}).`);
}
