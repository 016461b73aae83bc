// The LSTM reading a tune: for a few of its units, the input, forget and output gates and the
// cell state after every character, as a heat map (units × characters) with the characters
// along the top. Hovering a column, or moving the inspected character with the arrow keys,
// reads out the numbers there. Computed from the live model (pretrained, trained or loaded).
import * as d3 from "d3";
import {controlRow, slider} from "../../controls.ts";
import type {Control} from "../../controls.ts";
import {createFigure, percent} from "../../figures/figure.ts";
import {extentOf, meanOf, mostActiveUnits, TRACED, TRACED_LABELS, traceGates, valueAt} from "../gates.ts";
import type {GateTrace, Traced} from "../gates.ts";
import type {MusicSettings} from "../params.ts";
import {MUSIC_RANGES} from "../params.ts";
import type {MusicModelEntry} from "../slot.ts";
import {addMusicStyles} from "../style.ts";
import {showChar} from "./distribution.ts";

/** Units drawn per panel: the ones whose cell state moves most along the text. */
export const SHOWN_UNITS = 6;

/** Read when the page has no corpus: a tune written for this page, in the course's style. */
export const EXAMPLE_TUNE = "X:1\nT:An example reel\nM:4/4\nL:1/8\nK:D\n|:DFAF GBAG|FAdA FEDE|DFAF GBAG|FEDF E2D2:|\n|:fefd BdAF|GBAG FAdf|";

const CELL = 12; // px per character
const ROW = 10; // px per unit
const LEFT = 96;
const TOP = 22; // the row of characters
const GAP = 16; // between panels, holds the panel's name
const RIGHT = 8;

export interface GateFigure {
  /** The controls and the figure. */
  root: HTMLElement;
  /** The controls by URL parameter name (for the permalink). */
  controls: Record<"gtune" | "gchars" | "gat", Control<number>>;
  /** Reads the text with this model (null: no model yet); resolves when drawn. */
  setModel(entry: MusicModelEntry | null): Promise<void>;
}

export interface GateFigureOptions {
  /** The corpus's tunes; empty: the example tune. */
  tunes: readonly string[];
  settings: Pick<MusicSettings, "gateTune" | "gateLength" | "gatePosition">;
}

export function createGateFigure({tunes, settings}: GateFigureOptions): GateFigure {
  addMusicStyles();
  const source = tunes.length > 0 ? tunes : [EXAMPLE_TUNE];
  const tune = slider({label: tunes.length > 0 ? "Tune of the corpus" : "Tune (the example)", min: 1, max: source.length, step: 1, value: settings.gateTune, name: "gate-tune"});
  const length = slider({label: "Characters read", ...MUSIC_RANGES.gateLength, value: settings.gateLength, name: "gate-length"});
  const frame = createFigure("music-gates", {
    title: "Inside the LSTM as it reads a tune",
    caption: `Each row is one LSTM unit (the ${SHOWN_UNITS} whose cell state changes most from one character to the next), each column the state after reading the character above it. ` +
      "Gates run from 0 (light: closed) to 1 (dark: open); the cell state is red where positive and blue where negative, darkest at the largest magnitude among the units shown. " +
      "Hover a column, or focus the chart and use ← and →, to read the numbers."
  });
  const position = inspector(settings.gatePosition);
  const svg = d3.create("svg").attr("class", "manus-gates").attr("aria-hidden", "true");
  const readout = document.createElement("p");
  readout.className = "manus-gates-readout";
  readout.setAttribute("aria-live", "polite");
  position.append(svg.node() as SVGSVGElement);
  frame.body.append(position, readout);

  let entry: MusicModelEntry | null = null;
  let trace: GateTrace | null = null;
  let shown: number[] = [];
  let run = 0; // a newer trace makes an older one's result stale

  const text = () => [...source[tune.value - 1]].slice(0, length.value).join("");
  const at = () => (trace ? Math.min(position.value, trace.chars.length) - 1 : 0);

  async function compute(): Promise<void> {
    const id = ++run;
    if (!entry) {
      trace = null;
      svg.selectAll("*").remove();
      readout.textContent = "";
      frame.describe("No model yet: train one or load weights, and this figure shows its gates as it reads a tune.");
      return;
    }
    try {
      const next = await traceGates(entry.model, entry.vocabulary, text());
      if (id !== run) return;
      trace = next;
      shown = mostActiveUnits(trace, SHOWN_UNITS);
      position.setRange(trace.chars.length);
      draw();
    } catch (error) {
      if (id !== run) return;
      trace = null;
      svg.selectAll("*").remove();
      readout.textContent = "";
      frame.describe(`This model cannot read tune ${tune.value}: ${error instanceof Error ? error.message : String(error)}. Pick another tune.`);
    }
  }

  function draw(): void {
    if (!trace) return;
    const t = trace.chars.length;
    const width = LEFT + t * CELL + RIGHT;
    const panelHeight = shown.length * ROW;
    const height = TOP + TRACED.length * (GAP + panelHeight) + 4;
    svg.attr("viewBox", `0 0 ${width} ${height}`).attr("width", width).attr("height", height);
    svg.selectAll("*").remove();
    const chars = svg.append("g").attr("font-family", "ui-monospace, monospace").attr("font-size", 10).attr("text-anchor", "middle").attr("fill", "currentColor");
    chars.selectAll("text").data(trace.chars).join("text")
      .attr("x", (_, k) => LEFT + k * CELL + CELL / 2).attr("y", TOP - 8).text((c) => showChar(c));
    // The colour scale of the cell state spans the units shown, not all of them.
    const [cLo, cHi] = extentOf(trace, "c", shown);
    const cMax = Math.max(1e-6, Math.abs(cLo), Math.abs(cHi));
    const colour: Record<Traced, (v: number) => string> = {
      i: d3.scaleSequential(d3.interpolateBlues).domain([0, 1]),
      f: d3.scaleSequential(d3.interpolateBlues).domain([0, 1]),
      o: d3.scaleSequential(d3.interpolateBlues).domain([0, 1]),
      c: d3.scaleDiverging(d3.interpolateRdBu).domain([cMax, 0, -cMax])
    };
    TRACED.forEach((what, p) => {
      const top = TOP + p * (GAP + panelHeight) + GAP;
      const panel = svg.append("g").attr("data-panel", what);
      panel.append("text").attr("x", 0).attr("y", top - 4).attr("font-size", 11).attr("font-weight", "bold").attr("fill", "currentColor").text(TRACED_LABELS[what]);
      shown.forEach((unit, r) => {
        panel.append("text").attr("x", LEFT - 6).attr("y", top + r * ROW + ROW - 2).attr("text-anchor", "end").attr("font-size", 9)
          .attr("fill", "currentColor").text(`unit ${unit}`);
      });
      const cells = Array.from({length: t * shown.length}, (_, n) => ({k: n % t, r: Math.floor(n / t)}));
      panel.append("g").selectAll("rect").data(cells).join("rect")
        .attr("x", (d) => LEFT + d.k * CELL).attr("y", (d) => top + d.r * ROW).attr("width", CELL - 1).attr("height", ROW - 1)
        .attr("fill", (d) => colour[what](valueAt(trace as GateTrace, what, d.k, shown[d.r])));
    });
    svg.append("rect").attr("class", "manus-gates-cursor").attr("y", TOP - 20).attr("width", CELL).attr("height", height - TOP + 18)
      .attr("fill", "none").attr("stroke", "currentColor").attr("stroke-width", 1.5);
    // Hover: the column under the pointer becomes the inspected one.
    svg.on("pointermove", (event: PointerEvent) => {
      const [x] = d3.pointer(event);
      const k = Math.floor((x - LEFT) / CELL);
      if (k >= 0 && trace && k < trace.chars.length && k !== at()) position.set(k + 1, true);
    });
    inspect();
  }

  /** Moves the cursor to the inspected character and says what is there. */
  function inspect(): void {
    if (!trace) return;
    const k = at();
    svg.select(".manus-gates-cursor").attr("x", LEFT + k * CELL);
    const char = showChar(trace.chars[k]);
    const p = trace.surprise[k];
    const before = Number.isFinite(p) ? ` (the model gave it ${percent(p)} before reading it)` : " (the first character: nothing before it)";
    const units = shown.map((u) => `unit ${u}: i ${fmt(valueAt(trace!, "i", k, u))}, f ${fmt(valueAt(trace!, "f", k, u))}, ` +
      `o ${fmt(valueAt(trace!, "o", k, u))}, c ${fmt(valueAt(trace!, "c", k, u))}`);
    readout.textContent = `Character ${k + 1} of ${trace.chars.length}, ${char}${before}. ${units.join("; ")}.`;
    position.setAttribute("aria-valuetext", `character ${k + 1}, ${char}`);
    const [cLo, cHi] = extentOf(trace, "c");
    const u = shown[0];
    frame.describe(
      `The LSTM (${trace.units} units, ${entry?.label ?? "no model"}) reading the first ${trace.chars.length} characters of ` +
        `${tunes.length > 0 ? `tune ${tune.value} of the corpus` : "the example tune"}. Shown: units ${shown.join(", ")}, ` +
        `whose cell state changes most from character to character. Over all units and characters the mean input gate is ${fmt(meanOf(trace, "i"))}, ` +
        `forget gate ${fmt(meanOf(trace, "f"))}, output gate ${fmt(meanOf(trace, "o"))}; the cell state runs from ${fmt(cLo)} to ${fmt(cHi)}. ` +
        `At character ${k + 1} (${char}), unit ${u} has i = ${fmt(valueAt(trace, "i", k, u))}, f = ${fmt(valueAt(trace, "f", k, u))}, ` +
        `o = ${fmt(valueAt(trace, "o", k, u))}, c = ${fmt(valueAt(trace, "c", k, u))}.`
    );
  }

  tune.addEventListener("input", () => void compute());
  length.addEventListener("input", () => void compute());
  position.addEventListener("input", inspect);
  const root = document.createElement("div");
  root.append(controlRow(tune, length), frame.root);
  return {
    root,
    controls: {gtune: tune, gchars: length, gat: position},
    setModel(next) {
      entry = next;
      return compute();
    }
  };
}

interface Inspector extends Control<number> {
  /** The last character that can be inspected (1-based). */
  setRange(max: number): void;
  /** Moves to `k` (1-based); `notify` fires "input" as a reader's move does. */
  set(k: number, notify: boolean): void;
}

/** The chart's frame, focusable as a slider over the characters (← →, Home, End). */
function inspector(initial: number): Inspector {
  const root = document.createElement("div") as unknown as Inspector;
  root.className = "manus-gates-scroll";
  root.dataset.control = "gate-position";
  root.tabIndex = 0;
  root.setAttribute("role", "slider");
  root.setAttribute("aria-label", "Inspected character");
  root.setAttribute("aria-valuemin", "1");
  let max: number = MUSIC_RANGES.gatePosition.max;
  let current = Math.max(1, Math.round(initial));
  const show = () => root.setAttribute("aria-valuenow", String(Math.min(current, max)));
  root.set = (k, notify) => {
    current = Math.min(Math.max(1, Math.round(k)), max);
    show();
    if (notify) root.dispatchEvent(new Event("input", {bubbles: true}));
  };
  root.setRange = (n) => {
    max = n;
    root.setAttribute("aria-valuemax", String(n));
    show();
  };
  Object.defineProperty(root, "value", {get: () => Math.min(current, max), set: (k: number) => root.set(k, false)});
  root.addEventListener("keydown", (event) => {
    const step = {ArrowRight: 1, ArrowLeft: -1, ArrowUp: 1, ArrowDown: -1, PageUp: 10, PageDown: -10}[event.key];
    const to = event.key === "Home" ? 1 : event.key === "End" ? max : step === undefined ? null : Math.min(current, max) + step;
    if (to === null) return;
    event.preventDefault();
    root.set(to, true);
    // Keep the inspected column in view when the chart is wider than the page.
    const x = LEFT + (Math.min(current, max) - 1) * CELL;
    if (x < root.scrollLeft + LEFT || x > root.scrollLeft + root.clientWidth - CELL) root.scrollLeft = Math.max(0, x - root.clientWidth / 2);
  });
  show();
  return root;
}

function fmt(value: number): string {
  return value.toFixed(2);
}
