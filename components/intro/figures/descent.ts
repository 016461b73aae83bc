// Gradient descent on a loss surface drawn as contours: a ball that steps with the reader's
// optimiser and learning rate, its trail, and its gradient. A run that blows up says so.
import * as d3 from "d3";
import {button, controlRow, select, slider} from "../../controls.ts";
import {createFigure} from "../../figures/figure.ts";
import {createDescent, type Descent} from "../descent.ts";
import {OPTIMIZER_LABELS, OPTIMIZERS, SURFACE_NAMES, SURFACES, lossGrid} from "../surfaces.ts";
import type {OptimizerName, SurfaceName} from "../surfaces.ts";
import {failIn, fmt, htmlEl, num, prefersReducedMotion, svgEl, svgPoint} from "./dom.ts";
import {ensureStyle} from "./style.ts";
import type {IntroFigure} from "./tensors.ts";

export interface DescentFigureOptions {
  surface: SurfaceName;
  optimizer: OptimizerName;
  lr: number;
  momentum: number;
}

const SIZE = 380;
const GRID = 64;
/** Steps a "play" runs before it stops by itself. */
const PLAY_STEPS = 300;

export function createDescentFigure(options: DescentFigureOptions): IntroFigure {
  ensureStyle();
  const frame = createFigure("gradient-descent", {
    title: "Gradient descent on a loss surface",
    caption: "Contours join points of equal loss (darker is lower). The ball starts at the ring; click the plane to start elsewhere. The red arrow is −∇L, the way the next plain step goes."
  });
  frame.root.classList.add("intro-fig");
  const surfaceLabels = Object.fromEntries(SURFACE_NAMES.map((name) => [name, SURFACES[name].label])) as Record<SurfaceName, string>;
  const surface = select<SurfaceName>({label: "Surface", options: SURFACE_NAMES, labels: surfaceLabels, value: options.surface, name: "surface"});
  const optimizer = select<OptimizerName>({label: "Optimiser", options: OPTIMIZERS, labels: OPTIMIZER_LABELS, value: options.optimizer, name: "optimizer"});
  const lr = slider({label: "learning rate", min: 0.001, max: 1.5, step: 0, log: true, value: options.lr, name: "lr", format: (v) => fmt(v, 3)});
  const momentum = slider({label: "momentum β", min: 0, max: 0.99, step: 0.01, value: options.momentum, name: "momentum"});
  const stepButton = button("Step", "descent-step", () => void run(1));
  const tenButton = button("10 steps", "descent-ten", () => void run(10));
  const playButton = button("Play", "descent-play", () => (playing ? stopPlaying() : void play()));
  const resetButton = button("Reset", "descent-reset", () => void reset());

  const svg = svgEl("svg", {viewBox: `0 0 ${SIZE} ${SIZE}`, width: SIZE, role: "img", "aria-hidden": "true", style: "cursor: crosshair"});
  const contours = svgEl("g");
  const trail = svgEl("path", {fill: "none", stroke: "#111", "stroke-width": 1.5, opacity: 0.8});
  const startRing = svgEl("circle", {r: 7, fill: "none", stroke: "#111", "stroke-width": 1.5});
  const gradArrow = svgEl("line", {stroke: "#c0392b", "stroke-width": 2.5, "marker-end": "url(#descent-arrow)"});
  const ball = svgEl("circle", {r: 7, fill: "#c0392b", stroke: "#fff", "stroke-width": 1.5});
  const defs = svgEl("defs");
  const marker = svgEl("marker", {id: "descent-arrow", viewBox: "0 0 10 10", refX: 8, refY: 5, markerWidth: 6, markerHeight: 6, orient: "auto-start-reverse"});
  marker.append(svgEl("path", {d: "M0,0 L10,5 L0,10 z", fill: "#c0392b"}));
  defs.append(marker);
  svg.append(defs, contours, trail, startRing, gradArrow, ball);
  const status = htmlEl("div", "readout");
  const warning = htmlEl("div", "warn");
  warning.setAttribute("role", "alert");
  const side = htmlEl("div");
  side.append(status, warning);
  frame.body.append(controlRow(surface, optimizer, lr, momentum), controlRow(stepButton, tenButton, playButton, resetButton), htmlEl("div", "row"));
  (frame.body.lastChild as HTMLElement).append(svg, side);

  let descent: Descent | null = null;
  let start: [number, number] | undefined;
  let playing = false;
  let busy: Promise<unknown> = Promise.resolve();
  let disposed = false;
  const scale = () => d3.scaleLinear().domain(SURFACES[surface.value].domain).range([0, SIZE]);
  const scaleY = () => d3.scaleLinear().domain(SURFACES[surface.value].domain).range([SIZE, 0]);

  async function drawContours(): Promise<void> {
    const name = surface.value;
    let values: Float32Array;
    try {
      values = await lossGrid(name, GRID);
    } catch (error) {
      console.error(error);
      warning.textContent = `Drawing the contours failed: ${error instanceof Error ? error.message : error}`;
      return;
    }
    if (name !== surface.value || disposed) return;
    const min = SURFACES[name].minimum;
    const max = d3.max(values) ?? 1;
    // Log-spaced levels above the minimum: the interesting detail is near the bottom.
    const thresholds = d3.range(0, 14).map((i) => min + (max - min) * 10 ** (-3.2 + (i * 3.2) / 13));
    // Colour by level index (the levels are already log-spaced): dark at the bottom.
    const colour = (i: number) => d3.interpolateBlues(0.9 - (0.8 * i) / (thresholds.length - 1));
    const path = d3.geoPath(d3.geoIdentity().scale(SIZE / (GRID - 1)));
    // The lowest band (below the first level) is the background, in the darkest colour.
    contours.replaceChildren(
      svgEl("rect", {width: SIZE, height: SIZE, fill: d3.interpolateBlues(0.97)}),
      ...d3.contours().size([GRID, GRID]).thresholds(thresholds)(Array.from(values)).map((c, i) =>
        svgEl("path", {d: path(c) ?? "", fill: colour(i), stroke: "#fff", "stroke-width": 0.5, "fill-opacity": 0.9}))
    );
  }

  function draw(): void {
    if (!descent) return;
    const sx = scale();
    const sy = scaleY();
    const [lo, hi] = SURFACES[surface.value].domain;
    const clip = (v: number) => Math.max(lo - 0.2 * (hi - lo), Math.min(hi + 0.2 * (hi - lo), v));
    const {state, path} = descent;
    trail.setAttribute("d", d3.line()(path.map(([a, b]) => [sx(clip(a)), sy(clip(b))])) ?? "");
    startRing.setAttribute("cx", String(sx(path[0][0])));
    startRing.setAttribute("cy", String(sy(path[0][1])));
    ball.setAttribute("cx", String(sx(clip(state.point[0]))));
    ball.setAttribute("cy", String(sy(clip(state.point[1]))));
    // −∇L scaled to the picture: 0.15 of the plane per unit of gradient, at most a quarter of it.
    const [g1, g2] = state.gradient;
    const norm = Math.hypot(g1, g2);
    const length = Math.min(0.25 * (hi - lo), 0.15 * norm) / (norm || 1);
    gradArrow.setAttribute("display", state.diverged || norm < 1e-4 ? "none" : "");
    gradArrow.setAttribute("x1", String(sx(state.point[0])));
    gradArrow.setAttribute("y1", String(sy(state.point[1])));
    gradArrow.setAttribute("x2", String(sx(state.point[0] - g1 * length)));
    gradArrow.setAttribute("y2", String(sy(state.point[1] - g2 * length)));
    const surf = SURFACES[surface.value];
    const method = optimizer.value === "momentum" ? `momentum (β = ${momentum.value})` : OPTIMIZER_LABELS[optimizer.value];
    status.replaceChildren(
      htmlEl("div", "", `step ${state.step}: p = (${fmt(state.point[0], 3)}, ${fmt(state.point[1], 3)})`),
      htmlEl("div", "", `loss L(p) = ${fmt(state.loss, 5)}   (lowest possible: ${fmt(surf.minimum, 4)})`),
      htmlEl("div", "", `gradient ∇L = (${fmt(g1, 3)}, ${fmt(g2, 3)}), length ${fmt(norm, 3)}`),
      htmlEl("div", "muted", `${method}, learning rate ${fmt(lr.value, 4)}`)
    );
    const verdict = state.diverged
      ? `Diverged at step ${state.step}: the loss left every bound (it is ${num(state.loss, 2)}). The learning rate ${fmt(lr.value, 4)} is too high for this surface` +
        (surface.value === "bowl" && optimizer.value === "sgd" ? ": on this bowl plain descent needs a rate below 2/5 = 0.4, or each step overshoots the valley's steep side by more than it started." : ".")
      : "";
    warning.textContent = verdict;
    frame.describe(
      `${method} on the ${surf.label}, learning rate ${num(lr.value, 4)}: after ${state.step} steps the point is at (${num(state.point[0], 3)}, ${num(state.point[1], 3)}) ` +
        `with loss ${num(state.loss, 6)} (the lowest loss on this surface is ${num(surf.minimum, 4)}).` + (verdict ? ` ${verdict}` : "")
    );
  }

  const fail = failIn(frame, "Gradient descent");
  /** Queues work after whatever is in flight, so steps and resets never interleave. A failure
   * is shown in the figure, and the queue goes on. */
  function queue(work: () => Promise<void>): Promise<void> {
    const next = busy.then(work).catch((cause: unknown) => {
      const error = cause instanceof Error ? cause : new Error(String(cause));
      console.error(error);
      warning.textContent = `Gradient descent failed: ${error.message}`;
      fail(error);
    });
    busy = next;
    return next;
  }

  function reset(): Promise<void> {
    stopPlaying();
    return queue(async () => {
      descent?.dispose();
      descent = null;
      if (disposed) return;
      descent = await createDescent({surface: surface.value, optimizer: optimizer.value, learningRate: lr.value, momentum: momentum.value, start});
      draw();
    });
  }

  function run(count: number): Promise<void> {
    return queue(async () => {
      if (!descent || disposed) return;
      await descent.step(count);
      draw();
    });
  }

  async function play(): Promise<void> {
    playing = true;
    playButton.textContent = "Pause";
    // Reduced motion: the same steps, drawn 25 at a time instead of one per frame.
    const perFrame = prefersReducedMotion() ? 25 : 1;
    for (let i = 0; i < PLAY_STEPS && playing && !disposed; i += perFrame) {
      await run(perFrame);
      if (!descent || descent.state.diverged) break;
      await new Promise((resolve) => requestAnimationFrame(resolve));
    }
    stopPlaying();
  }

  function stopPlaying(): void {
    playing = false;
    playButton.textContent = "Play";
  }

  svg.addEventListener("click", (event) => {
    const [px, py] = svgPoint(svg, event);
    start = [scale().invert(px), scaleY().invert(py)];
    void reset();
  });
  surface.addEventListener("input", () => {
    start = undefined;
    void drawContours();
    void reset();
  });
  const showMomentum = () => (momentum.style.opacity = optimizer.value === "momentum" ? "" : "0.45");
  optimizer.addEventListener("input", showMomentum);
  showMomentum();
  for (const control of [optimizer, lr, momentum]) control.addEventListener("input", () => void reset());
  void drawContours();
  void reset();
  return {
    root: frame.root,
    dispose() {
      disposed = true;
      stopPlaying();
      void queue(async () => {
        descent?.dispose();
        descent = null;
      });
    }
  };
}
