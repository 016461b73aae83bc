// The latent-space explorer: encode a face, move it along the latent dimensions that
// vary most over the training faces, and see what the decoder draws; one dimension is
// also traversed as a strip from −2σ to +2σ.
import {controlRow, select, slider} from "../../controls.ts";
import type {Control} from "../../controls.ts";
import {createFigure} from "../../figures/figure.ts";
import {tf} from "../../tf.ts";
import type {DbVae} from "../models.ts";
import {decode, encode} from "../models.ts";
import {LATENT_SLIDERS, MOVE_PARAMS, MOVE_RANGE} from "../params.ts";
import {createCanvas, drawStrip} from "./pixels.ts";

const DIMS = LATENT_SLIDERS;
const STEPS = [-2, -1, 0, 1, 2];

/** Index and standard deviation of the `count` latent dimensions with the largest spread of μ. */
export function widestDimensions(mu: Float32Array, n: number, latentDim: number, count: number): {dim: number; std: number}[] {
  const stats = Array.from({length: latentDim}, (_, i) => {
    let sum = 0;
    let sq = 0;
    for (let k = 0; k < n; ++k) {
      const v = mu[k * latentDim + i];
      sum += v;
      sq += v * v;
    }
    const mean = sum / n;
    return {dim: i, std: Math.sqrt(Math.max(0, sq / n - mean * mean))};
  });
  return stats.sort((a, b) => b.std - a.std || a.dim - b.dim).slice(0, count);
}

/** Where the explorer starts: the face (0-based) and the offsets of its sliders in σ (the URL's face and z1 … z5). */
export interface LatentStart {
  face: number;
  moves: readonly number[];
}

export function createLatentFigure(images: ArrayLike<number>[], side: number, size: number, start: LatentStart = {face: 0, moves: []}, name = "faces-latent") {
  const frame = createFigure(name, {
    title: "Latent-space explorer",
    caption: "Pick a face; the sliders move its latent mean along the five dimensions whose μ varies most over the training faces (in units of that spread, σ). The strip traverses the first of them from −2σ to +2σ."
  });
  const face = select<string>({label: "Face", options: images.map((_, k) => String(k)), labels: Object.fromEntries(images.map((_, k) => [String(k), `test face ${k + 1}`])), value: String(Math.min(start.face, images.length - 1)), name: "latent-face"});
  const sliders = Array.from({length: DIMS}, (_, j) => slider({label: `dimension ${j + 1}`, ...MOVE_RANGE, value: start.moves[j] ?? 0, format: (v) => `${v >= 0 ? "+" : ""}${v.toFixed(1)}σ`, name: `latent-${j}`}));
  const original = createCanvas(10, 10, "the chosen face");
  const decoded = createCanvas(10, 10, "the decoder's image of the moved latent vector");
  const strip = createCanvas(10, 10, "traversal of the widest latent dimension");
  const pictures = document.createElement("div");
  pictures.style.cssText = "display:flex;gap:12px;align-items:center";
  pictures.append(original, decoded);
  frame.body.append(controlRow(face, ...sliders), pictures, strip);
  frame.describe("No model yet.");

  let state: {model: DbVae; mu: Float32Array; dims: {dim: number; std: number}[]} | null = null;
  let pending = false;
  // A move made while a decode is in flight is drawn when it ends, so the last position always shows.
  let again = false;

  async function redraw(): Promise<void> {
    if (!state) return;
    if (pending) {
      again = true;
      return;
    }
    pending = true;
    again = false;
    try {
      const {model, mu, dims} = state;
      const k = Number(face.value);
      const L = model.latentDim;
      const base = Array.from(mu.subarray(k * L, (k + 1) * L));
      const moved = base.slice();
      sliders.forEach((s, j) => {
        if (dims[j]) moved[dims[j].dim] += s.value * dims[j].std;
      });
      const walk = STEPS.map((t) => {
        const z = base.slice();
        if (dims[0]) z[dims[0].dim] += t * dims[0].std;
        return z;
      });
      const out = tf.tidy(() => decode(model, tf.tensor2d([moved, ...walk], [1 + walk.length, L])));
      const values = (await out.data()) as Float32Array;
      out.dispose();
      const per = size * size * 3;
      const at = (j: number) => values.subarray(j * per, (j + 1) * per);
      drawStrip(original, [images[k]], side, 2);
      drawStrip(decoded, [at(0)], size, (2 * side) / size, 1);
      drawStrip(strip, walk.map((_, j) => at(1 + j)), size, side / size, 1);
      const offsets = sliders.map((s, j) => (dims[j] ? `z${dims[j].dim} ${s.value >= 0 ? "+" : ""}${s.value.toFixed(1)}σ` : "")).filter(Boolean);
      frame.describe(`Test face ${k + 1}, decoded with its latent mean moved by ${offsets.join(", ")} (σ: spread of μ over the training faces, ${dims.map((d) => `z${d.dim} ${d.std.toFixed(2)}`).join(", ")}). The strip walks z${dims[0]?.dim} from −2σ to +2σ.`);
    } finally {
      pending = false;
    }
    if (again) await redraw();
  }

  for (const control of [face, ...sliders] as Control<unknown>[]) control.addEventListener("input", () => void redraw());

  return {
    root: frame.root,
    /** The face menu and the sliders, by URL parameter name (face, z1 … z5). */
    controlsByName: {face, ...Object.fromEntries(sliders.map((s, j) => [MOVE_PARAMS[j], s]))} as Record<string, Control<unknown>>,
    /** Encodes the faces `xs` [k, size, size, 3] with `model`; `trainMu` [n · L] gives the spread of each dimension. */
    async setModel(model: DbVae, xs: tf.Tensor4D, trainMu: Float32Array, n: number) {
      const mu = tf.tidy(() => encode(model, xs).mu);
      const values = (await mu.data()) as Float32Array;
      mu.dispose();
      state = {model, mu: values, dims: widestDimensions(trainMu, n, model.latentDim, DIMS)};
      state.dims.forEach((d, j) => (sliders[j].querySelector(".manus-control-label")!.textContent = `z${d.dim}`));
      await redraw();
    }
  };
}
