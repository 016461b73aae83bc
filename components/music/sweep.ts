// Runs the temperature sweep on the live model: for each temperature, `rows` samples
// generated together in one batch, their whole tunes extracted and parsed by abcjs.
import {generateBatch} from "./generate.ts";
import type {SweepPoint} from "./figures/sweep.ts";
import type {MusicModelEntry} from "./slot.ts";
import {extractTunes, parseShare} from "./tunes.ts";

export const SWEEP_TEMPERATURES = [0.2, 0.5, 0.8, 1, 1.2, 1.5, 2] as const;

export interface SweepOptions {
  temperatures?: readonly number[];
  rows?: number;
  length?: number;
  seed: number;
  /** Called after each temperature; return false to stop. */
  onPoint?: (points: SweepPoint[]) => boolean | void;
}

export async function runSweep(entry: MusicModelEntry, options: SweepOptions): Promise<SweepPoint[]> {
  const {temperatures = SWEEP_TEMPERATURES, rows = 8, length = 600, seed, onPoint} = options;
  const points: SweepPoint[] = [];
  for (const temperature of temperatures) {
    const texts = await generateBatch(entry.model, entry.vocabulary, {start: "X:", length, temperature, seed, rows});
    const share = parseShare(texts.flatMap((text) => extractTunes(`X:${text}`)));
    points.push({temperature, tunes: share.tunes, clean: share.clean});
    if (onPoint?.([...points]) === false) break;
  }
  return points;
}
