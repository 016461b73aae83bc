// The confusion matrix of the test set: rows are true digits, columns predictions.
import * as d3 from "d3";
import {createFigure, percent} from "../../figures/figure.ts";
import type {Evaluation} from "../evaluate.ts";
import {worstConfusion} from "../evaluate.ts";

const CELL = 30;
const MARGIN = {top: 34, left: 44};

export interface ConfusionFigure {
  root: HTMLElement;
  update(evaluation: Evaluation, modelLabel: string): void;
}

export function createConfusionFigure(classNames: string[], name = "digits-confusion"): ConfusionFigure {
  const frame = createFigure(name, {
    title: "Confusion matrix (test set)",
    caption: "Row: the true digit. Column: what the model said. The diagonal holds the correct answers."
  });
  const n = classNames.length;
  const size = n * CELL;
  const svg = d3
    .create("svg")
    .attr("viewBox", `0 0 ${size + MARGIN.left + 8} ${size + MARGIN.top + 8}`)
    .attr("width", size + MARGIN.left + 8)
    .attr("role", "img")
    .attr("aria-label", "Confusion matrix");
  const grid = svg.append("g").attr("transform", `translate(${MARGIN.left},${MARGIN.top})`);
  svg.append("text").attr("x", MARGIN.left + size / 2).attr("y", 10).attr("text-anchor", "middle").attr("class", "axis-title").text("predicted");
  svg
    .append("text")
    .attr("transform", `translate(10,${MARGIN.top + size / 2}) rotate(-90)`)
    .attr("text-anchor", "middle")
    .attr("class", "axis-title")
    .text("true");
  classNames.forEach((label, i) => {
    svg.append("text").attr("x", MARGIN.left + i * CELL + CELL / 2).attr("y", MARGIN.top - 6).attr("text-anchor", "middle").text(label);
    svg.append("text").attr("x", MARGIN.left - 6).attr("y", MARGIN.top + i * CELL + CELL / 2 + 4).attr("text-anchor", "end").text(label);
  });
  const cells = grid
    .selectAll("g")
    .data(d3.range(n * n))
    .join("g")
    .attr("transform", (k) => `translate(${(k % n) * CELL},${Math.floor(k / n) * CELL})`);
  const rects = cells.append("rect").attr("width", CELL - 1).attr("height", CELL - 1);
  const labels = cells.append("text").attr("x", CELL / 2).attr("y", CELL / 2 + 4).attr("text-anchor", "middle").attr("font-size", 10);
  frame.body.append(svg.node()!);
  frame.describe("Not evaluated yet: the model is being measured on the held-out digits.");

  return {
    root: frame.root,
    update(evaluation, modelLabel) {
      const flat = evaluation.confusion.flat();
      const rowTotals = evaluation.confusion.map((row) => d3.sum(row));
      const share = (k: number) => flat[k] / (rowTotals[Math.floor(k / n)] || 1);
      const correct = d3.scaleSequential(d3.interpolateBlues).domain([0, 1]);
      // Mistakes are rarer than hits: their scale saturates at 30 % of a row.
      const wrong = d3.scaleSequential(d3.interpolateOranges).domain([0, 0.3]);
      const dark = (k: number) => share(k) > (k % (n + 1) === 0 ? 0.6 : 0.2);
      rects.attr("fill", (k) => (flat[k] === 0 ? "var(--theme-background-alt, #f4f4f4)" : k % (n + 1) === 0 ? correct(share(k)) : wrong(share(k))));
      labels.text((k) => (flat[k] ? String(flat[k]) : "")).attr("fill", (k) => (dark(k) ? "white" : "black"));
      const worst = worstConfusion(evaluation.confusion);
      frame.describe(
        `${modelLabel}: test accuracy ${percent(evaluation.accuracy)} on ${evaluation.indices.length} held-out digits.` +
          (worst ? ` Most frequent mistake: ${classNames[worst.truth]} read as ${classNames[worst.predicted]} (${worst.count === 1 ? "once" : `${worst.count} times`}).` : " No mistakes.")
      );
    }
  };
}
