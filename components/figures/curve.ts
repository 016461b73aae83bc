// The live training curve: the reader's run drawn over a known-good reference run, one
// colour per metric. Built once; update() only rewrites path data and ticks, since a
// training page calls it every frame. Raw values are drawn faintly, their EMA boldly.
import * as d3 from "d3";
import {createFigure, percent} from "./figure.ts";
import {movingBand, seriesOf, smoothEma} from "../train/history.ts";
import type {Band, Series} from "../train/history.ts";

export interface CurveMetric {
  /** The key in each point, e.g. "loss" or "val_accuracy". */
  key: string;
  label: string;
  axis?: "left" | "right";
  /** Default: a percentage for accuracy-like keys ("acc" in the key), else 3 significant digits,
   * trailing zeros kept so that successive values read alike ("2.00", not "2", beside "1.95"). */
  format?: (value: number) => string;
}

export type CurvePoint = Readonly<Record<string, number>>;

export interface CurveReference {
  label: string;
  /** Records of a known-good run, e.g. the steps of a committed pretrain history. */
  points: readonly CurvePoint[];
  /** The reference is drawn as a dashed line, its moving mean over a centred window, inside a
   * light band: the window's min..max ("minmax", default) or mean ± one standard deviation
   * ("std"). The window defaults to 1/40 of the reference run (see movingBand). */
  spread?: {kind?: "minmax" | "std"; window?: number};
}

export interface CurveOptions {
  /** The data-figure name. */
  name: string;
  title?: string;
  caption?: string;
  metrics: CurveMetric[];
  /** The unit of the x axis: "step", "epoch", "episode"… (an s makes the plural). */
  xLabel: string;
  /** The x key in each point; default "epoch" when xLabel is "epoch", else "step". */
  x?: string;
  width?: number;
  height?: number;
  /** EMA weight in [0, 1); default 0.6, or 0 on an epoch axis (epoch records are already means). */
  smoothing?: number;
  /** Points drawn per line at most; longer runs are bucketed. Default 400. */
  maxPoints?: number;
  reference?: CurveReference;
}

export interface Curve {
  root: HTMLElement;
  /** Redraws with `points` (e.g. history.steps); `progressText` is shown and read out after the
   * numbers. `span`, the x a run in progress is headed for, ends the x axis there: a longer
   * reference is cut at it, so that a short run fills the chart instead of a sliver of it. */
  update(points: readonly CurvePoint[], progressText?: string, span?: number): void;
  setReference(reference: CurveReference | null): void;
}

const MARGIN = {top: 12, right: 16, bottom: 34, left: 48};
const RIGHT_AXIS = 48;
const COLOURS = 6;
const PALETTE = d3.schemeObservable10; // overridable per theme: --manus-series-0 … -5
const STYLE = `
.manus-curve svg { display: block; width: 100%; height: auto; overflow: visible; font: 11px system-ui, sans-serif; }
.manus-curve .axis { color: var(--theme-foreground-muted, #6b6b6b); }
.manus-curve .raw { fill: none; stroke: currentColor; stroke-width: 1; opacity: 0.25; }
.manus-curve .smooth { fill: none; stroke: currentColor; stroke-width: 2; }
.manus-curve .band { fill: currentColor; opacity: 0.12; }
.manus-curve .ref-line { fill: none; stroke: currentColor; stroke-width: 1.25; stroke-dasharray: 4 3; opacity: 0.55; }
.manus-curve .diverged { color: var(--manus-danger, #d62728); stroke: currentColor; fill: currentColor; }
.manus-curve-legend { display: flex; gap: 1em; flex-wrap: wrap; font-size: 12px; }
.manus-curve-legend span::before { content: ""; display: inline-block; width: 1.2em; margin-right: 0.3em;
  vertical-align: middle; border-top: 2px solid currentColor; }
.manus-curve-legend .reference { color: var(--theme-foreground-muted, #6b6b6b); }
.manus-curve-legend .reference::before { border-top-style: dashed; }
.manus-curve-progress { font-size: 12px; color: var(--theme-foreground-muted, #6b6b6b); min-height: 1.2em; }
${d3.range(COLOURS).map((i) => `.manus-curve .s${i} { color: var(--manus-series-${i}, ${PALETTE[i]}); }`).join("\n")}
`;

type Point = [x: number, y: number];

export function createCurve(options: CurveOptions): Curve {
  const {name, title, caption, metrics, xLabel, width = 640, height = 260, maxPoints = 400} = options;
  if (metrics.length === 0) throw new Error(`createCurve "${name}": expected at least one metric, got none`);
  const xKey = options.x ?? (xLabel === "epoch" ? "epoch" : "step");
  const smoothing = options.smoothing ?? (xLabel === "epoch" ? 0 : 0.6);
  const formats = metrics.map((m) => m.format ?? (isAccuracy(m.key) ? (v: number) => percent(v) : d3.format(".3r")));
  const hasRight = metrics.some((m) => m.axis === "right");
  const right = width - (hasRight ? RIGHT_AXIS : MARGIN.right);
  const x = d3.scaleLinear().range([MARGIN.left, right]);
  const yLeft = d3.scaleLinear().range([height - MARGIN.bottom, MARGIN.top]).clamp(true);
  const yRight = yLeft.copy();
  const yOf = (i: number) => (metrics[i].axis === "right" ? yRight : yLeft);

  // The DOM is built once here; update() only sets attributes and text.
  const frame = createFigure(name, {title, caption});
  frame.root.classList.add("manus-curve");
  const style = document.createElement("style");
  style.textContent = STYLE;
  const svg = d3.create("svg").attr("viewBox", `0 0 ${width} ${height}`).attr("aria-hidden", "true");
  const xAxis = svg.append("g").attr("class", "axis x").attr("transform", `translate(0,${height - MARGIN.bottom})`);
  svg.append("text").attr("class", "axis").attr("fill", "currentColor").attr("text-anchor", "end")
    .attr("x", right).attr("y", height - 4).text(`${xLabel} →`);
  const leftAxis = svg.append("g").attr("class", "axis y-left").attr("transform", `translate(${MARGIN.left},0)`);
  const rightAxis = svg.append("g").attr("class", "axis y-right").attr("transform", `translate(${right},0)`);
  const layers = metrics.map((_, i) => {
    const g = svg.append("g").attr("class", `metric s${i % COLOURS}`);
    const path = (className: string) => g.append("path").attr("class", className);
    return {band: path("band"), refLine: path("ref-line"), raw: path("raw"), smooth: path("smooth")};
  });
  const diverged = svg.append("g").attr("class", "diverged").attr("display", "none");
  const divergedLine = diverged.append("line").attr("stroke-dasharray", "2 2")
    .attr("y1", MARGIN.top).attr("y2", height - MARGIN.bottom);
  const divergedText = diverged.append("text").attr("stroke", "none").attr("dx", 4).attr("y", MARGIN.top + 10);
  const legend = document.createElement("div");
  legend.className = "manus-curve-legend";
  const progress = document.createElement("div");
  progress.className = "manus-curve-progress";
  frame.body.append(style, svg.node() as SVGSVGElement, legend, progress);

  // Reference bands are computed and thinned once per setReference, not per frame.
  let bands: (Band | null)[] = metrics.map(() => null);
  let last: {points: readonly CurvePoint[]; progressText: string; span?: number} = {points: [], progressText: ""};
  // The scales' domains when axes and reference were last drawn: while a run stays inside
  // them (the usual case once a reference sets the x range), those are not redrawn.
  let drawnDomains = "";

  function setReference(reference: CurveReference | null): void {
    bands = metrics.map((m) => {
      const band = reference && movingBand(seriesOf(reference.points, xKey, m.key), reference.spread);
      return band && thinBand(band, maxPoints);
    });
    legend.replaceChildren(...metrics.map((m, i) => legendItem(m.label, `s${i % COLOURS}`)));
    const note = reference && `${reference.label} (reference): ${bandNote(reference, xLabel)}`;
    if (note) legend.append(legendItem(note, "reference"));
    drawnDomains = "";
    update(last.points, last.progressText, last.span);
  }

  function update(points: readonly CurvePoint[], progressText = "", span?: number): void {
    last = {points, progressText, span};
    const series = metrics.map((m) => seriesOf(points, xKey, m.key));
    const smooth = series.map((s) => smoothEma(s.y, smoothing));
    const spanned = span !== undefined && span > 0 && Number.isFinite(span);
    const ends = [...series, ...(spanned ? [] : bands.filter((b) => b !== null))].flatMap((s) => [s.x[0], s.x[s.x.length - 1]]);
    const [x0 = 0, x1 = 1] = d3.extent([...ends, ...(spanned ? [span] : [])].filter(Number.isFinite));
    x.domain([Math.min(0, x0), Math.max(x1, 1)]).nice(); // nice: a growing run rescales now and then, not every frame
    const xEnd = x.domain()[1];
    for (const [scale, side] of [[yLeft, "left"], [yRight, "right"]] as const) {
      const on = d3.range(metrics.length).filter((i) => (metrics[i].axis ?? "left") === side);
      scale.domain(yDomain(on.flatMap((i) => [series[i].y, ...bandValuesUpTo(bands[i], xEnd)])));
    }
    const domains = [x, yLeft, yRight].map((scale) => scale.domain().join()).join(";");
    const rescaled = domains !== drawnDomains;
    drawnDomains = domains;
    if (rescaled) {
      xAxis.call(d3.axisBottom(x).ticks(Math.max(2, Math.round(width / 90)), "~s"));
      leftAxis.call(axisFor(d3.axisLeft(yLeft), metrics.filter((m) => m.axis !== "right")));
      rightAxis.attr("display", hasRight ? null : "none");
      if (hasRight) rightAxis.call(axisFor(d3.axisRight(yRight), metrics.filter((m) => m.axis === "right")));
    }
    layers.forEach((layer, i) => {
      const y = yOf(i);
      // Rounded here rather than by .digits(), which is several times slower per vertex.
      const line = d3.line<Point>().digits(null).defined((p) => !Number.isNaN(p[1]))
        .x((p) => round(x(p[0]))).y((p) => round(y(clip(p[1], y))));
      // With no smoothing the bold line is the raw one: no faint copy.
      layer.raw.attr("d", smoothing > 0 ? line(downsample(series[i].x, series[i].y, maxPoints, "envelope")) : null);
      layer.smooth.attr("d", line(downsample(series[i].x, smooth[i], maxPoints, "last")));
      const band = bands[i];
      if (!rescaled) return;
      if (!band) {
        layer.band.attr("d", null);
        layer.refLine.attr("d", null);
        return;
      }
      const area = d3.area<number>().digits(null).defined((j) => !Number.isNaN(band.mid[j]))
        .x((j) => round(x(band.x[j]))).y0((j) => round(y(band.lo[j]))).y1((j) => round(y(band.hi[j])));
      const shown = d3.range(d3.bisectRight(band.x, xEnd)); // the part of the reference on the axis
      layer.band.attr("d", area(shown));
      layer.refLine.attr("d", line(shown.map((j): Point => [band.x[j], band.mid[j]])));
    });
    const divergedAt = firstNonFinite(series);
    diverged.attr("display", divergedAt === null ? "none" : null);
    if (divergedAt !== null) {
      divergedLine.attr("x1", x(divergedAt)).attr("x2", x(divergedAt));
      divergedText.attr("x", x(divergedAt)).text("diverged");
    }
    progress.textContent = progressText;
    frame.describe([describe(series, smooth, divergedAt), progressText].filter(Boolean).join(" "));
  }

  /** "Loss 0.231 and accuracy 93.4 % after 120 steps; the reference run had loss 0.25 at that step." */
  function describe(series: Series[], smooth: number[][], divergedAt: number | null): string {
    const unit = (n: number) => `${xLabel}${n === 1 ? "" : "s"}`;
    const said = (parts: {i: number; value: number}[]) =>
      list(parts.map(({i, value}) => `${lowerFirst(metrics[i].label)} ${formatValue(value, formats[i])}`));
    const withBand = d3.range(metrics.length).filter((i) => bands[i] !== null);
    const present = d3.range(metrics.length).filter((i) => series[i].x.length > 0);
    if (present.length === 0) {
      if (withBand.length === 0) return `No ${unit(0)} yet: the curve fills in as the model trains.`;
      const ends = withBand.map((i) => ({i, ...valueAt(bands[i] as Band, Infinity)}));
      const end = Math.max(...ends.map((e) => e.x));
      return `No ${unit(0)} yet: the curve fills in as the model trains. ` +
        `The reference run reached ${said(ends)} after ${end} ${unit(end)}.`;
    }
    const lastX = Math.max(...present.map((i) => series[i].x[series[i].x.length - 1]));
    let text = capitalize(said(present.map((i) => ({i, value: smooth[i][smooth[i].length - 1]}))));
    text += ` after ${lastX} ${unit(lastX)}${smoothing > 0 ? " (smoothed)" : ""}`;
    if (withBand.length > 0) {
      const at = withBand.map((i) => ({i, ...valueAt(bands[i] as Band, lastX)}));
      const ended = Math.max(...at.map((a) => a.x));
      text += ended < lastX
        ? `; the reference run ended at ${xLabel} ${ended} with ${said(at)}`
        : `; the reference run had ${said(at)} at that ${xLabel}`;
    }
    text += ".";
    if (divergedAt !== null) {
      text += ` The run diverged at ${xLabel} ${divergedAt}: a value became NaN or infinite`;
      text += " (infinite values are clipped to the edge).";
    }
    return text;
  }

  setReference(options.reference ?? null);
  return {root: frame.root, update, setReference};
}

/** The band's low and high values up to the end of the x axis (for the y domain). */
function bandValuesUpTo(band: Band | null, end: number): number[][] {
  if (!band) return [];
  const n = d3.bisectRight(band.x, end);
  return [band.lo.slice(0, n), band.hi.slice(0, n)];
}

/** A nice domain over the finite values; includes 0 when all are positive (losses, accuracies). */
function yDomain(arrays: readonly number[][]): [number, number] {
  let lo = 0; // 0 is always in the domain
  let hi = -Infinity;
  for (const values of arrays) {
    for (const v of values) {
      if (!Number.isFinite(v)) continue;
      if (v < lo) lo = v;
      if (v > hi) hi = v;
    }
  }
  if (hi === -Infinity) return [0, 1];
  if (lo === hi) return [lo - 1, hi + 1];
  return d3.scaleLinear().domain([lo, hi]).nice().domain() as [number, number];
}

function axisFor(axis: d3.Axis<d3.NumberValue>, metrics: CurveMetric[]): d3.Axis<d3.NumberValue> {
  const allAccuracy = metrics.length > 0 && metrics.every((m) => !m.format && isAccuracy(m.key));
  return allAccuracy ? axis.ticks(5, ".0%") : axis.ticks(5);
}

/** ±Infinity is drawn at the edge of the plot; NaN leaves a gap (line.defined). */
function clip(value: number, scale: d3.ScaleLinear<number, number>): number {
  if (value === Infinity) return scale.domain()[1];
  if (value === -Infinity) return scale.domain()[0];
  return value;
}

/**
 * At most `max` points per line. "envelope" keeps each bucket's lowest and highest value
 * (so noise keeps its width), "last" keeps its last defined one. A bucket holding a NaN
 * ends with a gap.
 */
function downsample(xs: number[], ys: number[], max: number, mode: "envelope" | "last"): Point[] {
  if (xs.length <= max) return xs.map((x, i) => [x, ys[i]]);
  const size = Math.ceil(xs.length / (mode === "envelope" ? max / 2 : max - 1));
  const points: Point[] = mode === "last" ? [[xs[0], ys[0]]] : [];
  for (let start = 0; start < xs.length; start += size) {
    const end = Math.min(xs.length, start + size);
    let lo = -1; // index of the bucket's lowest defined value
    let hi = -1;
    let last = -1;
    for (let j = start; j < end; ++j) {
      if (Number.isNaN(ys[j])) continue;
      if (lo < 0 || ys[j] < ys[lo]) lo = j;
      if (hi < 0 || ys[j] > ys[hi]) hi = j;
      last = j;
    }
    const keep = mode === "last" ? [last] : lo === hi ? [lo] : [Math.min(lo, hi), Math.max(lo, hi)];
    for (const j of keep) if (j >= 0) points.push([xs[j], ys[j]]);
    const gap = mode === "envelope" ? lo < 0 || last < end - 1 || hasNaN(ys, start, end) : last < end - 1;
    if (gap) points.push([xs[end - 1], NaN]);
  }
  return points;
}

/** One decimal of a pixel is enough, and keeps path data (and snapshots) short. */
function round(pixels: number): number {
  return Math.round(pixels * 10) / 10;
}

function hasNaN(values: number[], start: number, end: number): boolean {
  for (let j = start; j < end; ++j) if (Number.isNaN(values[j])) return true;
  return false;
}

/** Thins a reference band to about `max` points: each bucket keeps its middle x and mean,
 * and the lowest lo and highest hi, so the band never looks narrower than it is. */
function thinBand(band: Band, max: number): Band {
  const size = Math.ceil(band.x.length / max);
  if (size <= 1) return band;
  const thin: Band = {x: [], mid: [], lo: [], hi: []};
  for (let start = 0; start < band.x.length; start += size) {
    const j = Math.min(band.x.length - 1, start + Math.floor(size / 2));
    const end = Math.min(band.x.length, start + size);
    thin.x.push(band.x[j]);
    thin.mid.push(band.mid[j]);
    thin.lo.push(d3.min(band.lo.slice(start, end)) ?? NaN);
    thin.hi.push(d3.max(band.hi.slice(start, end)) ?? NaN);
  }
  return thin;
}

/** The band's line at the last x ≤ `x` (its first point when all lie after). */
function valueAt(band: Band, x: number): {x: number; value: number} {
  const j = Math.max(0, d3.bisectRight(band.x, x) - 1);
  return {x: band.x[j], value: band.mid[j]};
}

function firstNonFinite(series: Series[]): number | null {
  let first: number | null = null;
  for (const s of series) {
    const i = s.y.findIndex((v) => !Number.isFinite(v));
    if (i >= 0 && (first === null || s.x[i] < first)) first = s.x[i];
  }
  return first;
}

function bandNote(reference: CurveReference, xLabel: string): string {
  const {kind = "minmax", window} = reference.spread ?? {};
  const span = window ? `${window} ${xLabel}s` : "1/40 of the run";
  const width = kind === "std" ? "± one standard deviation" : "lowest to highest value";
  return `dashed line, mean over ${span}; band, ${width} over the same window`;
}

function legendItem(text: string, className: string): HTMLSpanElement {
  const item = document.createElement("span");
  item.className = className;
  item.textContent = text;
  return item;
}

function isAccuracy(key: string): boolean {
  return /acc/i.test(key);
}

function formatValue(value: number, format: (v: number) => string): string {
  if (Number.isNaN(value)) return "NaN";
  return Number.isFinite(value) ? format(value) : value > 0 ? "∞" : "−∞";
}

/** "Loss" → "loss" mid-sentence, but "MSE" stays "MSE". */
function lowerFirst(text: string): string {
  return /^[A-Z][a-z]/.test(text) ? text.charAt(0).toLowerCase() + text.slice(1) : text;
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** "a", "a and b", "a, b and c". */
function list(items: string[]): string {
  return items.length <= 1 ? items.join("") : `${items.slice(0, -1).join(", ")} and ${items[items.length - 1]}`;
}
