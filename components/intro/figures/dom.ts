// Small DOM helpers shared by the Intro figures: SVG elements, number formatting, and a
// guard that drops results of a computation that a newer slider move has overtaken.

const SVG_NS = "http://www.w3.org/2000/svg";

/** An SVG element with attributes; `text` becomes its textContent (never parsed as markup). */
export function svgEl<K extends keyof SVGElementTagNameMap>(
  tag: K,
  attrs: Record<string, string | number> = {},
  text?: string
): SVGElementTagNameMap[K] {
  const element = document.createElementNS(SVG_NS, tag);
  for (const [key, value] of Object.entries(attrs)) element.setAttribute(key, String(value));
  if (text !== undefined) element.textContent = text;
  return element;
}

/** An HTML element with a class and text content. */
export function htmlEl<K extends keyof HTMLElementTagNameMap>(tag: K, className = "", text?: string): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  if (className) element.className = className;
  if (text !== undefined) element.textContent = text;
  return element;
}

/** A number for the page: up to `digits` decimals, trailing zeros dropped, a true minus sign. */
export function fmt(value: number, digits = 3): string {
  if (Number.isNaN(value)) return "NaN";
  if (!Number.isFinite(value)) return value > 0 ? "∞" : "−∞";
  if (Math.abs(value) >= 1e5) return value.toExponential(2).replace("-", "−");
  const text = Number(value.toFixed(digits)).toString();
  return (text === "-0" ? "0" : text).replace("-", "−");
}

/** A number for alt texts, which tests parse: plain ASCII, fixed decimals. */
export function num(value: number, digits = 4): string {
  if (!Number.isFinite(value)) return String(value);
  return Math.abs(value) >= 1e5 ? value.toExponential(3) : value.toFixed(digits);
}

/**
 * Runs async updates so that only the latest one draws: call `run(work, draw)`; when a
 * newer run starts before `work` resolves, the older result is dropped. A failure goes to
 * `onError` (the figure says so in its text), never to an unhandled rejection.
 */
export function latestOnly(onError: (error: Error) => void): <T>(work: () => Promise<T>, draw: (result: T) => void) => Promise<void> {
  let ticket = 0;
  return async (work, draw) => {
    const mine = ++ticket;
    try {
      const result = await work();
      if (mine === ticket) draw(result);
    } catch (cause) {
      const error = cause instanceof Error ? cause : new Error(String(cause));
      console.error(error);
      if (mine === ticket) onError(error);
    }
  };
}

/** The onError of latestOnly for a figure: its text alternative names the failure. */
export function failIn(frame: {describe(text: string): void}, what: string): (error: Error) => void {
  return (error) => frame.describe(`${what} failed: ${error.message}`);
}

/** True when the reader asked the system for less motion. */
export function prefersReducedMotion(): boolean {
  return typeof matchMedia === "function" && matchMedia("(prefers-reduced-motion: reduce)").matches;
}

/** Where a pointer event falls in an SVG's viewBox units. */
export function svgPoint(svg: SVGSVGElement, event: MouseEvent): [number, number] {
  const box = svg.getBoundingClientRect();
  const view = svg.viewBox.baseVal;
  return [
    view.x + ((event.clientX - box.left) / box.width) * view.width,
    view.y + ((event.clientY - box.top) / box.height) * view.height
  ];
}

/** A diverging colour for a value in [0, 1]: blue (0) through white to orange (1). */
export function divergingColour(t: number): [number, number, number] {
  const u = Math.max(0, Math.min(1, t));
  const [lo, mid, hi] = [[49, 130, 189], [247, 247, 247], [230, 126, 34]];
  const [a, b, s] = u < 0.5 ? [lo, mid, u * 2] : [mid, hi, (u - 0.5) * 2];
  return [0, 1, 2].map((i) => Math.round(a[i] + (b[i] - a[i]) * s)) as [number, number, number];
}

/** A heat map image (data URL) of n × n values in [0, 1], rows from the top. */
export function heatmapUrl(values: ArrayLike<number>, n: number, colour = divergingColour): string {
  const canvas = document.createElement("canvas");
  canvas.width = canvas.height = n;
  const context = canvas.getContext("2d");
  if (!context) return "";
  const image = context.createImageData(n, n);
  for (let i = 0; i < n * n; ++i) {
    const [r, g, b] = colour(values[i]);
    image.data.set([r, g, b, 255], i * 4);
  }
  context.putImageData(image, 0, 0);
  return canvas.toDataURL();
}
