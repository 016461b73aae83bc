// Drawing RGB images on canvases, pixel-exact, for every faces figure.
import {createCanvas} from "../../figures/canvas.ts";

export {createCanvas};

/** Draws an RGB image (`values` [size, size, 3], row-major, 0…`max`) at (x, y), scaled up `scale` times. */
export function drawRgb(
  context: CanvasRenderingContext2D,
  values: ArrayLike<number>,
  size: number,
  x: number,
  y: number,
  scale: number,
  max = 255
): void {
  const image = context.createImageData(size, size);
  for (let p = 0; p < size * size; ++p) {
    for (let c = 0; c < 3; ++c) image.data[p * 4 + c] = Math.max(0, Math.min(255, Math.round((values[p * 3 + c] / max) * 255)));
    image.data[p * 4 + 3] = 255;
  }
  const tile = document.createElement("canvas");
  tile.width = tile.height = size;
  tile.getContext("2d")!.putImageData(image, 0, 0);
  context.imageSmoothingEnabled = false;
  context.drawImage(tile, x, y, size * scale, size * scale);
}


/** A row of images: `images` is a list of [size, size, 3] arrays in 0…max. */
export function drawStrip(canvas: HTMLCanvasElement, images: ArrayLike<number>[], size: number, scale: number, max = 255, gap = 2): void {
  canvas.width = Math.max(1, images.length * (size * scale + gap));
  canvas.height = size * scale;
  canvas.style.width = `${canvas.width}px`;
  const context = canvas.getContext("2d")!;
  context.clearRect(0, 0, canvas.width, canvas.height);
  images.forEach((image, k) => drawRgb(context, image, size, k * (size * scale + gap), 0, scale, max));
}
