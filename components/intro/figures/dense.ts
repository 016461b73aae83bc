// A dense layer three ways (by hand, as a layer, as a sequential model) with the numbers
// each gives, and its parameter count explained from the shapes of W and b.
import {tf} from "../../tf.ts";
import {controlRow, select, slider} from "../../controls.ts";
import {createFigure} from "../../figures/figure.ts";
import {compareDense} from "../dense.ts";
import {RANGES} from "../params.ts";
import {ACTIVATION_LABELS, ACTIVATIONS, type Activation} from "../perceptron.ts";
import {fmt, htmlEl, failIn, latestOnly, num, svgEl} from "./dom.ts";
import {ensureStyle} from "./style.ts";
import type {IntroFigure} from "./tensors.ts";

const SEED = 17;

export function createDenseFigure(start: {dinputs: number; dunits: number; dact: Activation}): IntroFigure {
  ensureStyle();
  const frame = createFigure("dense-layer", {
    title: "One dense layer, written three ways",
    caption: "Every line from an input to a unit is one weight; every unit has one bias. The three results agree because they are the same computation on the same weights."
  });
  frame.root.classList.add("intro-fig");
  const inputs = slider({label: "inputs", ...RANGES.dinputs, value: start.dinputs, name: "dense-inputs"});
  const units = slider({label: "units", ...RANGES.dunits, value: start.dunits, name: "dense-units"});
  const activation = select<Activation>({label: "activation", options: ACTIVATIONS, labels: ACTIVATION_LABELS, value: start.dact, name: "dense-activation"});
  const diagram = svgEl("svg", {viewBox: "0 0 240 200", width: 240, role: "img", "aria-hidden": "true"});
  const code = htmlEl("pre");
  const readout = htmlEl("div", "readout");
  const right = htmlEl("div");
  right.append(code, readout);
  frame.body.append(controlRow(inputs, units, activation), htmlEl("div", "row"));
  (frame.body.lastChild as HTMLElement).append(diagram, right);
  const latest = latestOnly(failIn(frame, "Updating this figure"));

  const update = () => {
    const options = {inputs: inputs.value, units: units.value, activation: activation.value, seed: SEED};
    latest(() => compareDense(options), (c) => {
      const {inputs: n, units: m} = options;
      drawDiagram(diagram, n, m, c.kernel);
      const act = JSON.stringify(options.activation);
      code.textContent = [
        `const x = tf.tensor2d([[${c.x.join(", ")}]]);          // [1, ${n}]`,
        `// 1. by hand: x·W + b, then the activation`,
        `const byHand = tf.${options.activation}(tf.add(tf.matMul(x, W), b));`,
        `// 2. as a layer`,
        `const layer = tf.layers.dense({units: ${m}, activation: ${act}, inputShape: [${n}]});`,
        `const out = layer.apply(x);                            // [1, ${m}]`,
        `// 3. as a model holding that layer`,
        `const model = tf.sequential({layers: [layer]});`,
        `const pred = model.predict(x);                         // [1, ${m}]`
      ].join("\n");
      const list = (values: number[]) => `[${values.map((v) => fmt(v, 4)).join(", ")}]`;
      const maxGap = Math.max(...c.byHand.map((v, i) => Math.max(Math.abs(v - c.layer[i]), Math.abs(v - c.model[i]))));
      readout.replaceChildren(
        htmlEl("div", "", `by hand: ${list(c.byHand)}`),
        htmlEl("div", "", `layer.apply: ${list(c.layer)}`),
        htmlEl("div", "", `model.predict: ${list(c.model)}   (largest difference ${maxGap.toExponential(1)}, on ${tf.getBackend()})`),
        htmlEl("div", "", `Parameters: W is [${n}, ${m}] → ${n * m} weights; b is [${m}] → ${m} biases; ${n}·${m} + ${m} = ${c.paramsFromShapes}. ` +
          `tfjs counts layer.countParams() = ${c.params}, model.countParams() = ${c.modelParams}.`)
      );
      frame.describe(
        `A dense layer with ${n} inputs and ${m} ${options.activation} units: kernel W of shape [${n}, ${m}] and bias b of shape [${m}], ` +
          `${n}*${m} + ${m} = ${c.paramsFromShapes} parameters (tfjs counts ${c.params}; the sequential model ${c.modelParams}). ` +
          `Outputs by hand [${c.byHand.map((v) => num(v)).join(", ")}], layer.apply [${c.layer.map((v) => num(v)).join(", ")}], ` +
          `model.predict [${c.model.map((v) => num(v)).join(", ")}].`
      );
    });
  };
  for (const control of [inputs, units, activation]) control.addEventListener("input", update);
  update();
  return {root: frame.root, dispose() {}};
}

/** Inputs on the left, units on the right, one line per weight (blue negative, orange positive). */
function drawDiagram(svg: SVGSVGElement, n: number, m: number, kernel: number[]): void {
  svg.replaceChildren();
  const ys = (count: number) => Array.from({length: count}, (_, i) => 100 + (i - (count - 1) / 2) * 36);
  const [xin, xout] = [40, 200];
  const yin = ys(n);
  const yout = ys(m);
  const largest = Math.max(...kernel.map(Math.abs), 1e-6);
  for (let i = 0; i < n; ++i) {
    for (let j = 0; j < m; ++j) {
      const w = kernel[i * m + j];
      svg.append(svgEl("line", {
        x1: xin, y1: yin[i], x2: xout, y2: yout[j],
        stroke: w >= 0 ? "#e67e22" : "#3182bd", "stroke-width": 0.5 + 3 * Math.abs(w) / largest, opacity: 0.8
      }));
    }
  }
  for (let i = 0; i < n; ++i) {
    svg.append(svgEl("circle", {cx: xin, cy: yin[i], r: 11, fill: "rgba(49, 130, 189, 0.15)", stroke: "#888"}));
    svg.append(svgEl("text", {x: xin, y: yin[i] + 4, "text-anchor": "middle"}, `x${i + 1}`));
  }
  for (let j = 0; j < m; ++j) {
    svg.append(svgEl("circle", {cx: xout, cy: yout[j], r: 11, fill: "rgba(230, 126, 34, 0.15)", stroke: "#888"}));
    svg.append(svgEl("text", {x: xout, y: yout[j] + 4, "text-anchor": "middle"}, `h${j + 1}`));
  }
}
