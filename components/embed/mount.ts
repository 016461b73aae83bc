// An embed page's content: the figure with its controls, the notes on its URL parameters,
// a link to the essay, and the page's height posted to the frame's parent as it changes:
//   window.addEventListener("message", ({data}) => data?.type === "manus-embed-size" && …)
import {notice} from "../controls.ts";
import {bindUrlState} from "../url-state.ts";
import {EMBED_NAMES} from "./names.ts";
import {buildEmbed, UnknownFigureError} from "./registry.ts";
import type {EmbedContext} from "./types.ts";

export interface MountedEmbed {
  root: HTMLElement;
  dispose(): void;
}

export interface EmbedSizeMessage {
  type: "manus-embed-size";
  figure: string;
  /** The height the page needs, in CSS pixels. */
  height: number;
}

export interface MountOptions {
  /** The backend line (components/ready.ts startBackend()), shown small under the figure. */
  backend?: HTMLElement;
}

export async function mountEmbed(name: string, context: EmbedContext, {backend}: MountOptions = {}): Promise<MountedEmbed> {
  const root = document.createElement("div");
  root.className = "manus-embed";
  const footer = document.createElement("div");
  footer.className = "manus-embed-footer";
  if (backend) footer.append(backend);
  const stopSizing = postSize(name, root);
  let embed;
  try {
    embed = await buildEmbed(name, context);
  } catch (error) {
    root.dataset.embed = "";
    root.append(notice(error instanceof UnknownFigureError ? capitalise(error.message) + "." : `Could not build the figure ${name}: ${(error as Error).message}`, "error"));
    if (error instanceof UnknownFigureError) root.append(nameList());
    else console.error(error);
    root.append(footer);
    return {root, dispose: stopSizing};
  }
  root.dataset.embed = name;
  for (const note of embed.notes) root.append(notice(note, "error"));
  root.append(...embed.parts);
  const link = document.createElement("a");
  link.className = "manus-embed-source";
  link.href = `../${embed.essay}`;
  link.target = "_top";
  link.textContent = "Manus: read the essay this figure comes from";
  footer.append(link);
  root.append(footer);
  const permalink = bindUrlState({controls: embed.controls, normalize: embed.normalize});
  return {
    root,
    dispose() {
      permalink.dispose();
      stopSizing();
      embed.dispose();
    }
  };
}

/** Links to every embed page (shown for an unknown name). */
function nameList(): HTMLElement {
  const list = document.createElement("ul");
  list.className = "manus-embed-names";
  for (const name of EMBED_NAMES) {
    const link = document.createElement("a");
    link.href = `./${name}`;
    link.textContent = name;
    const item = document.createElement("li");
    item.append(link);
    list.append(item);
  }
  return list;
}

/** Posts the height the page needs to show `root` to the parent frame whenever it changes; returns the stop. */
function postSize(figure: string, root: HTMLElement): () => void {
  if (window.parent === window || typeof ResizeObserver === "undefined") return () => {};
  let last = -1;
  const observer = new ResizeObserver(() => {
    // The bottom of the content, not the document's scroll height, which is at least the frame's own.
    const height = Math.ceil(root.getBoundingClientRect().bottom + scrollY + parseFloat(getComputedStyle(document.body).marginBottom || "0") + 16);
    if (height === last) return;
    last = height;
    // Only a size and a name: nothing the parent could not see anyway, so any origin may read it.
    window.parent.postMessage({type: "manus-embed-size", figure, height} satisfies EmbedSizeMessage, "*");
  });
  observer.observe(root);
  return () => observer.disconnect();
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
