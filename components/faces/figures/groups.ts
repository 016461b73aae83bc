// Per-group accuracy on the balanced test set: one group of bars per test group
// (lighter/darker × F/M), one bar per model run, and the light–dark gap of each run.
import * as d3 from "d3";
import {createFigure, percent} from "../../figures/figure.ts";
import type {GroupAccuracy} from "../evaluate.ts";
import {GROUPS, GROUP_LABELS, lightDarkGap} from "../evaluate.ts";

export interface GroupRun {
  /** "standard CNN", "control (balanced)", "DB-VAE"… */
  label: string;
  accuracy: GroupAccuracy;
}

const WIDTH = 640;
const HEIGHT = 240;
const MARGIN = {top: 14, right: 10, bottom: 40, left: 44};
const COLOURS = ["#4269d0", "#efb118", "#3ca951", "#ff725c"];

/**
 * A light − dark gap smaller than this is within what a test set of this size can tell
 * apart: two standard errors of the difference of two shares, each measured on
 * 2 · perGroup faces (two groups). Each share is Laplace-smoothed ((hits + 1) / (n + 2)),
 * so that a run that gets every face right still has a non-zero error bar.
 */
export function gapThreshold(a: GroupAccuracy, perGroup: number): number {
  if (!(perGroup > 0)) return NaN;
  const n = 2 * perGroup;
  const variance = (share: number) => {
    const p = (share * n + 1) / (n + 2);
    return (p * (1 - p)) / n;
  };
  return 2 * Math.sqrt(variance((a.LF + a.LM) / 2) + variance((a.DF + a.DM) / 2));
}

export function createGroupAccuracyFigure(name = "faces-group-accuracy") {
  const frame = createFigure(name, {
    title: "Face detection rate per test group",
    caption: "Share of the test faces of each group that the model calls a face. Lighter = skin tones 1–3, darker = 4–6; F and M are the drawings' presentation."
  });
  const svg = d3.create("svg").attr("viewBox", `0 0 ${WIDTH} ${HEIGHT}`).attr("width", WIDTH).style("max-width", "100%").attr("aria-hidden", "true");
  const x0 = d3.scaleBand<string>().domain(GROUPS).range([MARGIN.left, WIDTH - MARGIN.right]).paddingInner(0.2);
  const y = d3.scaleLinear().domain([0, 1]).range([HEIGHT - MARGIN.bottom, MARGIN.top]);
  svg.append("g").attr("transform", `translate(${MARGIN.left},0)`).call(d3.axisLeft(y).ticks(5, ".0%"));
  svg.append("g").attr("transform", `translate(0,${HEIGHT - MARGIN.bottom})`).call(d3.axisBottom(x0).tickFormat((g) => GROUP_LABELS[g as keyof typeof GROUP_LABELS]));
  const bars = svg.append("g");
  const legend = document.createElement("div");
  legend.style.cssText = "display:flex;gap:1em;flex-wrap:wrap;font-size:12px";
  frame.body.append(svg.node()!, legend);
  frame.describe("No model measured yet: train one below.");

  return {
    root: frame.root,
    update(runs: GroupRun[], perGroup: number) {
      const x1 = d3.scaleBand<number>().domain(d3.range(runs.length)).range([0, x0.bandwidth()]).padding(0.08);
      const data = runs.flatMap((run, r) => GROUPS.map((g) => ({r, g, v: run.accuracy[g]})));
      bars
        .selectAll("rect")
        .data(data)
        .join("rect")
        .attr("x", (d) => (x0(d.g) ?? 0) + (x1(d.r) ?? 0))
        .attr("width", x1.bandwidth())
        .attr("y", (d) => y(Number.isFinite(d.v) ? d.v : 0))
        .attr("height", (d) => y(0) - y(Number.isFinite(d.v) ? d.v : 0))
        .attr("fill", (d) => COLOURS[d.r % COLOURS.length]);
      bars
        .selectAll("text")
        .data(data)
        .join("text")
        .attr("x", (d) => (x0(d.g) ?? 0) + (x1(d.r) ?? 0) + x1.bandwidth() / 2)
        .attr("y", (d) => y(Number.isFinite(d.v) ? d.v : 0) - 3)
        .attr("text-anchor", "middle")
        .attr("font-size", 9)
        .text((d) => (Number.isFinite(d.v) ? (d.v * 100).toFixed(0) : "–"));
      legend.replaceChildren(
        ...runs.map((run, r) => {
          const item = document.createElement("span");
          item.innerHTML = `<span style="display:inline-block;width:10px;height:10px;margin-right:4px;background:${COLOURS[r % COLOURS.length]}"></span>`;
          item.append(run.label);
          return item;
        })
      );
      if (runs.length === 0) return frame.describe("No model measured yet: train one below.");
      frame.describe(
        runs
          .map((run) => {
            const gap = lightDarkGap(run.accuracy);
            const threshold = gapThreshold(run.accuracy, perGroup);
            const parts = GROUPS.map((g) => `${g} ${percent(run.accuracy[g])}`).join(", ");
            const verdict = !Number.isFinite(gap) ? "" : Math.abs(gap) < threshold
              ? ` Light − dark gap ${(gap * 100).toFixed(1)} points: within the noise of ${perGroup} test faces per group (±${(threshold * 100).toFixed(1)}), so no gap is shown.`
              : ` Light − dark gap ${(gap * 100).toFixed(1)} points (beyond the ±${(threshold * 100).toFixed(1)} that ${perGroup} test faces per group can resolve).`;
            return `${run.label}: ${parts}.${verdict}`;
          })
          .join(" ")
      );
    }
  };
}
