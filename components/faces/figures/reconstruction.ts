// Reconstructions improving during training: a fixed row of test faces (two per group)
// above what the DB-VAE's decoder draws from their latent means.
import {createFigure} from "../../figures/figure.ts";
import {tf} from "../../tf.ts";
import type {DbVae} from "../models.ts";
import {decode, encode} from "../models.ts";
import {createCanvas, drawStrip} from "./pixels.ts";

export function createReconstructionFigure(images: ArrayLike<number>[], side: number, size: number, name = "faces-reconstructions") {
  const frame = createFigure(name, {
    title: "Faces and their reconstructions",
    caption: `Top: test faces (two per group). Bottom: the decoder's image of each face's latent mean μ, at the ${size} × ${size} pixels the model works in.`
  });
  const originals = createCanvas(10, 10, "test faces");
  const recons = createCanvas(10, 10, "their reconstructions by the DB-VAE");
  drawStrip(originals, images, side, 1);
  const holder = document.createElement("div");
  holder.style.cssText = "display:flex;flex-direction:column;gap:4px";
  holder.append(originals, recons);
  frame.body.append(holder);
  frame.describe("No reconstruction yet.");
  return {
    root: frame.root,
    /** Redraws the reconstructions of `xs` [k, size, size, 3] by `model`. */
    async update(model: DbVae, xs: tf.Tensor4D, origin: string) {
      const [recon, error] = tf.tidy(() => {
        const out = decode(model, encode(model, xs).mu); // [k, size, size, 3]
        return [out, xs.sub(out).abs().mean()];
      });
      const values = (await recon.data()) as Float32Array;
      const l1 = (await error.data())[0];
      tf.dispose([recon, error]);
      const per = size * size * 3;
      const list = Array.from({length: xs.shape[0]}, (_, k) => values.subarray(k * per, (k + 1) * per));
      drawStrip(recons, list, size, side / size, 1);
      frame.describe(`Reconstructions of ${list.length} test faces by the DB-VAE (${origin}): mean absolute error ${l1.toFixed(3)} per pixel and channel (0 = perfect, images in [0, 1]).`);
    }
  };
}
