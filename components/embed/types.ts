// What an embed builder gets and gives back (see ./registry.ts).
import type {Control} from "../controls.ts";
import type {Normalize} from "../url-state.ts";

/** A file of the built site, as Framework's FileAttachment gives it to the page. */
export interface Attachment {
  json(): Promise<unknown>;
  text(): Promise<string>;
  arrayBuffer(): Promise<ArrayBuffer>;
  image(): Promise<HTMLImageElement>;
}

/** The data files embeds read; the page (src/embed/[figure].md) attaches each by its literal path. */
export type EmbedFile = "mnist.json" | "mnist-images.png" | "mnist-labels.bin" | "mnist-fc.json" | "mnist-cnn.json" | "rl-cartpole.json"
  | "rl-pong.json" | "abc-corpus.json" | "music-lstm.json"
  | "faces.json" | "faces-train.png" | "faces-test.png" | "faces-attributes.json" | "faces-cnn.json" | "faces-control.json" | "faces-dbvae.json"
  | "faces-cards.json" | "faces-seed-study.json";

export interface EmbedContext {
  /** The page's query string, e.g. "?model=fc&test=50"; it goes through the essay's normalize step. */
  search: string;
  files: Readonly<Record<EmbedFile, Attachment>>;
}

export interface Embed {
  /** The essay the figure comes from: its path without the slash ("digits"). */
  essay: string;
  /** What the page shows, in order: the controls the figure needs and the figure itself. */
  parts: HTMLElement[];
  /** The normalize step's notes on the query string (shown as text, never as HTML). */
  notes: readonly string[];
  /** The controls whose values the address keeps, by URL parameter name. */
  controls: Readonly<Record<string, Control<unknown>>>;
  normalize: Normalize;
  dispose(): void;
}

export type EmbedBuilder = (context: EmbedContext) => Promise<Embed>;
