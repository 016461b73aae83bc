// The temperature sweep: for each temperature, generate tunes with the live model and
// count the share that abcjs parses without a warning. Low temperatures repeat the
// likeliest patterns (well-formed, monotonous); high ones invent characters abcjs rejects.
import * as d3 from "d3";
import {createFigure, percent} from "../../figures/figure.ts";

export interface SweepPoint {
  temperature: number;
  tunes: number;
  clean: number;
}

export interface SweepFigure {
  root: HTMLElement;
  update(points: readonly SweepPoint[], note?: string): void;
}

const WIDTH = 640;
const HEIGHT = 220;
const M = {top: 12, right: 16, bottom: 36, left: 48};

export function createSweepFigure(name = "temperature-sweep"): SweepFigure {
  const frame = createFigure(name, {
    title: "Clean tunes against temperature",
    caption: "Each point: the share of generated whole tunes that abcjs parses without a warning, at one temperature; the label gives the count."
  });
  const svg = d3.create("svg").attr("viewBox", `0 0 ${WIDTH} ${HEIGHT}`).style("width", "100%").style("height", "auto").attr("aria-hidden", "true");
  const x = d3.scaleLinear().domain([0, 2]).range([M.left, WIDTH - M.right]);
  const y = d3.scaleLinear().domain([0, 1]).range([HEIGHT - M.bottom, M.top]);
  svg.append("g").attr("transform", `translate(0,${HEIGHT - M.bottom})`).call(d3.axisBottom(x).ticks(8));
  svg.append("g").attr("transform", `translate(${M.left},0)`).call(d3.axisLeft(y).ticks(5, "%"));
  svg.append("text").attr("x", WIDTH - M.right).attr("y", HEIGHT - 4).attr("text-anchor", "end").attr("font-size", 11)
    .attr("fill", "currentColor").text("temperature →");
  const line = svg.append("path").attr("fill", "none").attr("stroke", "currentColor").attr("stroke-width", 1.5);
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
    const said = points.map((p) =>
      p.tunes > 0 ? `T = ${p.temperature}: ${p.clean} of ${p.tunes} tunes clean (${percent(p.clean / p.tunes, 0)})` : `T = ${p.temperature}: no whole tune`
    );
    frame.describe(points.length ? `${said.join("; ")}.${note ? ` ${note}` : ""}` : `Not run yet.${note ? ` ${note}` : ""}`);
  }
  update([]);
  return {root: frame.root, update};
}
