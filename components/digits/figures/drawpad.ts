// Draw a digit, see the model's probabilities for it as you draw.
import * as d3 from "d3";
import {createFigure} from "../../figures/figure.ts";
import {tf} from "../../tf.ts";
import {drawingToDigit} from "../preprocess.ts";
import {createCanvas, drawGrey} from "./pixels.ts";

const PAD = 224; // CSS pixels of the drawing surface
const BRUSH = 16;

export interface DrawPad {
  root: HTMLElement;
  /** The model used for the next prediction (redrawn at once). */
  setModel(model: tf.LayersModel, label: string): void;
  clear(): void;
  /** Draws a stroke programmatically (tests, demos): points in [0, 1]² pad coordinates. */
  stroke(points: Array<[number, number]>): void;
}

export function createDrawPad(classNames: string[], name = "digits-draw"): DrawPad {
  const frame = createFigure(name, {
    title: "Draw a digit",
    caption: "Draw with the mouse, a finger or a pen. The drawing is scaled and centred as MNIST digits were, then classified."
  });
  const pad = createCanvas(PAD, PAD, "drawing surface: draw a digit here");
  pad.className = "draw-pad";
  pad.style.touchAction = "none";
  const context = pad.getContext("2d", {willReadFrequently: true})!;
  const seen = createCanvas(56, 56, "what the model sees: the drawing as a 28 × 28 digit");
  const clearButton = document.createElement("button");
  clearButton.type = "button";
  clearButton.textContent = "Clear";
  clearButton.dataset.control = "draw-clear";
  const bars = d3.create("svg").attr("viewBox", "0 0 220 200").attr("width", 220).attr("role", "img").attr("aria-label", "class probabilities");
  const x = d3.scaleLinear().domain([0, 1]).range([20, 176]); // room for "100.0 %" after the longest bar
  const rows = bars
    .selectAll("g")
    .data(classNames)
    .join("g")
    .attr("transform", (_, i) => `translate(0,${i * 19 + 4})`);
  rows.append("text").attr("x", 12).attr("y", 12).attr("text-anchor", "end").text((d) => d);
  const rects = rows.append("rect").attr("x", x(0)).attr("height", 14).attr("fill", "var(--theme-foreground-focus, #3b5fc0)");
  const values = rows.append("text").attr("y", 12).attr("font-size", 10);
  const side = document.createElement("div");
  side.className = "draw-side";
  side.append(seen, clearButton);
  const layout = document.createElement("div");
  layout.className = "draw-layout";
  layout.append(pad, side, bars.node()!);
  frame.body.append(layout);

  let model: tf.LayersModel | null = null;
  let modelLabel = "";
  let last: [number, number] | null = null;

  const reset = () => {
    context.fillStyle = "black";
    context.fillRect(0, 0, PAD, PAD);
    seen.getContext("2d")!.clearRect(0, 0, 56, 56);
    rects.attr("width", 0);
    values.text("");
    frame.describe("Nothing drawn yet.");
  };
  const line = (from: [number, number], to: [number, number]) => {
    context.strokeStyle = "white";
    context.lineWidth = BRUSH;
    context.lineCap = "round";
    context.beginPath();
    context.moveTo(...from);
    context.lineTo(...to);
    context.stroke();
  };
  let pending = false;
  let again = false;
  const predict = async (): Promise<void> => {
    // One prediction at a time; the pointer moves faster than a GPU read-back returns,
    // so a request during one is kept and served when it ends.
    if (!model) return;
    if (pending) {
      again = true;
      return;
    }
    const rgba = context.getImageData(0, 0, PAD, PAD).data;
    const grey = new Float32Array(PAD * PAD);
    for (let i = 0; i < grey.length; ++i) grey[i] = rgba[i * 4] / 255;
    const digit = drawingToDigit(grey, PAD, PAD);
    if (!digit) return reset();
    drawGrey(seen.getContext("2d")!, digit, 28, 28, 0, 0, 2);
    pending = true;
    const output = tf.tidy(() => model!.predict(tf.tensor4d(digit, [1, 28, 28, 1])) as tf.Tensor); // [1, 10]
    const p = Array.from(await output.data());
    output.dispose();
    pending = false;
    if (again) {
      again = false;
      return predict();
    }
    rects.attr("width", (_, i) => x(p[i]) - x(0));
    values.attr("x", (_, i) => x(p[i]) + 3).text((_, i) => `${(p[i] * 100).toFixed(1)} %`);
    const best = p.indexOf(Math.max(...p));
    frame.root.dataset.prediction = classNames[best];
    frame.describe(`${modelLabel} reads the drawing as ${classNames[best]} with ${(p[best] * 100).toFixed(1)} % probability.`);
  };
  const position = (event: PointerEvent): [number, number] => {
    const box = pad.getBoundingClientRect();
    return [((event.clientX - box.left) / box.width) * PAD, ((event.clientY - box.top) / box.height) * PAD];
  };
  pad.addEventListener("pointerdown", (event) => {
    pad.setPointerCapture(event.pointerId);
    last = position(event);
    line(last, last);
  });
  pad.addEventListener("pointermove", (event) => {
    if (!last) return;
    const next = position(event);
    line(last, next);
    last = next;
    void predict();
  });
  pad.addEventListener("pointerup", () => {
    last = null;
    void predict();
  });
  clearButton.addEventListener("click", reset);
  reset();

  return {
    root: frame.root,
    setModel(next, label) {
      model = next;
      modelLabel = label;
      void predict();
    },
    clear: reset,
    stroke(points) {
      const scaled = points.map(([px, py]) => [px * PAD, py * PAD] as [number, number]);
      scaled.forEach((point, i) => line(scaled[Math.max(0, i - 1)], point));
      void predict();
    }
  };
}
