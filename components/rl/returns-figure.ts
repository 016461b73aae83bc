// The discounting figure: one short Pong-like episode — three rallies, won, lost, won — with
// the reward of every step and the discounted return G_t the agent credits each action with.
// Moving γ shows how far back a point's credit reaches before the sum restarts at the
// previous point (as the agent does in Pong).
import * as d3 from "d3";
import {createFigure} from "../figures/figure.ts";
import {discountedReturns} from "./returns.ts";

/** Rewards of the example episode: a point at steps 11, 23 and 39 (0-based). */
export const EXAMPLE_REWARDS: readonly number[] = Array.from({length: 40}, (_, t) => (t === 11 || t === 39 ? 1 : t === 23 ? -1 : 0));

export interface ReturnsFigure {
  root: HTMLElement;
  update(gamma: number): void;
}

const WIDTH = 640;
const HEIGHT = 220;
const MARGIN = {top: 14, right: 12, bottom: 30, left: 40};

export function createReturnsFigure(gamma: number, rewards: readonly number[] = EXAMPLE_REWARDS): ReturnsFigure {
  const frame = createFigure("rl-returns", {
    title: "Discounted returns of one episode",
    caption: "Dots: the reward of each step (+1 a point won, −1 a point lost). Bars: the return G_t credited to the action at that step; it restarts after each point."
  });
  const x = d3.scaleBand<number>().domain(d3.range(rewards.length)).range([MARGIN.left, WIDTH - MARGIN.right]).padding(0.15);
  const y = d3.scaleLinear().domain([-1.05, 1.05]).range([HEIGHT - MARGIN.bottom, MARGIN.top]);
  const svg = d3.create("svg").attr("viewBox", `0 0 ${WIDTH} ${HEIGHT}`).attr("aria-hidden", "true")
    .style("width", "100%").style("height", "auto").style("font", "11px system-ui, sans-serif");
  svg.append("g").attr("transform", `translate(${MARGIN.left},0)`).call(d3.axisLeft(y).ticks(5));
  // Step numbers along the bottom, where the bars below zero cannot cover them; a plain line at zero.
  svg.append("g").attr("transform", `translate(0,${HEIGHT - MARGIN.bottom})`)
    .call(d3.axisBottom(x).tickValues(d3.range(0, rewards.length, 5)).tickSizeOuter(0)).call((g) => g.select(".domain").remove());
  svg.append("line").attr("x1", MARGIN.left).attr("x2", WIDTH - MARGIN.right).attr("y1", y(0)).attr("y2", y(0)).attr("stroke", "#999");
  svg.append("text").attr("x", WIDTH - MARGIN.right).attr("y", HEIGHT - 4).attr("text-anchor", "end").attr("fill", "currentColor").text("step t →");
  const bars = svg.append("g").selectAll("rect").data(rewards).join("rect")
    .attr("x", (_, t) => x(t) ?? 0).attr("width", x.bandwidth()).attr("fill", "var(--manus-series-0, #4269d0)");
  svg.append("g").selectAll("circle").data(rewards).join("circle")
    .attr("cx", (_, t) => (x(t) ?? 0) + x.bandwidth() / 2).attr("cy", (r) => y(r)).attr("r", (r) => (r === 0 ? 1.5 : 4))
    .attr("fill", (r) => (r > 0 ? "#3ca951" : r < 0 ? "#d62728" : "#999"));
  frame.body.append(svg.node() as SVGSVGElement);

  function update(g: number): void {
    const returns = discountedReturns(rewards, g, {resetAtNonzero: true});
    bars.data(Array.from(returns)).attr("y", (v) => Math.min(y(v), y(0))).attr("height", (v) => Math.abs(y(v) - y(0)));
    const first = rewards.findIndex((r) => r !== 0);
    const back = (k: number) => returns[Math.max(0, first - k)].toFixed(2);
    frame.describe(`With γ = ${g.toFixed(2)}, the action at the step of the first point is credited 1, ` +
      `the one 5 steps earlier ${back(5)} and the one 10 steps earlier ${back(10)}; ` +
      `the rally lost at step ${rewards.indexOf(-1)} gives its first action ${returns[first + 1].toFixed(2)}.`);
  }
  update(gamma);
  return {root: frame.root, update};
}
