// The debiasing sampler, live: sliders for α and the number of bins and a debias switch
// redraw, at once, the per-latent histograms of the training faces' μ, the sorted
// sampling weights, the strips of the most and least up-weighted faces, and the check
// that only synthetic data allows: do the faces the sampler favours carry the rare attributes?
import * as d3 from "d3";
import type {Control} from "../../controls.ts";
import {controlRow, select, slider} from "../../controls.ts";
import {createFigure} from "../../figures/figure.ts";
import type {Combine, SamplerResult} from "../sampler.ts";
import {BIN_RANGE, extremes, relativeMeanWeight, samplingWeights, uniformWeights} from "../sampler.ts";
import {createCanvas, drawStrip} from "./pixels.ts";

export interface SamplerSettings {
  alpha: number;
  bins: number;
  debias: boolean;
  /** How the per-latent factors 1/(density + α) combine: the paper's product or the course notebook's maximum. */
  combine: Combine;
}

export interface SamplerFigureOptions extends SamplerSettings {
  /** Image of training face k (index among the faces), [size, size, 3] in 0…255. */
  faceImage(k: number): ArrayLike<number>;
  size: number;
  /** Rare attributes to check, by face index. */
  rare: {label: string; test: (k: number) => boolean}[];
  name?: string;
}

export const ALPHA_RANGE = {min: 1e-4, max: 1, step: 0} as const;
const STRIP = 10;
const HIST = {width: 74, height: 40, perRow: 8};

export function createSamplerFigure(options: SamplerFigureOptions) {
  const frame = createFigure(options.name ?? "faces-sampler", {
    title: "The debiasing sampler",
    caption: "Top: for each latent dimension, the share of training faces per bin (grey) and the factor 1/(density + α) that bin's faces get (red, scaled to the tallest). Middle: every training face's sampling weight relative to uniform, sorted. Bottom: the faces drawn most and least often."
  });
  const alpha = slider({label: "α (smoothing)", ...ALPHA_RANGE, value: options.alpha, log: true, format: (v) => v.toPrecision(2), name: "alpha"});
  const bins = slider({label: "Bins", min: BIN_RANGE.min, max: 50, step: 1, value: options.bins, name: "bins"});
  const debias = select<"on" | "off">({label: "Debiasing", options: ["on", "off"], labels: {on: "on (weights ∝ 1/(density + α))", off: "off (uniform)"}, value: options.debias ? "on" : "off", name: "debias"});
  const combine = select<Combine>({
    label: "Across dimensions",
    options: ["max", "product"],
    labels: {max: "maximum (the course notebook)", product: "product (the paper)"},
    value: options.combine,
    name: "combine"
  });
  const controls = controlRow(alpha, bins, combine, debias);
  const histograms = document.createElement("div");
  histograms.style.cssText = `display:grid;grid-template-columns:repeat(${HIST.perRow},${HIST.width}px);gap:4px;font-size:10px`;
  const weightsSvg = d3.create("svg").attr("viewBox", "0 0 640 140").attr("width", 640).style("max-width", "100%").attr("aria-hidden", "true");
  const strips = document.createElement("div");
  const top = createCanvas(10, 10, "the most up-weighted training faces");
  const bottom = createCanvas(10, 10, "the least up-weighted training faces");
  const topLabel = document.createElement("div");
  const bottomLabel = document.createElement("div");
  strips.append(topLabel, top, bottomLabel, bottom);
  const check = document.createElement("p");
  check.dataset.samplerCheck = "";
  frame.body.append(controls, histograms, weightsSvg.node()!, strips, check);
  frame.describe("No latent means yet: the DB-VAE's encoder gives them once it exists.");

  let latents: {mu: Float32Array; n: number; latentDim: number; source: string} | null = null;
  let result: SamplerResult | null = null;
  let weights: Float64Array = new Float64Array(0);
  const listeners = new Set<(settings: SamplerSettings) => void>();

  function settings(): SamplerSettings {
    return {alpha: alpha.value, bins: bins.value, debias: debias.value === "on", combine: combine.value};
  }

  function redraw() {
    if (!latents) return;
    const s = settings();
    const {mu, n, latentDim, source} = latents;
    result = samplingWeights(mu, n, latentDim, {bins: s.bins, alpha: s.alpha, combine: s.combine});
    weights = s.debias ? result.weights : uniformWeights(n);
    drawHistograms(histograms, result, s.alpha);
    drawWeights(weightsSvg, weights);
    const most = extremes(weights, STRIP, "desc");
    const least = extremes(weights, STRIP, "asc");
    drawStrip(bottom, least.map(options.faceImage), options.size, stripScale(options.size));
    drawStrip(top, most.map(options.faceImage), options.size, stripScale(options.size));
    const ratio = (k: number) => weights[k] * n;
    topLabel.textContent = `Drawn most often (${ratio(most[0]).toFixed(2)}× to ${ratio(most[most.length - 1]).toFixed(2)}× uniform):`;
    bottomLabel.textContent = `Drawn least often (${ratio(least[0]).toFixed(3)}× to ${ratio(least[least.length - 1]).toFixed(3)}× uniform):`;
    const checks = options.rare.map(({label, test}) => {
      const inside = relativeMeanWeight(weights, test);
      const outside = relativeMeanWeight(weights, (k) => !test(k));
      return `${label} ${(inside / outside).toFixed(2)}×`;
    });
    check.textContent = `Mean weight of rare faces relative to the others: ${checks.join(", ")} (1× = no preference).`;
    frame.describe(
      `${source} α = ${s.alpha.toPrecision(2)}, ${s.bins} bins, debiasing ${s.debias ? `on (${s.combine === "max" ? "maximum" : "product"} over dimensions)` : "off"}, ${n} training faces, ${latentDim} latent dimensions: ` +
        `the most up-weighted face is drawn ${ratio(most[0]).toFixed(2)}× as often as under uniform sampling, the least ${ratio(least[0]).toFixed(3)}×. ` +
        `Mean weight relative to the other faces: ${checks.join(", ")}.`
    );
    for (const listener of listeners) listener(s);
  }

  for (const control of [alpha, bins, combine, debias] as Control<unknown>[]) control.addEventListener("input", redraw);

  return {
    root: frame.root,
    controls: {alpha, bins, combine, debias},
    settings,
    /** The weights now shown (uniform when debiasing is off), one per training face. */
    get weights() {
      return weights;
    },
    /** New latent means (after training): recomputes and redraws everything. */
    setLatents(mu: Float32Array, n: number, latentDim: number, source: string) {
      latents = {mu, n, latentDim, source};
      redraw();
    },
    onChange(listener: (settings: SamplerSettings) => void) {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    }
  };
}

function stripScale(size: number): number {
  return size >= 64 ? 1 : size >= 32 ? 2 : 3;
}

function drawHistograms(holder: HTMLElement, result: SamplerResult, alpha: number) {
  const cells = result.histograms.map((h, i) => {
    const svg = d3.create("svg").attr("width", HIST.width).attr("height", HIST.height + 12);
    const factors = Array.from(h.density, (d) => 1 / (d + alpha));
    const maxDensity = d3.max(h.density) || 1;
    const maxFactor = d3.max(factors) || 1;
    const x = d3.scaleBand<number>().domain(d3.range(h.counts.length)).range([0, HIST.width]).padding(0.05);
    const y = (v: number) => HIST.height - v * (HIST.height - 2);
    svg.selectAll("rect").data(Array.from(h.density)).join("rect")
      .attr("x", (_, b) => x(b) ?? 0).attr("width", x.bandwidth())
      .attr("y", (d) => y(d / maxDensity)).attr("height", (d) => HIST.height - y(d / maxDensity)).attr("fill", "#aaa");
    svg.append("path").attr("fill", "none").attr("stroke", "#d62728").attr("stroke-width", 1.2)
      .attr("d", d3.line<number>().x((_, b) => (x(b) ?? 0) + x.bandwidth() / 2).y((f) => y(f / maxFactor))(factors));
    svg.append("text").attr("x", 2).attr("y", HIST.height + 10).text(`z${i}`);
    return svg.node()!;
  });
  holder.replaceChildren(...cells);
}

function drawWeights(svg: d3.Selection<SVGSVGElement, undefined, null, undefined>, weights: Float64Array) {
  const n = weights.length;
  const sorted = Array.from(weights, (w) => w * n).sort((a, b) => b - a);
  const [lo, hi] = [Math.max(1e-3, d3.min(sorted) ?? 1), Math.max(1.5, d3.max(sorted) ?? 1)];
  const x = d3.scaleLinear().domain([0, n - 1 || 1]).range([50, 630]);
  const y = d3.scaleLog().domain([Math.min(lo, 0.5), hi]).range([120, 8]).clamp(true);
  svg.selectAll("*").remove();
  svg.append("g").attr("transform", "translate(50,0)").call(d3.axisLeft(y).ticks(4, "~g"));
  svg.append("line").attr("x1", 50).attr("x2", 630).attr("y1", y(1)).attr("y2", y(1)).attr("stroke", "currentColor").attr("stroke-dasharray", "3 3").attr("opacity", 0.5);
  svg.append("text").attr("x", 632).attr("y", y(1) + 4).attr("text-anchor", "end").attr("dy", -6).text("uniform");
  svg.append("path").attr("fill", "none").attr("stroke", "#4269d0").attr("stroke-width", 1.5)
    .attr("d", d3.line<number>().x((_, k) => x(k)).y((v) => y(v))(sorted));
  svg.append("text").attr("x", 340).attr("y", 138).attr("text-anchor", "middle").text("training faces, from most to least up-weighted");
  svg.append("text").attr("x", 4).attr("y", 10).text("× uniform");
}
