// The next character's distribution: the model's own (T = 1, outlined) and the one sampled
// from at the reader's temperature (filled), for the likeliest characters. Clicking a bar
// picks that character (the token inspector regenerates from there).
import * as d3 from "d3";
import {createFigure, percent} from "../../figures/figure.ts";
import {entropyBits, softmaxWithTemperature, topK} from "../sample.ts";

export interface DistributionFigure {
  root: HTMLElement;
  /** Draws the distribution of `logits` [V] at `temperature`; `context` says which step it is. */
  update(logits: ArrayLike<number>, temperature: number, context: string): void;
  /** Called with a character index when the reader clicks its bar. */
  onPick: ((index: number) => void) | null;
}

const SHOWN = 16;
const WIDTH = 640;
const HEIGHT = 200;
const M = {top: 10, right: 10, bottom: 34, left: 44};

export function createDistributionFigure(chars: readonly string[]): DistributionFigure {
  const frame = createFigure("music-distribution", {
    title: "What the model would write next",
    caption: `The ${SHOWN} likeliest next characters. Outline: the model's own probabilities (T = 1); filled: the probabilities sampled from at the chosen temperature. Click a bar to put that character here instead.`
  });
  const svg = d3.create("svg").attr("viewBox", `0 0 ${WIDTH} ${HEIGHT}`).attr("class", "manus-distribution")
    .style("width", "100%").style("height", "auto").attr("aria-hidden", "true");
  const x = d3.scaleBand<number>().range([M.left, WIDTH - M.right]).padding(0.2);
  const y = d3.scaleLinear().domain([0, 1]).range([HEIGHT - M.bottom, M.top]);
  const yAxis = svg.append("g").attr("transform", `translate(${M.left},0)`);
  const bars = svg.append("g");
  const labels = svg.append("g").attr("font-size", 13).attr("font-family", "ui-monospace, monospace").attr("text-anchor", "middle");
  frame.body.append(svg.node() as SVGSVGElement);
  const figure: DistributionFigure = {root: frame.root, onPick: null, update};

  function update(logits: ArrayLike<number>, temperature: number, context: string): void {
    const at = softmaxWithTemperature(logits, temperature);
    const base = softmaxWithTemperature(logits, 1);
    const top = topK(at, SHOWN);
    x.domain(top.map((t) => t.index));
    y.domain([0, Math.max(0.05, d3.max(top, (t) => Math.max(t.p, base[t.index])) ?? 1)]).nice();
    yAxis.call(d3.axisLeft(y).ticks(4, "%"));
    const groups = bars.selectAll<SVGGElement, {index: number; p: number}>("g").data(top).join((enter) => {
      const g = enter.append("g").style("cursor", "pointer");
      g.append("rect").attr("class", "filled").attr("fill", "var(--theme-foreground-focus, #3b5fc0)");
      g.append("rect").attr("class", "outline").attr("fill", "none").attr("stroke", "currentColor").attr("stroke-dasharray", "3 2");
      return g;
    });
    groups.on("click", (_, d) => figure.onPick?.(d.index));
    groups.select(".filled").attr("x", (d) => x(d.index) ?? 0).attr("width", x.bandwidth())
      .attr("y", (d) => y(d.p)).attr("height", (d) => y(0) - y(d.p));
    groups.select(".outline").attr("x", (d) => x(d.index) ?? 0).attr("width", x.bandwidth())
      .attr("y", (d) => y(base[d.index])).attr("height", (d) => y(0) - y(base[d.index]));
    labels.selectAll("text").data(top).join("text")
      .attr("x", (d) => (x(d.index) ?? 0) + x.bandwidth() / 2).attr("y", HEIGHT - M.bottom + 16)
      .text((d) => showChar(chars[d.index]));
    const best = top[0];
    frame.describe(
      `${context} At temperature ${temperature.toFixed(2)} the likeliest next character is ${showChar(chars[best.index])} ` +
        `with ${percent(best.p)} (${percent(base[best.index])} at T = 1); the distribution's entropy is ` +
        `${entropyBits(at).toFixed(2)} bits (${entropyBits(base).toFixed(2)} at T = 1).`
    );
  }
  return figure;
}

/** A character as the figures show it: whitespace made visible. */
export function showChar(char: string | undefined): string {
  if (char === undefined) return "?";
  if (char === "\n") return "⏎";
  if (char === " ") return "␣";
  return char;
}
