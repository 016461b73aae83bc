// The temperature sweep: for each temperature, generate tunes with the live model and
// count the share that abcjs parses without a warning. Low temperatures repeat the
// likeliest patterns (well-formed, monotonous); high ones invent characters abcjs rejects.
// With the corpus at hand, two more lines say how far the written tunes' pitch classes and
// note lengths are from the corpus's (total variation distance, 0 to 1).
import * as d3 from "d3";
import {createFigure, percent} from "../../figures/figure.ts";

export interface SweepPoint {
  temperature: number;
  tunes: number;
  clean: number;
  /** Total variation distance from the corpus: pitch classes, note lengths (NaN: no notes). */
  pitchDistance?: number;
  lengthDistance?: number;
}

/** The distance lines: which field, how drawn, what the legend and the text call it. */
const DISTANCES = [
  {key: "pitchDistance", dash: "6 3", label: "pitch classes vs corpus"},
  {key: "lengthDistance", dash: "2 3", label: "note lengths vs corpus"}
] as const;

export interface SweepFigure {
  root: HTMLElement;
  update(points: readonly SweepPoint[], note?: string): void;
}

const WIDTH = 640;
const HEIGHT = 220;
// Room above for the count over a 100 % point, and on the right for the distance axis.
const M = {top: 24, right: 44, bottom: 36, left: 48};

export function createSweepFigure(): SweepFigure {
  const frame = createFigure("music-sweep", {
    title: "Clean tunes against temperature",
    caption: "Solid line: the share of generated whole tunes that abcjs parses without a warning, at one temperature; the label gives the count. " +
      "Dashed and dotted: the total variation distance between the written tunes' pitch classes (and note lengths) and the corpus's: 0 is the same mix, 1 nothing in common."
  });
  const svg = d3.create("svg").attr("viewBox", `0 0 ${WIDTH} ${HEIGHT}`).style("width", "100%").style("height", "auto").attr("aria-hidden", "true");
  const x = d3.scaleLinear().domain([0, 2]).range([M.left, WIDTH - M.right]);
  const y = d3.scaleLinear().domain([0, 1]).range([HEIGHT - M.bottom, M.top]);
  svg.append("g").attr("transform", `translate(0,${HEIGHT - M.bottom})`).call(d3.axisBottom(x).ticks(8));
  svg.append("g").attr("transform", `translate(${M.left},0)`).call(d3.axisLeft(y).ticks(5, "%"));
  // The distances share the vertical scale, read as plain numbers from 0 to 1.
  const distanceAxis = svg.append("g").attr("transform", `translate(${WIDTH - M.right},0)`).call(d3.axisRight(y).ticks(5, ".1f"));
  svg.append("text").attr("x", WIDTH - M.right).attr("y", HEIGHT - 4).attr("text-anchor", "end").attr("font-size", 11)
    .attr("fill", "currentColor").text("temperature →");
  const line = svg.append("path").attr("fill", "none").attr("stroke", "currentColor").attr("stroke-width", 1.5);
  const distanceLines = DISTANCES.map(({dash}) =>
    svg.append("path").attr("fill", "none").attr("stroke", "currentColor").attr("stroke-width", 1.2).attr("stroke-dasharray", dash));
  const legend = svg.append("g").attr("font-size", 11).attr("fill", "currentColor");
  const dots = svg.append("g");
  frame.body.append(svg.node() as SVGSVGElement);

  function update(points: readonly SweepPoint[], note = ""): void {
    const shown = points.filter((p) => p.tunes > 0);
    line.attr("d", d3.line<SweepPoint>().x((p) => x(p.temperature)).y((p) => y(p.clean / p.tunes))(shown));
    const g = dots.selectAll("g").data(shown).join((enter) => {
      const item = enter.append("g");
      item.append("circle").attr("r", 4).attr("fill", "currentColor");
      item.append("text").attr("dy", -8).attr("text-anchor", "middle").attr("font-size", 11).attr("fill", "currentColor");
      return item;
    });
    g.attr("transform", (p) => `translate(${x(p.temperature)},${y(p.clean / p.tunes)})`);
    g.select("text").text((p) => `${p.clean}/${p.tunes}`);
    DISTANCES.forEach(({key}, i) => {
      const measured = points.filter((p) => Number.isFinite(p[key]));
      distanceLines[i].attr("d", measured.length ? d3.line<SweepPoint>().x((p) => x(p.temperature)).y((p) => y(p[key] as number))(measured) : null);
    });
    const legendItems = points.some((p) => p.pitchDistance !== undefined)
      ? [{dash: null, label: "clean share"}, ...DISTANCES.map(({dash, label}) => ({dash, label}))]
      : [];
    const items = legend.selectAll<SVGGElement, (typeof legendItems)[number]>("g").data(legendItems).join((enter) => {
      const item = enter.append("g");
      item.append("line").attr("x1", 0).attr("x2", 22).attr("stroke", "currentColor").attr("stroke-width", 1.5);
      item.append("text").attr("x", 28).attr("dy", "0.32em");
      return item;
    });
    items.attr("transform", (_, i) => `translate(${WIDTH - M.right - 190},${M.top + 8 + i * 15})`);
    distanceAxis.attr("display", legendItems.length ? null : "none");
    items.select("line").attr("stroke-dasharray", (d) => d.dash);
    items.select("text").text((d) => d.label);
    const said = points.map((p) => {
      const clean = p.tunes > 0 ? `T = ${p.temperature}: ${p.clean} of ${p.tunes} tunes clean (${percent(p.clean / p.tunes, 0)})` : `T = ${p.temperature}: no whole tune`;
      if (p.pitchDistance === undefined) return clean;
      const distance = (d: number | undefined) => (Number.isFinite(d) ? (d as number).toFixed(2) : "–");
      return `${clean}, distance from the corpus ${distance(p.pitchDistance)} in pitch classes and ${distance(p.lengthDistance)} in note lengths`;
    });
    frame.describe(points.length ? `${said.join("; ")}.${note ? ` ${note}` : ""}` : `Not run yet.${note ? ` ${note}` : ""}`);
  }
  update([]);
  return {root: frame.root, update};
}
