// Inside a trained model: the first layer's weights ("filters") and the activations
// each layer produces for one digit.
import {createFigure} from "../../figures/figure.ts";
import {tf} from "../../tf.ts";
import type {Digits} from "../data.ts";
import {digitImage} from "../data.ts";
import {createCanvas, drawGrey, symmetricRange} from "./pixels.ts";

const GAP = 2;

/** First-layer weights: conv1's 24 kernels [3, 3, 1, 24], or for the FC model the
 * weights into the first 24 hidden units, each a 28 × 28 picture of what excites it. */
export function createFiltersFigure(name = "digits-filters") {
  const frame = createFigure(name, {
    title: "First-layer weights",
    caption: "White: positive weight, black: negative, grey: zero. Each tile is one unit of the first layer."
  });
  const holder = document.createElement("div");
  frame.body.append(holder);
  frame.describe("No weights shown yet: they appear once the model has been measured on the held-out digits.");
  return {
    root: frame.root,
    // Async reads throughout: dataSync() on WebGPU over SwiftShader left later uploads failing.
    async update(model: tf.LayersModel) {
      const first = model.layers.find((layer) => layer.getWeights().length > 0);
      if (!first) throw new Error(`model ${model.name}: no layer with weights`);
      const kernel = first.getWeights()[0]; // conv: [kh, kw, 1, filters]; dense: [784, units]
      const isConv = kernel.rank === 4;
      const [kh, kw]: [number, number] = isConv ? [kernel.shape[0]!, kernel.shape[1]!] : [28, 28];
      const units = Math.min(24, kernel.shape[kernel.rank - 1]);
      const scale = isConv ? 12 : 2;
      const values = await kernel.data();
      const columns = 12;
      const rowsOfTiles = Math.ceil(units / columns);
      const canvas = createCanvas(columns * (kw * scale + GAP), rowsOfTiles * (kh * scale + GAP), "first-layer weights");
      const context = canvas.getContext("2d")!;
      const outputs = kernel.shape[kernel.rank - 1];
      const range = symmetricRange(values);
      for (let u = 0; u < units; ++u) {
        // Column u of the kernel, read as a kh × kw picture.
        const tile = Float32Array.from({length: kh * kw}, (_, p) => values[p * outputs + u]);
        drawGrey(context, tile, kw, kh, (u % columns) * (kw * scale + GAP), Math.floor(u / columns) * (kh * scale + GAP), scale, range);
      }
      holder.replaceChildren(canvas);
      frame.describe(
        isConv
          ? `The ${units} convolution kernels (3 × 3 pixels each) of the CNN's first layer; weights range from ${range[0].toFixed(2)} to ${range[1].toFixed(2)}.`
          : `Weights into ${units} of the 128 hidden units of the fully connected model, each shown as a 28 × 28 image; range ±${range[1].toFixed(2)}.`
      );
    }
  };
}

/** The activations of every hidden layer for one digit. */
export function createActivationsFigure(name = "digits-activations") {
  const frame = createFigure(name, {
    title: "Activations for one digit",
    caption: "Each tile is one channel (CNN) or the row of hidden units (FC); brighter means a stronger response."
  });
  const holder = document.createElement("div");
  holder.className = "activation-stack";
  frame.body.append(holder);
  frame.describe("No activations shown yet: they appear once the model has been measured on the held-out digits.");
  return {
    root: frame.root,
    async update(model: tf.LayersModel, digits: Digits, index: number) {
      const {rows, cols, classNames} = digits.manifest;
      const hidden = model.layers.filter((layer) => /conv|pool|dense1/.test(layer.name));
      const probe = tf.model({inputs: model.inputs, outputs: [...hidden.map((layer) => layer.output as tf.SymbolicTensor), model.outputs[0]]});
      const outputs = tf.tidy(() => {
        const x = tf.tensor4d(digitImage(digits, index), [1, rows, cols, 1]);
        return probe.predict(x) as tf.Tensor[];
      });
      const sections: HTMLElement[] = [];
      const input = createCanvas(cols * 3, rows * 3, `input digit ${classNames[digits.labels[index]]}`);
      drawGrey(input.getContext("2d")!, digitImage(digits, index), cols, rows, 0, 0, 3);
      sections.push(section(`input: a ${classNames[digits.labels[index]]} (test digit #${index})`, input));
      const values = await Promise.all(outputs.map((output) => output.data()));
      hidden.forEach((layer, i) => sections.push(section(`${layer.name} ${JSON.stringify(outputs[i].shape.slice(1))}`, channels(outputs[i], values[i]))));
      const probabilities = values[values.length - 1];
      const best = Array.from(probabilities).indexOf(Math.max(...probabilities));
      holder.replaceChildren(...sections);
      tf.dispose(outputs);
      frame.describe(
        `Digit #${index}, labelled ${classNames[digits.labels[index]]}, passes through ${hidden.map((l) => l.name).join(", ")}; ` +
          `the model answers ${classNames[best]} with ${(probabilities[best] * 100).toFixed(1)} % probability.`
      );
    }
  };
}

function section(label: string, content: HTMLElement): HTMLElement {
  const element = document.createElement("div");
  element.className = "activation-layer";
  const title = document.createElement("div");
  title.className = "activation-label";
  title.textContent = label;
  element.append(title, content);
  return element;
}

/** [1, h, w, c] → c tiles side by side; [1, units] → one strip of units. */
function channels(activation: tf.Tensor, values: ArrayLike<number>): HTMLCanvasElement {
  let max = 0;
  for (let i = 0; i < values.length; ++i) max = Math.max(max, values[i]);
  if (activation.rank === 2) {
    const units = activation.shape[1]!;
    const canvas = createCanvas(units * 4, 16, "hidden unit activations");
    drawGrey(canvas.getContext("2d")!, values, units, 1, 0, 0, 1, [0, max || 1]);
    canvas.getContext("2d")!.drawImage(canvas, 0, 0, units, 1, 0, 0, units * 4, 16);
    return canvas;
  }
  const [, h, w, c] = activation.shape as number[];
  const scale = h > 20 ? 2 : 4;
  const columns = Math.min(c, 12);
  const canvas = createCanvas(columns * (w * scale + GAP), Math.ceil(c / columns) * (h * scale + GAP), `${c} channels of ${h} × ${w}`);
  const context = canvas.getContext("2d")!;
  for (let k = 0; k < c; ++k) {
    const tile = Float32Array.from({length: h * w}, (_, p) => values[p * c + k]);
    drawGrey(context, tile, w, h, (k % columns) * (w * scale + GAP), Math.floor(k / columns) * (h * scale + GAP), scale, [0, max || 1]);
  }
  return canvas;
}
