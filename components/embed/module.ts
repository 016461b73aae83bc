// The figures as a JavaScript module, for slide frameworks and pages that import rather than
// frame: the built site publishes /modules/figures.js (src/modules/figures.js), which passes
// its data files and its own address to mountFigure() below. A host page then writes
//   import {mount} from "https://your-host/modules/figures.js";
//   const figure = await mount("perceptron", element, {params: {w1: 2, act: "tanh"}});
// Every name of EMBED_NAMES works, through the same builders as the embed pages.
import {initBackend} from "../backend.ts";
import type {BackendChoice} from "../backend.ts";
import {notice} from "../controls.ts";
import {buildEmbed} from "./registry.ts";
import type {Attachment, EmbedFile} from "./types.ts";

/** A figure's settings: a query string ("?w1=2&act=tanh"), URLSearchParams or a plain object. */
export type FigureParams = string | URLSearchParams | Readonly<Record<string, string | number | boolean>>;

export interface MountFigureOptions {
  /** The figure's settings, with the URL parameter names of its embed page. */
  params?: FigureParams;
  /** The TensorFlow.js backend to ask for ("webgpu", "webgl", "wasm", "cpu"); the first that
   * starts otherwise. Only the first mount of a page chooses: tfjs has one backend per page. */
  backend?: string;
  /** false: do not link the figures' stylesheet (/modules/figures.css) into the page. */
  stylesheet?: boolean;
}

export interface SiteFiles {
  /** Every data file a figure may read, by name (src/modules/figures.js attaches them). */
  files: Readonly<Record<EmbedFile, Attachment>>;
  /** The built site's root URL, e.g. "https://your-host/": the WASM binaries live under it. */
  siteRoot: string;
}

export interface MountedFigure {
  /** The element the figure was put in (a child of the host's element). */
  root: HTMLElement;
  /** The essay's notes on `params` (values clamped or ignored), also shown above the figure. */
  notes: readonly string[];
  /** The backend tfjs runs on in this page. */
  backend: BackendChoice;
  /** Stops the figure's loops, frees its tensors and removes it from the page. */
  dispose(): void;
}

let backendStart: Promise<BackendChoice> | null = null;

/** Builds figure `name` into `element`; an unknown name throws, listing the names. */
export async function mountFigure(name: string, element: Element, {params, backend, stylesheet = true}: MountFigureOptions, site: SiteFiles): Promise<MountedFigure> {
  if (!(element instanceof Element)) throw new TypeError(`mount("${name}"): expected a DOM element to mount into, got ${String(element)}`);
  if (stylesheet) linkStylesheet(new URL("modules/figures.css", site.siteRoot).href);
  backendStart ??= initBackend(backend ?? null, new URL("_lib/wasm/", site.siteRoot).href);
  const choice = await backendStart;
  const embed = await buildEmbed(name, {search: toSearch(params), files: site.files});
  const root = document.createElement("div");
  root.className = "manus-module";
  root.dataset.embed = name;
  for (const note of embed.notes) root.append(notice(note, "error"));
  root.append(...embed.parts);
  element.append(root);
  return {
    root,
    notes: embed.notes,
    backend: choice,
    dispose() {
      embed.dispose();
      root.remove();
    }
  };
}

/** Links the figures' stylesheet into the page, once. */
function linkStylesheet(href: string): void {
  if (document.querySelector("link[data-manus-figures]")) return;
  const link = document.createElement("link");
  link.rel = "stylesheet";
  link.href = href;
  link.dataset.manusFigures = "";
  document.head.append(link);
}

/** The query string for `params`; every value goes through the essay's normalize step, never into HTML. */
export function toSearch(params: FigureParams = ""): string {
  if (typeof params === "string") return params.startsWith("?") || params === "" ? params : `?${params}`;
  const query = params instanceof URLSearchParams ? params : new URLSearchParams(Object.entries(params).map(([key, value]) => [key, String(value)]));
  const text = query.toString();
  return text ? `?${text}` : "";
}
