// The model the essay's cells share: the pretrained one, one trained in the page, or one
// built for an uploaded corpus. An element with a `value` that fires "input" when the
// model changes, so a page wraps it in Framework's view() and cells rerun on a change.
import type {Vocabulary} from "../../loaders/abc.ts";
import type {TrainingCard} from "../checkpoint.ts";
import type {tf} from "../tf.ts";

export interface MusicModelEntry {
  model: tf.LayersModel;
  vocabulary: Vocabulary;
  /** "the pretrained checkpoint", "trained in this page"… */
  label: string;
  card?: TrainingCard;
  /** Increases on every change (training steps change weights in place). */
  version: number;
}

export interface ModelSlot extends HTMLElement {
  value: MusicModelEntry | null;
  /** Puts a model in the slot (disposing the one it replaces) and tells the page. */
  set(entry: Omit<MusicModelEntry, "version"> | null): void;
  /** Tells the page the weights changed in place (after training). */
  touch(label?: string): void;
}

export function createModelSlot(initial: Omit<MusicModelEntry, "version"> | null): ModelSlot {
  const root = document.createElement("span") as unknown as ModelSlot;
  root.className = "manus-model-slot";
  let current: MusicModelEntry | null = initial && {...initial, version: 1};
  let version = 1;
  const show = () => {
    root.textContent = current ? `Model: ${current.label} (${current.model.countParams().toLocaleString("en-US")} parameters).` : "No model yet.";
  };
  Object.defineProperty(root, "value", {get: () => current});
  root.set = (entry) => {
    if (current && current.model !== entry?.model) current.model.dispose();
    current = entry && {...entry, version: ++version};
    show();
    root.dispatchEvent(new Event("input", {bubbles: true}));
  };
  root.touch = (label) => {
    if (!current) return;
    current = {...current, label: label ?? current.label, version: ++version};
    show();
    root.dispatchEvent(new Event("input", {bubbles: true}));
  };
  show();
  return root;
}
