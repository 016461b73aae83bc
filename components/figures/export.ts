// Export of a figure as it is now, as PNG or SVG. The drawable parts of a figure's body (its
// top-level <svg>s, <canvas>es and <img>s) are laid out as on screen into one SVG: each <svg>
// is copied with the computed styles that matter inlined (CSS variables and classes do not
// travel), each raster part becomes an <image> with a PNG data URL. The PNG is that SVG
// rasterised, or, for a figure that is one canvas, the canvas itself. Text outside the
// drawings (HTML tables, readouts) and the controls are left out, and the buttons say so.
//
// The toolbar (buttons "PNG" and "SVG") is added to a figure when it is shown in a document
// (a MutationObserver per document), not when it is built: a figure built in a test and never
// shown, such as the curve's snapshot, stays exactly as its code made it.

import {downloadBlob} from "../download.ts";

export type ExportFormat = "png" | "svg";

export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** One piece of the composed picture: SVG markup, or a raster image's URL, at a place. */
export type Part = ({kind: "svg"; markup: string} | {kind: "image"; href: string; pixelated: boolean}) & {box: Box};

export interface ExportPlan {
  /** The drawable elements in document order. */
  drawables: Array<SVGSVGElement | HTMLCanvasElement | HTMLImageElement>;
  svgs: SVGSVGElement[];
  rasters: Array<HTMLCanvasElement | HTMLImageElement>;
  /** Text outside the drawings (a table, a readout) that an image cannot carry. */
  textLeftOut: boolean;
}

/** Computed styles copied onto every element of an exported SVG. */
export const INLINED_PROPERTIES = [
  "fill", "fill-opacity", "stroke", "stroke-width", "stroke-opacity", "stroke-dasharray", "stroke-linecap",
  "stroke-linejoin", "opacity", "color", "font-family", "font-size", "font-weight", "font-style", "text-anchor",
  "dominant-baseline", "display", "visibility"
] as const;

const SVG_NS = "http://www.w3.org/2000/svg";
const IGNORED = "[data-control], .manus-controls, .manus-figure-tools, button, select, option, label, style, script";

export function exportFileName(figureName: string, format: ExportFormat): string {
  return `${figureName}.${format}`;
}

/** What an export of this figure body would hold (no layout needed: works in jsdom). */
export function planExport(body: Element): ExportPlan {
  // Top-level drawings only: an <svg> or <img> inside an <svg> travels with it.
  const drawables = [...body.querySelectorAll("svg, canvas, img")].filter((el) => !el.parentElement?.closest("svg")) as ExportPlan["drawables"];
  const svgs = drawables.filter((el) => el.localName === "svg") as SVGSVGElement[];
  const rasters = drawables.filter((el) => el.localName !== "svg") as ExportPlan["rasters"];
  const walker = body.ownerDocument.createTreeWalker(body, 4 /* NodeFilter.SHOW_TEXT */);
  let textLeftOut = false;
  for (let node = walker.nextNode(); node && !textLeftOut; node = walker.nextNode()) {
    const parent = node.parentElement;
    if (!node.textContent?.trim() || !parent || parent.closest("svg") || parent.closest(IGNORED)) continue;
    textLeftOut = true;
  }
  return {drawables, svgs, rasters, textLeftOut};
}

/** "the chart", "2 images and a chart (text and tables are not included)", "nothing: …". */
export function describePlan({svgs, rasters, textLeftOut}: Pick<ExportPlan, "svgs" | "rasters" | "textLeftOut">): string {
  const count = (n: number, word: string) => (n === 1 ? `${/^[aeiou]/.test(word) ? "an" : "a"} ${word}` : `${n} ${word}s`);
  const parts = [rasters.length ? count(rasters.length, "image") : "", svgs.length ? count(svgs.length, "chart") : ""].filter(Boolean);
  if (parts.length === 0) return "nothing: this figure has no drawing, only text (its text alternative says what it shows)";
  const what = parts.length === 1 && (svgs.length + rasters.length === 1) ? `the ${svgs.length ? "chart" : "image"}` : parts.join(" and ");
  return textLeftOut ? `${what} (text and tables are not included)` : what;
}

/** Replaces every var(--name, fallback) in `value` by lookup(--name), else by its fallback. */
export function resolveCssVariables(value: string, lookup: (name: string) => string, depth = 0): string {
  if (depth > 8 || !value.includes("var(")) return value;
  let out = "";
  let i = 0;
  while (i < value.length) {
    const start = value.indexOf("var(", i);
    if (start < 0) break;
    out += value.slice(i, start);
    // Find the matching parenthesis: fallbacks may hold var() or rgb() themselves.
    let level = 0;
    let end = start + 3;
    for (; end < value.length; ++end) {
      if (value[end] === "(") level++;
      else if (value[end] === ")" && --level === 0) break;
    }
    const inner = value.slice(start + 4, end);
    const comma = inner.indexOf(",");
    const name = (comma < 0 ? inner : inner.slice(0, comma)).trim();
    const fallback = comma < 0 ? "" : inner.slice(comma + 1).trim();
    const found = lookup(name).trim();
    out += resolveCssVariables(found || fallback, lookup, depth + 1);
    i = end + 1;
  }
  return out + value.slice(i);
}

/**
 * A standalone copy of `svg`: computed styles inlined on every element, attributes that use
 * CSS variables resolved, and the size it has on screen. `computed` is getComputedStyle in a
 * page; tests pass their own.
 */
export function inlineSvg(
  svg: SVGSVGElement,
  size: {width: number; height: number},
  computed: (element: Element) => CSSStyleDeclaration = (element) => getComputedStyle(element)
): SVGSVGElement {
  const copy = svg.cloneNode(true) as SVGSVGElement;
  const sources = [svg, ...svg.querySelectorAll("*")];
  const copies = [copy, ...copy.querySelectorAll("*")];
  sources.forEach((source, k) => {
    const target = copies[k] as SVGElement;
    const style = computed(source);
    for (const property of INLINED_PROPERTIES) {
      const value = style.getPropertyValue(property);
      if (value) target.style.setProperty(property, resolveCssVariables(value, (name) => style.getPropertyValue(name)));
    }
    for (const attribute of [...target.attributes]) {
      if (attribute.value.includes("var(")) {
        target.setAttribute(attribute.name, resolveCssVariables(attribute.value, (name) => style.getPropertyValue(name)));
      }
    }
  });
  copy.setAttribute("xmlns", SVG_NS);
  copy.setAttribute("width", String(round(size.width)));
  copy.setAttribute("height", String(round(size.height)));
  // A width of 100 % or a max-width would stretch the copy to whatever holds it.
  for (const property of ["width", "height", "max-width", "max-height"]) copy.style.removeProperty(property);
  copy.removeAttribute("aria-hidden");
  return copy;
}

/** The parts laid out in one SVG document, on a background colour, cropped to their extent. */
export function composeSvg(parts: readonly Part[], {background = "white", title = ""}: {background?: string; title?: string} = {}): string {
  if (parts.length === 0) throw new Error("composeSvg: expected at least one part to draw, got none");
  const x0 = Math.min(...parts.map((p) => p.box.x));
  const y0 = Math.min(...parts.map((p) => p.box.y));
  const width = round(Math.max(...parts.map((p) => p.box.x + p.box.width)) - x0);
  const height = round(Math.max(...parts.map((p) => p.box.y + p.box.height)) - y0);
  const place = (box: Box) => `x="${round(box.x - x0)}" y="${round(box.y - y0)}" width="${round(box.width)}" height="${round(box.height)}"`;
  const body = parts.map((part) => {
    if (part.kind === "image") {
      const style = part.pixelated ? ' style="image-rendering:pixelated" image-rendering="pixelated"' : "";
      return `<image ${place(part.box)} preserveAspectRatio="none"${style} href="${escapeAttribute(part.href)}"/>`;
    }
    // The copied <svg> has its on-screen size and keeps its own viewBox: a translation places it.
    return `<g transform="translate(${round(part.box.x - x0)},${round(part.box.y - y0)})">${part.markup}</g>`;
  });
  return (
    `<svg xmlns="${SVG_NS}" xmlns:xlink="http://www.w3.org/1999/xlink" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">` +
    (title ? `<title>${escapeText(title)}</title>` : "") +
    `<rect width="100%" height="100%" fill="${escapeAttribute(background)}"/>` +
    body.join("") +
    "</svg>"
  );
}

/** The figure body as one SVG document, laid out as on screen (needs a real browser). */
export function figureToSvg(figure: HTMLElement): {svg: string; width: number; height: number; plan: ExportPlan} {
  const body = figure.querySelector(".manus-figure-body") ?? figure;
  const plan = planExport(body);
  const serializer = new XMLSerializer();
  const parts: Part[] = [];
  for (const element of plan.drawables) {
    const rect = element.getBoundingClientRect();
    if (rect.width === 0 || rect.height === 0) continue; // hidden
    const box = {x: rect.left + scrollX, y: rect.top + scrollY, width: rect.width, height: rect.height};
    if (element.localName === "svg") {
      parts.push({kind: "svg", markup: serializer.serializeToString(inlineSvg(element as SVGSVGElement, box)), box});
    } else {
      const href = rasterUrl(element as HTMLCanvasElement | HTMLImageElement);
      const pixelated = getComputedStyle(element).imageRendering === "pixelated";
      if (href) parts.push({kind: "image", href, pixelated, box});
    }
  }
  if (parts.length === 0) throw new Error(`figure "${figure.dataset.figure}" has nothing to export: ${describePlan(plan)}`);
  const svg = composeSvg(parts, {background: backgroundOf(figure), title: figure.querySelector(".manus-figure-title")?.textContent ?? ""});
  const match = /width="([\d.]+)" height="([\d.]+)"/.exec(svg)!;
  return {svg, width: Number(match[1]), height: Number(match[2]), plan};
}

/** The figure as a file: PNG or SVG. */
export async function exportFigure(figure: HTMLElement, format: ExportFormat): Promise<Blob> {
  const body = figure.querySelector(".manus-figure-body") ?? figure;
  const plan = planExport(body);
  const only = plan.drawables.length === 1 ? plan.drawables[0] : null;
  if (format === "png" && only?.localName === "canvas") {
    // One canvas: its own pixels, at its own resolution.
    return canvasBlob(only as HTMLCanvasElement);
  }
  const {svg, width, height} = figureToSvg(figure);
  if (format === "svg") return new Blob([svg], {type: "image/svg+xml"});
  const scale = Math.max(2, Math.ceil(globalThis.devicePixelRatio || 1), ...plan.rasters.map(nativeScale));
  const image = new Image();
  image.src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`;
  await image.decode();
  const canvas = document.createElement("canvas");
  canvas.width = Math.round(width * scale);
  canvas.height = Math.round(height * scale);
  const context = canvas.getContext("2d");
  if (!context) throw new Error("this browser gives no 2D canvas context to draw the PNG on");
  context.drawImage(image, 0, 0, canvas.width, canvas.height);
  return canvasBlob(canvas);
}

/** Exports and saves the figure as <figure-name>.<format>. */
export async function downloadFigure(figure: HTMLElement, format: ExportFormat): Promise<void> {
  downloadBlob(await exportFigure(figure, format), exportFileName(figure.dataset.figure ?? "figure", format));
}

/** The toolbar of a figure: two buttons whose labels say what they export. */
export function createToolbar(figure: HTMLElement): HTMLElement {
  const bar = document.createElement("div");
  bar.className = "manus-figure-tools";
  bar.setAttribute("role", "toolbar");
  bar.setAttribute("aria-label", "Export this figure");
  const status = document.createElement("span");
  status.className = "manus-figure-tools-status";
  status.setAttribute("role", "status");
  const buttons = (["png", "svg"] as const).map((format) => {
    const button = document.createElement("button");
    button.type = "button";
    button.className = "manus-figure-export";
    button.dataset.control = `export-${format}`;
    button.textContent = format.toUpperCase();
    button.addEventListener("click", () => {
      status.textContent = "";
      downloadFigure(figure, format).catch((error: Error) => {
        status.textContent = `Could not export: ${error.message}`;
      });
    });
    return button;
  });
  const label = () => {
    const title = figure.querySelector(".manus-figure-title")?.textContent || figure.dataset.figure;
    const what = describePlan(planExport(figure.querySelector(".manus-figure-body") ?? figure));
    buttons.forEach((button, k) => {
      const text = `Download “${title}” as ${k === 0 ? "PNG" : "SVG"}: ${what}`;
      button.title = text;
      button.setAttribute("aria-label", text);
    });
  };
  label();
  // What a figure holds changes as it updates: the labels are brought up to date when looked at.
  bar.addEventListener("focusin", label);
  bar.addEventListener("pointerenter", label);
  bar.append(...buttons, status);
  return bar;
}

/** Adds the toolbar to a figure unless it has one or opted out ({exportable: false}). */
export function addToolbar(figure: HTMLElement): void {
  if (figure.dataset.exportable === "false" || figure.querySelector(":scope > .manus-figure-tools")) return;
  // First in the figure, floated to the right of its title: found before the figure's controls.
  figure.prepend(createToolbar(figure));
}

const watched = new WeakSet<Document>();

/** Gives every figure shown in `document`, now or later, its toolbar. */
export function watchFigures(document: Document): void {
  if (watched.has(document) || typeof MutationObserver === "undefined") return;
  watched.add(document);
  const visit = (node: Node) => {
    if (node.nodeType !== 1) return;
    const element = node as Element;
    if (element.matches("figure.manus-figure")) addToolbar(element as HTMLElement);
    for (const figure of element.querySelectorAll<HTMLElement>("figure.manus-figure")) addToolbar(figure);
  };
  new MutationObserver((records) => {
    for (const record of records) record.addedNodes.forEach(visit);
  }).observe(document, {childList: true, subtree: true});
  if (document.documentElement) visit(document.documentElement);
}

function rasterUrl(element: HTMLCanvasElement | HTMLImageElement): string | null {
  try {
    if (element instanceof HTMLCanvasElement) return element.toDataURL("image/png");
    const canvas = document.createElement("canvas");
    canvas.width = element.naturalWidth;
    canvas.height = element.naturalHeight;
    canvas.getContext("2d")?.drawImage(element, 0, 0);
    return canvas.toDataURL("image/png");
  } catch {
    return null; // a cross-origin image taints the canvas: left out
  }
}

function nativeScale(element: HTMLCanvasElement | HTMLImageElement): number {
  const width = element instanceof HTMLCanvasElement ? element.width : element.naturalWidth;
  const shown = element.getBoundingClientRect().width;
  return shown > 0 ? Math.min(4, Math.ceil(width / shown)) : 1;
}

function canvasBlob(canvas: HTMLCanvasElement): Promise<Blob> {
  return new Promise((resolve, reject) =>
    canvas.toBlob((blob) => (blob ? resolve(blob) : reject(new Error("the canvas could not be encoded as PNG"))), "image/png")
  );
}

/** The colour the figure is seen on: the first opaque background up the tree, else white. */
function backgroundOf(element: Element): string {
  for (let node: Element | null = element; node; node = node.parentElement) {
    const colour = getComputedStyle(node).backgroundColor;
    if (colour && colour !== "transparent" && !/rgba\(.*,\s*0\)$/.test(colour)) return colour;
  }
  return "white";
}

function round(value: number): number {
  return Math.round(value * 100) / 100;
}

function escapeAttribute(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/"/g, "&quot;").replace(/</g, "&lt;");
}

function escapeText(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}
