// Drawing grey images on canvases, pixel-exact (no smoothing), for every digits figure.
import {createCanvas} from "../../figures/canvas.ts";

export {createCanvas};

/** Draws `values` ([height, width], 0 = black … 1 = white, or scaled by lo/hi) at (x, y). */
export function drawGrey(
  context: CanvasRenderingContext2D,
  values: ArrayLike<number>,
  width: number,
  height: number,
  x: number,
  y: number,
  scale: number,
  range: [lo: number, hi: number] = [0, 1]
): void {
  const image = context.createImageData(width, height);
  const [lo, hi] = range;
  const span = hi - lo || 1;
  for (let i = 0; i < width * height; ++i) {
    const v = Math.max(0, Math.min(255, Math.round(((values[i] - lo) / span) * 255)));
    image.data[i * 4] = image.data[i * 4 + 1] = image.data[i * 4 + 2] = v;
    image.data[i * 4 + 3] = 255;
  }
  if (scale === 1) {
    context.putImageData(image, x, y);
    return;
  }
  const tile = document.createElement("canvas");
  tile.width = width;
  tile.height = height;
  tile.getContext("2d")!.putImageData(image, 0, 0);
  context.imageSmoothingEnabled = false;
  context.drawImage(tile, x, y, width * scale, height * scale);
}


/** Symmetric range [-m, m] of a weight tensor's values, for diverging grey maps. */
export function symmetricRange(values: ArrayLike<number>): [number, number] {
  let m = 0;
  for (let i = 0; i < values.length; ++i) m = Math.max(m, Math.abs(values[i]));
  return [-m || -1, m || 1];
}
