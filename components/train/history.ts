// The record of a training run: one row per step and one per epoch. Rows count from 1
// ("step 120" is the state after 120 steps), so a curve's x value reads as "after x steps"
// and a reader's run lines up with a committed reference run step for step.

export type Metrics = Record<string, number>;

/** After step `step` (1-based, counted over the whole run) of epoch `epoch` (1-based). */
export interface StepRecord {
  epoch: number;
  step: number;
  [metric: string]: number;
}

/** After epoch `epoch` (1-based): the epoch's mean step metrics and any end-of-epoch ones. */
export interface EpochRecord {
  epoch: number;
  [metric: string]: number;
}

export interface History {
  steps: StepRecord[];
  epochs: EpochRecord[];
}

/** JSON has no NaN or Infinity: a diverged value is stored as null. */
export type JsonRecord = Record<string, number | null>;

export interface HistoryJSON {
  steps: JsonRecord[];
  epochs: JsonRecord[];
}

export function createHistory(): History {
  return {steps: [], epochs: []};
}

export function appendStep(history: History, epoch: number, step: number, metrics: Metrics): StepRecord {
  const record: StepRecord = {...metrics, epoch, step};
  history.steps.push(record);
  return record;
}

export function appendEpoch(history: History, epoch: number, metrics: Metrics): EpochRecord {
  const record: EpochRecord = {...metrics, epoch};
  history.epochs.push(record);
  return record;
}

/**
 * Exponential moving average with TensorBoard's debiasing, so the first points are not
 * pulled towards 0: s_t = w·s_{t−1} + (1 − w)·v_t, reported as s_t / (1 − w^n).
 * `weight` 0 returns the values unchanged. Non-finite values give NaN at their place
 * and leave the average untouched, so one diverged batch does not erase the line.
 */
export function smoothEma(values: readonly number[], weight: number): number[] {
  if (!(weight >= 0 && weight < 1)) throw new Error(`smoothEma: weight must be in [0, 1), got ${weight}`);
  const smoothed = new Array<number>(values.length);
  let average = 0;
  let decay = 1; // weight^n after n finite values, kept as a product: pow per point is slow
  for (let i = 0; i < values.length; ++i) {
    const v = values[i];
    if (!Number.isFinite(v)) {
      smoothed[i] = NaN;
      continue;
    }
    average = weight * average + (1 - weight) * v;
    decay *= weight;
    smoothed[i] = weight === 0 ? v : average / (1 - decay);
  }
  return smoothed;
}

/** One metric as parallel arrays, taken from the records that hold it as a number. */
export interface Series {
  x: number[];
  y: number[];
}

export function seriesOf(records: readonly Readonly<Record<string, number>>[], xKey: string, key: string): Series {
  const series: Series = {x: [], y: []};
  for (const record of records) {
    if (typeof record[key] !== "number" || !Number.isFinite(record[xKey])) continue;
    series.x.push(record[xKey]);
    series.y.push(record[key]);
  }
  return series;
}

/** A line with a band around it; `lo[i] ≤ mid[i] ≤ hi[i]` at `x[i]`. */
export interface Band {
  x: number[];
  mid: number[];
  lo: number[];
  hi: number[];
}

/**
 * Moving statistics over a centred window of `window` points (default 1/40 of the series,
 * at least 1): mid is the window's mean; the band is its min..max ("minmax") or mean ± one
 * standard deviation ("std"). Non-finite values are skipped. Null for an empty series.
 */
export function movingBand(
  {x, y}: Series,
  {kind = "minmax", window}: {kind?: "minmax" | "std"; window?: number} = {}
): Band | null {
  if (x.length === 0) return null;
  const w = Math.max(1, Math.round(window ?? x.length / 40));
  const band: Band = {x: [...x], mid: [], lo: [], hi: []};
  for (let i = 0; i < x.length; ++i) {
    // Plain loops, no slices: a 10 000-step reference with a 250-step window is 2.5 M reads.
    const from = Math.max(0, i - Math.floor(w / 2));
    const to = Math.min(y.length, from + w);
    let n = 0;
    let sum = 0;
    let lo = Infinity;
    let hi = -Infinity;
    for (let j = from; j < to; ++j) {
      if (!Number.isFinite(y[j])) continue;
      ++n;
      sum += y[j];
      lo = Math.min(lo, y[j]);
      hi = Math.max(hi, y[j]);
    }
    const mean = n > 0 ? sum / n : NaN;
    let squares = 0;
    if (kind === "std") for (let j = from; j < to; ++j) if (Number.isFinite(y[j])) squares += (y[j] - mean) ** 2;
    const std = Math.sqrt(squares / n);
    band.mid.push(mean);
    band.lo.push(n === 0 ? NaN : kind === "std" ? mean - std : lo);
    band.hi.push(n === 0 ? NaN : kind === "std" ? mean + std : hi);
  }
  return band;
}

/** The metric names of `records` in first-seen order, `epoch` and `step` first. */
export function metricKeys(records: readonly Record<string, unknown>[]): string[] {
  const keys = new Set<string>();
  for (const record of records) for (const key of Object.keys(record)) keys.add(key);
  const first = ["epoch", "step"].filter((key) => keys.has(key));
  return [...first, ...[...keys].filter((key) => !first.includes(key))];
}

/** Comma-separated rows with a header; missing values are empty, NaN/Infinity as written by JS. */
export function historyToCsv(history: History, table: "steps" | "epochs" = "steps"): string {
  const records = history[table];
  const keys = metricKeys(records);
  const rows = records.map((record) => keys.map((key) => (key in record ? String(record[key]) : "")).join(","));
  return [keys.join(","), ...rows].join("\n") + "\n";
}

export function historyToJSON(history: History): HistoryJSON {
  const toJson = (record: Metrics): JsonRecord =>
    Object.fromEntries(Object.entries(record).map(([key, value]) => [key, Number.isFinite(value) ? value : null]));
  return {steps: history.steps.map(toJson), epochs: history.epochs.map(toJson)};
}

/** Reads a stored history back (null → NaN); throws "invalid history: …" on anything else. */
export function historyFromJSON(json: unknown): History {
  if (!isObject(json)) throw new Error(`invalid history: expected {steps, epochs}, got ${typeof json}`);
  const read = (table: "steps" | "epochs", required: string[]) => {
    const rows = json[table];
    if (!Array.isArray(rows)) throw new Error(`invalid history: "${table}" must be an array, got ${typeof rows}`);
    return rows.map((row: unknown, i) => {
      if (!isObject(row)) throw new Error(`invalid history: ${table}[${i}] must be an object`);
      const record: Metrics = {};
      for (const [key, value] of Object.entries(row)) {
        if (value !== null && typeof value !== "number") {
          const got = JSON.stringify(value);
          throw new Error(`invalid history: ${table}[${i}].${key} must be a number or null, got ${got}`);
        }
        record[key] = value ?? NaN;
      }
      for (const key of required) {
        if (!Number.isFinite(record[key])) throw new Error(`invalid history: ${table}[${i}] has no "${key}"`);
      }
      return record;
    });
  };
  return {
    steps: read("steps", ["epoch", "step"]) as StepRecord[],
    epochs: read("epochs", ["epoch"]) as EpochRecord[]
  };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
