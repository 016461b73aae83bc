// Figures of the first section: one tensor with its shape, rank and dtype ("tensor-anatomy"),
// and one operation on a matrix the reader edits ("tensor-ops"). Numbers come from tfjs.
import {tf} from "../../tf.ts";
import {controlRow, select, slider} from "../../controls.ts";
import {createFigure} from "../../figures/figure.ts";
import {DTYPES, EXAMPLE_LABELS, EXAMPLE_NAMES, IMAGE_SHAPE, OP_NAMES, OPS, exampleTensor, matrixA, runOp, tensorFacts} from "../tensors.ts";
import type {Dtype, ExampleName, OpName} from "../tensors.ts";
import {RANGES} from "../params.ts";
import {fmt, htmlEl, failIn, latestOnly} from "./dom.ts";
import {ensureStyle} from "./style.ts";

export interface IntroFigure {
  root: HTMLElement;
  dispose(): void;
}

/** Values laid out by shape as nested brackets: [[1, 2], [3, 4]]. */
export function nested(values: readonly number[], shape: readonly number[], format = (v: number) => String(v)): string {
  if (shape.length === 0) return format(values[0]);
  const [first, ...rest] = shape;
  const inner = rest.reduce((a, b) => a * b, 1);
  const parts = Array.from({length: first}, (_, i) => nested(values.slice(i * inner, (i + 1) * inner), rest, format));
  return `[${parts.join(", ")}]`;
}

const CODE: Record<ExampleName, (v: string) => string> = {
  scalar: (v) => `tf.scalar(${v})`,
  vector: (v) => `tf.tensor1d([${v}, 2, -1.5, 0])`,
  matrix: (v) => `tf.tensor2d([[${v}, 1, 0], [-2, 0.5, 3]])`,
  image: (v) => `tf.concat([red, green, tf.fill([${IMAGE_SHAPE[0]}, ${IMAGE_SHAPE[1]}, 1], ${v})], 2)`
};

export function createTensorFigure(start: {tensor: ExampleName; dtype: Dtype; tvalue: number}): IntroFigure {
  ensureStyle();
  const frame = createFigure("tensor-anatomy", {
    title: "A tensor: its shape, rank and data type",
    caption: "The slider changes a value inside the tensor; the menus change its kind and its dtype. Shape and rank depend on the kind only."
  });
  frame.root.classList.add("intro-fig");
  const example = select<ExampleName>({label: "Tensor", options: EXAMPLE_NAMES, labels: EXAMPLE_LABELS, value: start.tensor, name: "tensor-example"});
  const dtype = select<Dtype>({label: "dtype", options: DTYPES, value: start.dtype, name: "tensor-dtype"});
  const value = slider({label: "Value", ...RANGES.tvalue, value: start.tvalue, name: "tensor-value"});
  const code = htmlEl("pre");
  const facts = htmlEl("div", "readout");
  const canvas = htmlEl("canvas");
  canvas.width = IMAGE_SHAPE[1];
  canvas.height = IMAGE_SHAPE[0];
  Object.assign(canvas.style, {width: `${IMAGE_SHAPE[1] * 24}px`, imageRendering: "pixelated", border: "1px solid #ccc"});
  canvas.setAttribute("aria-hidden", "true");
  frame.body.append(controlRow(example, dtype, value), code, htmlEl("div", "row"));
  (frame.body.lastChild as HTMLElement).append(facts, canvas);
  const latest = latestOnly(failIn(frame, "Updating this figure"));

  const update = () => {
    const name = example.value;
    const kind = dtype.value;
    latest(async () => {
      const t = exampleTensor(name, value.value, kind);
      try {
        return await tensorFacts(t);
      } finally {
        t.dispose();
      }
    }, (f) => {
      code.textContent = `${CODE[name](String(value.value))}${kind === "float32" ? "" : `.cast("${kind}")`}`;
      const shown = f.size <= 12 ? nested(f.values, f.shape, (v) => fmt(v)) : `${nested(f.values.slice(0, IMAGE_SHAPE[1] * 3), [IMAGE_SHAPE[1], 3], (v) => fmt(v, 2))} … (first row of pixels; ${f.size} values in all)`;
      facts.replaceChildren(
        ...[["shape", `[${f.shape.join(", ")}]`], ["rank", String(f.rank)], ["dtype", f.dtype], ["size", String(f.size)], ["values", shown]]
          .map(([k, v]) => {
            const line = htmlEl("div");
            line.append(htmlEl("strong", "", `${k}: `), htmlEl("code", "", v));
            return line;
          })
      );
      canvas.style.display = name === "image" ? "" : "none";
      if (name === "image") drawImage(canvas, f.values, f.dtype);
      frame.describe(
        `${EXAMPLE_LABELS[name]}, computed by TensorFlow.js on ${tf.getBackend()}: shape [${f.shape.join(", ")}], rank ${f.rank}, dtype ${f.dtype}, ${f.size} value${f.size === 1 ? "" : "s"}` +
          (f.size <= 12 ? `: ${nested(f.values, f.shape)}.` : `; shown as a ${IMAGE_SHAPE[0]} × ${IMAGE_SHAPE[1]} picture with 3 colour channels.`)
      );
    });
  };
  for (const control of [example, dtype, value]) control.addEventListener("input", update);
  update();
  return {root: frame.root, dispose() {}};
}

function drawImage(canvas: HTMLCanvasElement, values: number[], dtype: string): void {
  const context = canvas.getContext("2d");
  if (!context) return;
  const [h, w] = IMAGE_SHAPE;
  const image = context.createImageData(w, h);
  for (let i = 0; i < h * w; ++i) {
    for (let c = 0; c < 3; ++c) image.data[i * 4 + c] = Math.round(Math.max(0, Math.min(1, values[i * 3 + c])) * 255);
    image.data[i * 4 + 3] = 255;
  }
  context.putImageData(image, 0, 0);
  canvas.title = dtype === "float32" ? "" : `cast to ${dtype}: every channel is now 0 or 1`;
}

export function createOpsFigure(start: {op: OpName; opa: number}): IntroFigure {
  ensureStyle();
  const frame = createFigure("tensor-ops", {
    title: "Operations on tensors",
    caption: "The slider sets the highlighted entry a of A. Watch which entries of the result change with it: one for elementwise operations, a whole row for the matrix product."
  });
  frame.root.classList.add("intro-fig");
  const labels = Object.fromEntries(OP_NAMES.map((op) => [op, OPS[op].label])) as Record<OpName, string>;
  const op = select<OpName>({label: "Operation", options: OP_NAMES, labels, value: start.op, name: "op"});
  const a = slider({label: "a = A[0][0]", ...RANGES.opa, value: start.opa, name: "op-a"});
  const code = htmlEl("pre");
  const matrices = htmlEl("div", "matrices");
  frame.body.append(controlRow(op, a), code, matrices);
  const latest = latestOnly(failIn(frame, "Updating this figure"));

  const update = () => {
    const name = op.value;
    const value = a.value;
    latest(() => runOp(name, value), (result) => {
      const b = OPS[name].b;
      const [rows, cols] = result.shape;
      // Which result entries depend on a: row 0 for matmul, entry (0, 0) otherwise.
      const hot = (i: number, j: number) => i === 0 && (name === "matmul" || j === 0);
      code.textContent = `const A = tf.tensor2d(${JSON.stringify(matrixA(value))}); // [2, 3]\n${OPS[name].code}`;
      matrices.replaceChildren(
        matrixTable(matrixA(value).flat(), 2, 3, (i, j) => i === 0 && j === 0, "A [2, 3]"),
        htmlEl("span", "", name === "matmul" ? "·" : name === "mul" ? "⊙" : name === "scale" ? "×" : "+"),
        typeof b === "number"
          ? htmlEl("code", "", String(b))
          : Array.isArray(b[0])
            ? matrixTable((b as number[][]).flat(), (b as number[][]).length, (b as number[][])[0].length, () => false, name === "matmul" ? "C [3, 2]" : "B [2, 3]")
            : matrixTable(b as number[], 1, (b as number[]).length, () => false, "v [3]"),
        htmlEl("span", "", "="),
        matrixTable(result.values, rows, cols, hot, `result [${result.shape.join(", ")}]`)
      );
      frame.describe(
        `${OPS[name].code} with a = ${value}, computed by TensorFlow.js on ${tf.getBackend()}: ` +
          `result shape [${result.shape.join(", ")}], values ${nested(result.values, result.shape, (v) => String(Number(v.toFixed(4))))}.`
      );
    });
  };
  op.addEventListener("input", update);
  a.addEventListener("input", update);
  update();
  return {root: frame.root, dispose() {}};
}

function matrixTable(values: readonly number[], rows: number, cols: number, hot: (i: number, j: number) => boolean, caption: string): HTMLElement {
  const wrap = htmlEl("div");
  const table = htmlEl("table", "matrix");
  for (let i = 0; i < rows; ++i) {
    const tr = htmlEl("tr");
    for (let j = 0; j < cols; ++j) tr.append(htmlEl("td", hot(i, j) ? "hot" : "", fmt(values[i * cols + j])));
    table.append(tr);
  }
  wrap.append(table, htmlEl("div", "muted", caption));
  return wrap;
}
