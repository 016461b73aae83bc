// The perceptron on a plane: the output ŷ = g(w·x + b) painted over [-R, R]², the decision
// line w·x + b = 0, and one input point whose output is spelled out. Click to move the point.
import {tf} from "../../tf.ts";
import {controlRow, select, slider} from "../../controls.ts";
import {createFigure} from "../../figures/figure.ts";
import {ACTIVATION_LABELS, ACTIVATIONS, THRESHOLD, decisionLine, perceptronForward, preActivation} from "../perceptron.ts";
import type {Activation, PerceptronParams} from "../perceptron.ts";
import {fmt, heatmapUrl, htmlEl, failIn, latestOnly, num, svgEl, svgPoint} from "./dom.ts";
import {ensureStyle} from "./style.ts";
import type {IntroFigure} from "./tensors.ts";

export interface PerceptronFigureOptions {
  w1: number;
  w2: number;
  b: number;
  act: Activation;
  /** The input point. */
  x1: number;
  x2: number;
}

/** The plane shown: [-R, R]² in input units. */
const R = 2;
const SIZE = 320;
/** Heat map resolution: GRID × GRID outputs, one tfjs call. */
const GRID = 48;

const toPx = (v: number) => ((v + R) / (2 * R)) * SIZE;
const toPy = (v: number) => ((R - v) / (2 * R)) * SIZE;

export function createPerceptronFigure(options: PerceptronFigureOptions): IntroFigure {
  ensureStyle();
  const frame = createFigure("perceptron", {
    title: "A perceptron with two inputs",
    caption: "Colour is the output ŷ over the plane (orange high, blue low); the black line is where w·x + b = 0. Click the plane to move the input point."
  });
  frame.root.classList.add("intro-fig");
  const weight = (name: string, label: string, value: number) => slider({label, min: -4, max: 4, step: 0.1, value, name});
  const w1 = weight("w1", "w₁", options.w1);
  const w2 = weight("w2", "w₂", options.w2);
  const b = weight("b", "b", options.b);
  const act = select<Activation>({label: "g", options: ACTIVATIONS, labels: ACTIVATION_LABELS, value: options.act, name: "act"});
  const x1 = slider({label: "x₁", min: -R, max: R, step: 0.05, value: options.x1, name: "x1"});
  const x2 = slider({label: "x₂", min: -R, max: R, step: 0.05, value: options.x2, name: "x2"});

  const svg = svgEl("svg", {viewBox: `-34 -6 ${SIZE + 44} ${SIZE + 40}`, width: SIZE + 44, role: "img", "aria-hidden": "true"});
  const heat = svgEl("image", {x: 0, y: 0, width: SIZE, height: SIZE, preserveAspectRatio: "none"});
  svg.append(heat, svgEl("rect", {x: 0, y: 0, width: SIZE, height: SIZE, fill: "none", stroke: "#999"}));
  for (const v of [-2, -1, 0, 1, 2]) {
    svg.append(svgEl("text", {x: toPx(v), y: SIZE + 15, "text-anchor": "middle", class: "muted"}, fmt(v)));
    svg.append(svgEl("text", {x: -6, y: toPy(v) + 4, "text-anchor": "end", class: "muted"}, fmt(v)));
  }
  svg.append(svgEl("text", {x: SIZE, y: SIZE + 30, "text-anchor": "end", class: "muted"}, "x₁ →"));
  svg.append(svgEl("text", {x: -30, y: -8 + 14, class: "muted"}, "x₂"));
  const line = svgEl("line", {stroke: "#111", "stroke-width": 2});
  const normal = svgEl("line", {stroke: "#111", "stroke-width": 1.5, "stroke-dasharray": "3 2"});
  const point = svgEl("circle", {r: 6, fill: "#fff", stroke: "#111", "stroke-width": 2});
  svg.append(line, normal, point);
  const readout = htmlEl("div", "readout");
  frame.body.append(controlRow(w1, w2, b, act), controlRow(x1, x2), htmlEl("div", "row"));
  (frame.body.lastChild as HTMLElement).append(svg, readout);
  const latest = latestOnly(failIn(frame, "Updating this figure"));

  const update = () => {
    const params: PerceptronParams = {w: [w1.value, w2.value], b: b.value, activation: act.value};
    const x: [number, number] = [x1.value, x2.value];
    latest(async () => {
      // One batch: the input point first, then the grid, rows from the top — [1 + GRID², 2].
      const out = tf.tidy(() => {
        const ticks = tf.linspace(-R, R, GRID);
        const gx = tf.tile(ticks.reshape([1, GRID]), [GRID, 1]).reshape([-1]);
        const gy = tf.tile(ticks.reverse().reshape([GRID, 1]), [1, GRID]).reshape([-1]);
        const xs = tf.concat([tf.tensor2d([x]), tf.stack([gx, gy], 1)], 0) as tf.Tensor2D;
        return perceptronForward(params, xs); // [1 + GRID², 1]
      });
      try {
        return await out.data();
      } finally {
        out.dispose();
      }
    }, (outputs) => draw(params, x, outputs));
  };

  function draw(params: PerceptronParams, x: [number, number], outputs: ArrayLike<number>): void {
    const {activation} = params;
    const y = outputs[0];
    const z = preActivation(params, x);
    // Colour scale: sigmoid's 0…1, tanh's −1…1, ReLU's 0…3 (clipped), so each fills the range.
    const [lo, hi] = activation === "sigmoid" ? [0, 1] : activation === "tanh" ? [-1, 1] : [-3, 3];
    const grid = Array.from({length: GRID * GRID}, (_, i) => (outputs[i + 1] - lo) / (hi - lo));
    heat.setAttribute("href", heatmapUrl(grid, GRID));
    const ends = decisionLine(params, R);
    line.setAttribute("display", ends ? "" : "none");
    if (ends) {
      line.setAttribute("x1", String(toPx(ends[0][0])));
      line.setAttribute("y1", String(toPy(ends[0][1])));
      line.setAttribute("x2", String(toPx(ends[1][0])));
      line.setAttribute("y2", String(toPy(ends[1][1])));
    }
    // The weight vector, drawn from the origin: it points to the side where z grows.
    const [wa, wb] = params.w;
    const scale = 0.4;
    normal.setAttribute("x1", String(toPx(0)));
    normal.setAttribute("y1", String(toPy(0)));
    normal.setAttribute("x2", String(toPx(Math.max(-R, Math.min(R, wa * scale)))));
    normal.setAttribute("y2", String(toPy(Math.max(-R, Math.min(R, wb * scale)))));
    point.setAttribute("cx", String(toPx(x[0])));
    point.setAttribute("cy", String(toPy(x[1])));
    const g = activation === "sigmoid" ? "σ" : activation === "tanh" ? "tanh" : "ReLU";
    const side = z > 0 ? "positive" : z < 0 ? "negative" : "on the line";
    readout.replaceChildren(
      htmlEl("div", "", `z = w₁x₁ + w₂x₂ + b = ${fmt(wa)}·${fmt(x[0], 2)} + ${fmt(wb)}·${fmt(x[1], 2)} + ${fmt(params.b)} = ${fmt(z, 4)}`),
      htmlEl("div", "", `ŷ = ${g}(z) = ${fmt(y, 4)}   (computed by TensorFlow.js on ${tf.getBackend()})`),
      htmlEl("div", "", `The point is on the ${side} side: ŷ ${z > 0 ? ">" : z < 0 ? "<" : "="} ${THRESHOLD[activation]} = ${g}(0).`),
      htmlEl("div", "muted", "The dashed segment is the weight vector w: it is perpendicular to the line and points towards larger outputs. The bias b slides the line without turning it.")
    );
    frame.describe(
      `Perceptron with w1 = ${num(wa, 2)}, w2 = ${num(wb, 2)}, b = ${num(params.b, 2)}, activation ${activation}. ` +
        `At input x1 = ${num(x[0], 2)}, x2 = ${num(x[1], 2)}: z = ${num(z)}, output y = ${num(y)}, on the ${side} side. ` +
        (ends
          ? `The decision line w1*x1 + w2*x2 + b = 0 crosses the square from (${num(ends[0][0], 2)}, ${num(ends[0][1], 2)}) to (${num(ends[1][0], 2)}, ${num(ends[1][1], 2)}).`
          : "The decision line w1*x1 + w2*x2 + b = 0 does not cross the square shown: every point is on one side.")
    );
  }

  svg.addEventListener("click", (event) => {
    const [px, py] = svgPoint(svg, event);
    if (px < 0 || py < 0 || px > SIZE || py > SIZE) return;
    x1.value = (px / SIZE) * 2 * R - R;
    x2.value = R - (py / SIZE) * 2 * R;
    update();
  });
  for (const control of [w1, w2, b, act, x1, x2]) control.addEventListener("input", update);
  update();
  return {root: frame.root, dispose() {}};
}
