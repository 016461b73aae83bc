// A canvas for pixel images: drawn at its own size and kept sharp when scaled.

/** A canvas of a given CSS size that keeps its pixels sharp, labelled for screen readers. */
export function createCanvas(width: number, height: number, label: string): HTMLCanvasElement {
  const canvas = document.createElement("canvas");
  canvas.width = width;
  canvas.height = height;
  canvas.style.width = `${width}px`;
  canvas.style.maxWidth = "100%";
  canvas.style.imageRendering = "pixelated";
  canvas.setAttribute("role", "img");
  canvas.setAttribute("aria-label", label);
  return canvas;
}
