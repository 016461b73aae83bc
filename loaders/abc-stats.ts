// What tunes are made of, as abcjs reads them: how often each pitch class sounds and how
// long the notes are. The corpus loader counts them for the course's tunes (abc-corpus.ts);
// the Music essay's temperature sweep compares the tunes the model writes with those by the
// total variation distance between the distributions (0: the same proportions, 1: nothing
// in common).
import abcjs from "abcjs";
import type {TuneObject} from "abcjs";

export const PITCH_CLASSES = ["C", "C♯", "D", "E♭", "E", "F", "F♯", "G", "G♯", "A", "B♭", "B"] as const;

/** Note lengths in whole notes (abcjs's unit: an eighth is 0.125), the last bin for any other. */
export const NOTE_LENGTHS = [1 / 16, 1 / 8, 3 / 16, 1 / 4, 3 / 8, 1 / 2] as const;
export const NOTE_LENGTH_LABELS = ["1/16", "1/8", "3/16", "1/4", "3/8", "1/2", "other"] as const;

export interface TuneStats {
  /** Notes per pitch class, C = 0 … B = 11 ([12]); each note of a chord counts. */
  pitchClasses: number[];
  /** Notes and chords per length bin ([NOTE_LENGTHS.length + 1]), in NOTE_LENGTH_LABELS' order. */
  lengths: number[];
}

/** Semitones above C of the seven letters, C D E F G A B (abcjs's pitch 0 is middle C). */
const LETTER_SEMITONES = [0, 2, 4, 5, 7, 9, 11];
const ACCIDENTAL_SHIFT: Record<string, number> = {sharp: 1, flat: -1, natural: 0, dblsharp: 2, dblflat: -2};

export function emptyStats(): TuneStats {
  return {pitchClasses: new Array(12).fill(0), lengths: new Array(NOTE_LENGTHS.length + 1).fill(0)};
}

/**
 * Adds the notes of `abc` (one or more tunes) to `into`. The key signature applies to every
 * note without an accidental of its own; an accidental holds for the same note until the bar
 * line, as in the ABC standard (2.1, section 4.2). Text abcjs cannot read adds nothing.
 */
export function addTuneStats(abc: string, into: TuneStats = emptyStats()): TuneStats {
  let tunes: TuneObject[];
  try {
    tunes = abcjs.parseOnly(abc);
  } catch {
    return into;
  }
  return addParsedStats(tunes, into);
}

/** addTuneStats() for tunes abcjs has already parsed (the corpus loader parses each once). */
export function addParsedStats(tunes: readonly TuneObject[], into: TuneStats): TuneStats {
  for (const tune of tunes) {
    for (const line of tune.lines ?? []) {
      for (const staff of line.staff ?? []) {
        const key = new Map<number, number>(); // letter (0–6) → shift from the key signature
        for (const {acc, note} of staff.key?.accidentals ?? []) {
          key.set("cdefgab".indexOf(note.toLowerCase()), ACCIDENTAL_SHIFT[acc] ?? 0);
        }
        for (const voice of staff.voices ?? []) {
          let inBar = new Map<number, number>(); // staff position → shift written earlier in this bar
          for (const element of voice as unknown as VoiceElement[]) {
            if (element.el_type === "bar") inBar = new Map();
            if (element.el_type !== "note" || element.rest || !element.pitches?.length) continue;
            for (const {pitch, accidental} of element.pitches) {
              const letter = ((pitch % 7) + 7) % 7;
              if (accidental !== undefined && accidental in ACCIDENTAL_SHIFT) inBar.set(pitch, ACCIDENTAL_SHIFT[accidental]);
              const shift = inBar.get(pitch) ?? key.get(letter) ?? 0;
              into.pitchClasses[(((LETTER_SEMITONES[letter] + shift) % 12) + 12) % 12] += 1;
            }
            into.lengths[lengthBin(element.duration)] += 1;
          }
        }
      }
    }
  }
  return into;
}

/** The statistics of many tunes together. */
export function statsOf(tunes: readonly string[]): TuneStats {
  const stats = emptyStats();
  for (const tune of tunes) addTuneStats(tune, stats);
  return stats;
}

/** Counts → proportions summing to 1; all NaN when there is nothing to count. */
export function proportions(counts: readonly number[]): number[] {
  const total = counts.reduce((a, b) => a + b, 0);
  return counts.map((c) => (total > 0 ? c / total : NaN));
}

/** ½ Σ |p − q| over two count vectors' proportions: in [0, 1]; NaN when either is empty. */
export function totalVariation(p: readonly number[], q: readonly number[]): number {
  const a = proportions(p);
  const b = proportions(q);
  let sum = 0;
  for (let i = 0; i < a.length; ++i) sum += Math.abs(a[i] - b[i]);
  return sum / 2;
}

function lengthBin(duration: number | undefined): number {
  const bin = NOTE_LENGTHS.findIndex((length) => Math.abs((duration ?? NaN) - length) < 1e-6);
  return bin < 0 ? NOTE_LENGTHS.length : bin;
}

/** The fields of abcjs's voice elements read here (its types describe them only loosely). */
interface VoiceElement {
  el_type: string;
  duration?: number;
  rest?: unknown;
  pitches?: Array<{pitch: number; accidental?: string}>;
}
