// The small figures of the Digits story: a grid of real digits, one digit as a tensor of
// numbers, and the parameter count of a model layer by layer.
import {createFigure} from "../../figures/figure.ts";
import type {tf} from "../../tf.ts";
import type {Digits} from "../data.ts";
import {digitImage, splitIndices} from "../data.ts";
import {parameterTable} from "../models.ts";
import {createCanvas, drawGrey} from "./pixels.ts";

/** The first `perClass` training digits of each class, one row per class. */
export function createSampleGrid(digits: Digits, perClass = 12, name = "digits-samples"): HTMLElement {
  const {rows, cols, classNames, counts, train, test, dataset} = digits.manifest;
  const frame = createFigure(name, {title: "Real handwritten digits from the training set"});
  const scale = 2;
  const canvas = createCanvas(perClass * (cols * scale + 2), classNames.length * (rows * scale + 2), "grid of training digits, one row per class");
  const context = canvas.getContext("2d")!;
  const seen = new Array<number>(classNames.length).fill(0);
  for (const i of splitIndices(digits, "train")) {
    const label = digits.labels[i];
    if (seen[label] >= perClass) continue;
    drawGrey(context, digitImage(digits, i), cols, rows, seen[label] * (cols * scale + 2), label * (rows * scale + 2), scale);
    seen[label] += 1;
  }
  frame.body.append(canvas);
  frame.describe(
    `${perClass} digits of each class from ${dataset}: ${train} training and ${test} test images of ${rows} × ${cols} pixels; ` +
      `the training set holds from ${Math.min(...counts.train)} to ${Math.max(...counts.train)} images per class.`
  );
  return frame.root;
}

/** One digit as the [28, 28] grid of grey levels (0–255) the model actually receives. */
export function createPixelTable(digits: Digits, index: number, name = "digits-pixels"): HTMLElement {
  const {rows, cols, classNames} = digits.manifest;
  const frame = createFigure(name, {title: "A digit is a tensor of shape [28, 28, 1]", caption: "Grey level of each pixel, 0 (black) to 255 (white); the model sees them divided by 255."});
  const pixels = digits.pixels.subarray(index * rows * cols, (index + 1) * rows * cols);
  const grid = document.createElement("div");
  grid.className = "pixel-table";
  grid.style.gridTemplateColumns = `repeat(${cols}, 1fr)`;
  for (const value of pixels) {
    const cell = document.createElement("span");
    cell.textContent = String(value);
    cell.style.background = `rgb(${value},${value},${value})`;
    cell.style.color = value > 128 ? "black" : "#888";
    grid.append(cell);
  }
  const canvas = createCanvas(cols * 4, rows * 4, "the same digit as an image");
  drawGrey(canvas.getContext("2d")!, digitImage(digits, index), cols, rows, 0, 0, 4);
  const layout = document.createElement("div");
  layout.className = "pixel-layout";
  layout.append(canvas, grid);
  frame.body.append(layout);
  let ink = 0;
  for (const value of pixels) if (value > 0) ++ink;
  frame.describe(`Training digit #${index}, a ${classNames[digits.labels[index]]}: ${rows * cols} numbers, of which ${ink} are not black.`);
  return frame.root;
}

/** A model's layers with their output shapes and parameter counts. */
export function createParameterTable(model: tf.LayersModel, name: string, title: string): HTMLElement {
  const frame = createFigure(name, {title});
  const table = document.createElement("table");
  const head = table.createTHead().insertRow();
  for (const label of ["layer", "output shape", "parameters"]) head.insertCell().outerHTML = `<th>${label}</th>`;
  const rows = parameterTable(model);
  const body = table.createTBody();
  for (const row of rows) {
    const tr = body.insertRow();
    tr.insertCell().textContent = row.name;
    tr.insertCell().textContent = row.outputShape;
    tr.insertCell().textContent = row.params.toLocaleString("en-US");
  }
  const total = rows.reduce((sum, row) => sum + row.params, 0);
  const foot = table.createTFoot().insertRow();
  foot.insertCell().textContent = "total";
  foot.insertCell();
  foot.insertCell().textContent = total.toLocaleString("en-US");
  frame.body.append(table);
  frame.describe(`${model.name}: ${rows.length} layers, ${total.toLocaleString("en-US")} trainable parameters.`);
  return frame.root;
}
