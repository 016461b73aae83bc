// The figure convention. Every figure is a <figure data-figure="name"> whose text
// alternative (an element with data-alt) states what it shows with its current numbers.
// Tests, embeds and screen readers all find a figure by its name and read that text.
// Shown in a page, a figure gets buttons that export it as PNG and SVG (./export.ts).
import {watchFigures} from "./export.ts";

export interface FigureFrame {
  /** The <figure> element to put in the page. */
  root: HTMLElement;
  /** Where the figure draws (an SVG, a canvas, a grid of images…). */
  body: HTMLElement;
  /** Replaces the text alternative: say what is shown, with the numbers shown. */
  describe(text: string): void;
}

export interface FigureOptions {
  /** A short title shown above the figure. */
  title?: string;
  /** A sentence under the figure that explains how to read it. */
  caption?: string;
  /** false: no PNG/SVG export buttons (default true). */
  exportable?: boolean;
}

const NAME = /^[a-z][a-z0-9-]*$/;
let figureCount = 0;

export function createFigure(name: string, {title, caption, exportable = true}: FigureOptions = {}): FigureFrame {
  if (!NAME.test(name)) throw new Error(`invalid figure name: "${name}" (expected lowercase words joined by -)`);
  watchFigures(document);
  const root = document.createElement("figure");
  root.className = "manus-figure";
  root.dataset.figure = name;
  if (!exportable) root.dataset.exportable = "false";
  if (title) {
    const heading = document.createElement("div");
    heading.className = "manus-figure-title";
    heading.textContent = title;
    root.append(heading);
  }
  const body = document.createElement("div");
  body.className = "manus-figure-body";
  const alt = document.createElement("figcaption");
  alt.className = "manus-figure-alt";
  alt.dataset.alt = "";
  alt.id = `alt-${name}-${++figureCount}`;
  alt.setAttribute("aria-live", "polite");
  root.setAttribute("aria-describedby", alt.id);
  root.setAttribute("role", "group");
  if (title) root.setAttribute("aria-label", title);
  root.append(body, alt);
  // Never empty, even before the figure's first describe(): a screen reader (and the
  // browser check over every page) must always find what the figure shows.
  alt.textContent = `${title ?? name}: nothing shown yet.`;
  if (caption) {
    const note = document.createElement("p");
    note.className = "manus-figure-caption";
    note.textContent = caption;
    root.append(note);
  }
  return {
    root,
    body,
    describe(text: string) {
      alt.textContent = text;
    }
  };
}

/** Formats a share as a percentage with one decimal: 0.9854 → "98.5 %". */
export function percent(value: number, digits = 1): string {
  return Number.isFinite(value) ? `${(value * 100).toFixed(digits)} %` : "–";
}
