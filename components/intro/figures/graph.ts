// The computation graph f = (x·y)·σ(x + y) drawn as boxes and arrows. In "forward" mode each
// box shows its value; in "backward" mode each arrow also carries the gradient flowing back
// along it (the chain rule), and the totals are checked against tf.variableGrads.
import {tf} from "../../tf.ts";
import {controlRow, slider} from "../../controls.ts";
import {createFigure} from "../../figures/figure.ts";
import {forwardBackward, graphGradsTf, NODES, type NodeName} from "../graph.ts";
import {GRAPH_INPUT_RANGE} from "../params.ts";
import {fmt, htmlEl, failIn, latestOnly, num, svgEl} from "./dom.ts";
import {ensureStyle} from "./style.ts";
import type {IntroFigure} from "./tensors.ts";

export interface GraphFigureOptions {
  name: string;
  backward: boolean;
  x?: number;
  y?: number;
}

const WIDTH = 760;
const HEIGHT = 300;
const BOX = {w: 110, h: 46};
/** Box centres, inputs on the left, f on the right. */
const AT: Record<NodeName, [number, number]> = {
  x: [60, 60], y: [60, 240], u: [350, 60], v: [350, 240], s: [530, 240], f: [695, 150]
};
/** Where along an edge its gradient is written: the two crossing edges near their tails. */
const LABEL_AT: Partial<Record<string, number>> = {"x>v": 0.22, "y>u": 0.22};

export function createGraphFigure({name, backward, x = 1, y = -0.5}: GraphFigureOptions): IntroFigure {
  ensureStyle();
  const frame = createFigure(name, backward
    ? {
      title: "Backpropagation: the chain rule on the graph",
      caption: "Red numbers are gradients flowing back from f. Each arrow carries the gradient at its head times the local derivative; where two arrows leave x (or y), their gradients add."
    }
    : {
      title: "A computation graph",
      caption: "Move x and y: every box recomputes from the boxes that point into it (the forward pass)."
    });
  frame.root.classList.add("intro-fig");
  const sx = slider({label: "x", ...GRAPH_INPUT_RANGE, value: x, name: `${name}-x`});
  const sy = slider({label: "y", ...GRAPH_INPUT_RANGE, value: y, name: `${name}-y`});
  const svg = svgEl("svg", {viewBox: `0 0 ${WIDTH} ${HEIGHT}`, width: WIDTH, role: "img", "aria-hidden": "true"});
  const defs = svgEl("defs");
  const marker = svgEl("marker", {id: `${name}-arrow`, viewBox: "0 0 10 10", refX: 10, refY: 5, markerWidth: 7, markerHeight: 7, orient: "auto-start-reverse"});
  marker.append(svgEl("path", {d: "M0,0 L10,5 L0,10 z", fill: "#777"}));
  defs.append(marker);
  svg.append(defs);
  const readout = htmlEl("div", "readout");
  frame.body.append(controlRow(sx, sy), svg, readout);

  // Edges first (under the boxes), one per input of each node.
  const edgeText = new Map<string, SVGTextElement>();
  for (const node of NODES) {
    for (const from of node.inputs) {
      const [x1, y1] = AT[from];
      const [x2, y2] = AT[node.name];
      const start = [x1 + BOX.w / 2, y1];
      const end = [x2 - BOX.w / 2, y2];
      svg.append(svgEl("line", {class: "edge", x1: start[0], y1: start[1], x2: end[0] - 2, y2: end[1], "marker-end": `url(#${name}-arrow)`}));
      if (backward) {
        const t = LABEL_AT[`${from}>${node.name}`] ?? 0.5;
        const label = svgEl("text", {
          class: "grad", x: start[0] + t * (end[0] - start[0]), y: start[1] + t * (end[1] - start[1]) - 6, "text-anchor": "middle",
          stroke: "var(--theme-background, #fff)", "stroke-width": 4, "paint-order": "stroke"
        });
        svg.append(label);
        edgeText.set(`${from}>${node.name}`, label);
      }
    }
  }
  const boxes = new Map<NodeName, {value: SVGTextElement; grad: SVGTextElement}>();
  for (const node of NODES) {
    const [cx, cy] = AT[node.name];
    const kind = node.inputs.length === 0 ? "input" : node.name === "f" ? "output" : "op";
    const g = svgEl("g", {class: `node ${kind}`});
    g.append(svgEl("rect", {x: cx - BOX.w / 2, y: cy - BOX.h / 2, width: BOX.w, height: BOX.h, rx: 6}));
    g.append(svgEl("text", {x: cx, y: cy - 6, "text-anchor": "middle"}, node.label));
    const value = svgEl("text", {x: cx, y: cy + 13, "text-anchor": "middle", "font-weight": 600});
    const grad = svgEl("text", {class: "grad", x: cx, y: cy + BOX.h / 2 + 15, "text-anchor": "middle"});
    g.append(value, grad);
    svg.append(g);
    boxes.set(node.name, {value, grad});
  }
  const latest = latestOnly(failIn(frame, "Updating this figure"));

  const update = () => {
    const pass = forwardBackward(sx.value, sy.value);
    for (const node of NODES) {
      const box = boxes.get(node.name)!;
      box.value.textContent = `= ${fmt(pass.values[node.name])}`;
      box.grad.textContent = backward ? `∂f/∂${node.name} = ${fmt(pass.gradients[node.name])}` : "";
    }
    for (const edge of pass.edges) {
      const label = edgeText.get(`${edge.from}>${edge.to}`);
      // The gradient sent back along the edge; its tooltip shows the product it comes from.
      if (label) {
        label.textContent = fmt(edge.gradient);
        label.replaceChildren(fmt(edge.gradient), svgEl("title", {}, `∂f/∂${edge.to} × ∂${edge.to}/∂${edge.from} = ${fmt(pass.gradients[edge.to])} × ${fmt(edge.local)}`));
      }
    }
    const {values: v, gradients: g} = pass;
    latest(() => graphGradsTf(v.x, v.y), (tfjs) => {
      const backend = tf.getBackend();
      const steps = htmlEl("ol", "muted");
      if (backward) {
        for (const edge of pass.edges) {
          steps.append(htmlEl("li", "", `${edge.to} → ${edge.from}: ∂f/∂${edge.to} × ∂${edge.to}/∂${edge.from} = ${fmt(g[edge.to])} × ${fmt(edge.local)} = ${fmt(edge.gradient)}`));
        }
      }
      readout.replaceChildren(
        backward ? htmlEl("div", "", "Backward, from f to the inputs, one edge at a time:") : "",
        steps,
        backward
          ? `By the chain rule: ∂f/∂x = ${fmt(g.x, 4)}, ∂f/∂y = ${fmt(g.y, 4)}. tf.variableGrads on ${backend}: ∂f/∂x = ${fmt(tfjs.dx, 4)}, ∂f/∂y = ${fmt(tfjs.dy, 4)}.`
          : `By hand, f = ${fmt(v.f, 4)}; TensorFlow.js on ${backend} computes f = ${fmt(tfjs.f, 4)}.`
      );
      frame.describe(
        `Computation graph at x = ${num(v.x, 2)}, y = ${num(v.y, 2)}: u = x*y = ${num(v.u)}, v = x+y = ${num(v.v)}, s = sigmoid(v) = ${num(v.s)}, f = u*s = ${num(v.f)}.` +
          (backward
            ? ` Backward pass: df/du = ${num(g.u)}, df/ds = ${num(g.s)}, df/dv = ${num(g.v)}, df/dx = ${num(g.x)}, df/dy = ${num(g.y)}; tf.variableGrads gives df/dx = ${num(tfjs.dx)}, df/dy = ${num(tfjs.dy)}.`
            : ` TensorFlow.js computes f = ${num(tfjs.f)}.`)
      );
    });
  };
  sx.addEventListener("input", update);
  sy.addEventListener("input", update);
  update();
  return {root: frame.root, dispose() {}};
}
