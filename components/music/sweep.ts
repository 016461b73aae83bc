// Runs the temperature sweep on the live model: for each temperature, `rows` samples
// generated together in one batch, their whole tunes extracted and parsed by abcjs, and their
// notes compared with the corpus's (pitch classes and note lengths, ../../loaders/abc-stats.ts).
import {addTuneStats, emptyStats, totalVariation} from "../../loaders/abc-stats.ts";
import type {TuneStats} from "../../loaders/abc-stats.ts";
import {button, controlRow} from "../controls.ts";
import {generateBatch} from "./generate.ts";
import {createSweepFigure} from "./figures/sweep.ts";
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
  /** The batch sampler (tests pass a scripted one); generate.ts's by default. */
  sample?: typeof generateBatch;
  /** The corpus's note counts: with them, each point says how far the written tunes' are. */
  reference?: TuneStats;
}

export async function runSweep(entry: MusicModelEntry, options: SweepOptions): Promise<SweepPoint[]> {
  const {temperatures = SWEEP_TEMPERATURES, rows = 8, length = 600, seed, onPoint, sample = generateBatch, reference} = options;
  const points: SweepPoint[] = [];
  for (const temperature of temperatures) {
    const texts = await sample(entry.model, entry.vocabulary, {start: "X:", length, temperature, seed, rows});
    const tunes = texts.flatMap((text) => extractTunes(`X:${text}`));
    const share = parseShare(tunes);
    const point: SweepPoint = {temperature, tunes: share.tunes, clean: share.clean};
    if (reference) {
      // Every whole tune, clean or not: what the model writes at this temperature.
      const written = emptyStats();
      for (const tune of tunes) if (!tune.truncated) addTuneStats(tune.abc, written);
      point.pitchDistance = totalVariation(written.pitchClasses, reference.pitchClasses);
      point.lengthDistance = totalVariation(written.lengths, reference.lengths);
    }
    points.push(point);
    if (onPoint?.([...points]) === false) break;
  }
  return points;
}

export interface SweepPanel {
  /** The Run button's row and the figure. */
  root: HTMLElement;
  /** Abandons a sweep in progress. */
  dispose(): void;
}

/** The sweep as the essay and its embed show it: a Run button (off without a model) and the
 * figure, which fills in temperature by temperature; a new run abandons the last one. */
export function createSweepPanel(entry: MusicModelEntry | null, {seed, reference}: {seed: number; reference?: TuneStats}): SweepPanel {
  const figure = createSweepFigure();
  let run = 0;
  const start = button("Run the sweep", "run-sweep", async () => {
    if (!entry) return;
    const id = ++run;
    start.disabled = true;
    try {
      await runSweep(entry, {seed, reference, onPoint: (points) => {
        figure.update(points, "Computed from the live model in this page.");
        return id === run;
      }});
    } finally {
      start.disabled = false;
    }
  });
  start.disabled = !entry;
  const root = document.createElement("div");
  root.append(controlRow(start), figure.root);
  return {root, dispose: () => void ++run};
}
