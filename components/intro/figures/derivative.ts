// A function the reader picks, its tangent at x with slope f′(x) from tf.grad, the gradient
// as an arrow (the way downhill is against it), and a finite difference to check tf.grad by.
import * as d3 from "d3";
import {tf} from "../../tf.ts";
import {controlRow, select, slider} from "../../controls.ts";
import {createFigure} from "../../figures/figure.ts";
import {FUNCTION_NAMES, FUNCTIONS, curveAndSlopes, finiteDifference, valueAndSlope} from "../functions.ts";
import type {FunctionName} from "../functions.ts";
import {fmt, htmlEl, failIn, latestOnly, num, svgEl} from "./dom.ts";
import {ensureStyle} from "./style.ts";
import type {IntroFigure} from "./tensors.ts";

const W = 560;
const H = 280;
const M = {top: 14, right: 14, bottom: 28, left: 40};
const XS = d3.range(-3, 3.0001, 0.05);

export function createDerivativeFigure({fn, x}: {fn: FunctionName; x: number}): IntroFigure {
  ensureStyle();
  const frame = createFigure("derivative", {
    title: "The derivative, computed by tf.grad",
    caption: "The red line is the tangent at x; its slope is f′(x). The arrow is the gradient: it points uphill, and its length is |f′(x)|. Gradient descent steps the other way."
  });
  frame.root.classList.add("intro-fig");
  const labels = Object.fromEntries(FUNCTION_NAMES.map((name) => [name, FUNCTIONS[name].label])) as Record<FunctionName, string>;
  const pick = select<FunctionName>({label: "f(x) =", options: FUNCTION_NAMES, labels, value: fn, name: "fn"});
  const at = slider({label: "x", min: -3, max: 3, step: 0.01, value: x, name: "grad-x"});
  const svg = svgEl("svg", {viewBox: `0 0 ${W} ${H}`, width: W, role: "img", "aria-hidden": "true"});
  const axes = svgEl("g", {class: "muted"});
  const slopeCurve = svgEl("path", {fill: "none", stroke: "#999", "stroke-dasharray": "4 3", "stroke-width": 1.2});
  const curve = svgEl("path", {fill: "none", stroke: "#3182bd", "stroke-width": 2.2});
  const tangent = svgEl("line", {stroke: "#c0392b", "stroke-width": 1.8});
  const arrow = svgEl("line", {stroke: "#c0392b", "stroke-width": 2.5, "marker-end": "url(#derivative-arrow)"});
  const dot = svgEl("circle", {r: 5, fill: "#c0392b"});
  const defs = svgEl("defs");
  const marker = svgEl("marker", {id: "derivative-arrow", viewBox: "0 0 10 10", refX: 8, refY: 5, markerWidth: 6, markerHeight: 6, orient: "auto-start-reverse"});
  marker.append(svgEl("path", {d: "M0,0 L10,5 L0,10 z", fill: "#c0392b"}));
  defs.append(marker);
  const clip = svgEl("clipPath", {id: "derivative-clip"});
  clip.append(svgEl("rect", {x: M.left, y: M.top, width: W - M.left - M.right, height: H - M.top - M.bottom}));
  defs.append(clip);
  const plot = svgEl("g", {"clip-path": "url(#derivative-clip)"});
  plot.append(slopeCurve, curve, tangent, arrow, dot);
  svg.append(defs, axes, plot);
  const legend = htmlEl("div", "muted", "Blue: f(x). Dashed grey: f′(x) at every x (one tf.grad call on the whole grid). Red: the tangent at x and the gradient arrow.");
  const readout = htmlEl("div", "readout");
  frame.body.append(controlRow(pick, at), svg, legend, readout);
  const latest = latestOnly(failIn(frame, "Updating this figure"));

  const update = () => {
    const name = pick.value;
    const x0 = at.value;
    latest(async () => ({grid: await curveAndSlopes(name, XS), point: await valueAndSlope(name, x0)}), ({grid, point}) => {
      const sx = d3.scaleLinear().domain([-3, 3]).range([M.left, W - M.right]);
      // The y range fits f; f′ and the tangent may leave it, and are clipped at the frame.
      const [lo = 0, hi = 1] = d3.extent(grid.values);
      const pad = 0.15 * (hi - lo || 1);
      const sy = d3.scaleLinear().domain([lo - pad, hi + pad]).nice().range([H - M.bottom, M.top]);
      axes.replaceChildren(svgEl("line", {x1: M.left, x2: W - M.right, y1: sy(0), y2: sy(0), stroke: "#bbb"}));
      for (const t of sx.ticks(7)) axes.append(svgEl("text", {x: sx(t), y: H - 8, "text-anchor": "middle"}, fmt(t)));
      for (const t of sy.ticks(5)) axes.append(svgEl("text", {x: M.left - 6, y: sy(t) + 4, "text-anchor": "end"}, fmt(t)));
      const path = (ys: ArrayLike<number>) => d3.line<number>().x((_, i) => sx(XS[i])).y((v) => sy(v))(Array.from(ys)) ?? "";
      curve.setAttribute("d", path(grid.values));
      slopeCurve.setAttribute("d", path(grid.slopes));
      const {value, slope} = point;
      const reach = 0.9;
      tangent.setAttribute("x1", String(sx(x0 - reach)));
      tangent.setAttribute("y1", String(sy(value - reach * slope)));
      tangent.setAttribute("x2", String(sx(x0 + reach)));
      tangent.setAttribute("y2", String(sy(value + reach * slope)));
      dot.setAttribute("cx", String(sx(x0)));
      dot.setAttribute("cy", String(sy(value)));
      // The 1-D gradient is a vector along x of length f′(x) (capped so that it stays on the plot).
      const length = Math.max(-1.5, Math.min(1.5, slope * 0.5));
      arrow.setAttribute("x1", String(sx(x0)));
      arrow.setAttribute("y1", String(sy(value)));
      arrow.setAttribute("x2", String(sx(x0 + length)));
      arrow.setAttribute("y2", String(sy(value)));
      arrow.setAttribute("display", Math.abs(slope) < 1e-3 ? "none" : "");
      const fd = finiteDifference(FUNCTIONS[name].js, x0);
      readout.replaceChildren(
        htmlEl("div", "", `f(${fmt(x0, 2)}) = ${fmt(value, 4)}`),
        htmlEl("div", "", `tf.grad(f)(${fmt(x0, 2)}) = ${fmt(slope, 5)}   (on ${tf.getBackend()}, float32)`),
        htmlEl("div", "", `finite difference (f(x + h) − f(x − h)) / 2h with h = 0.0001: ${fmt(fd, 5)}; they differ by ${Math.abs(slope - fd).toExponential(1)}`),
        htmlEl("div", "muted", slope > 0 ? "f′(x) > 0: f grows to the right, so descent moves x left." : slope < 0 ? "f′(x) < 0: f grows to the left, so descent moves x right." : "f′(x) = 0: a flat point; descent would stop here.")
      );
      frame.describe(
        `f(x) = ${FUNCTIONS[name].label} at x = ${num(x0, 2)}: f(x) = ${num(value)}, gradient from tf.grad = ${num(slope)}, ` +
          `central finite difference = ${num(fd)}. The tangent line has slope ${num(slope)}; the gradient arrow points ${slope >= 0 ? "right (uphill)" : "left (uphill)"}.`
      );
    });
  };
  pick.addEventListener("input", update);
  at.addEventListener("input", update);
  update();
  return {root: frame.root, dispose() {}};
}
