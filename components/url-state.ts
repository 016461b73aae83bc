// Permalinks: as the reader moves a control, its value is written into the address (with
// history.replaceState, debounced, so the back button is not flooded), and the essay's own
// normalize step restores it on the next visit. Only values that step accepts and that differ
// from its defaults are written; parameters the essay does not own (backend, test…) are kept.
//   bindUrlState({controls: {lr: rateSlider, model: modelMenu}, normalize: normalizeDigitsParams})
import type {Control} from "./controls.ts";

/** An essay's normalize step: loose search string → strict settings, with notes on what it fixed. */
export type Normalize = (search: string) => {settings: unknown; notes: readonly string[]};

/** The parameters for `values` (URL name → value) that `normalize` takes as given and that are not defaults. */
export function searchFor(values: Readonly<Record<string, unknown>>, normalize: Normalize): URLSearchParams {
  const defaults = JSON.stringify(normalize("").settings);
  const out = new URLSearchParams();
  for (const [name, value] of Object.entries(values)) {
    const text = String(value);
    const {settings, notes} = normalize(`?${new URLSearchParams({[name]: text})}`);
    if (notes.length === 0 && JSON.stringify(settings) !== defaults) out.set(name, text);
  }
  return out;
}

/** `current` with the `managed` parameters replaced by those of `next`; the others stay as they were. */
export function mergeSearch(current: string, managed: Iterable<string>, next: URLSearchParams): string {
  const query = new URLSearchParams(current);
  for (const name of managed) query.delete(name);
  for (const [name, value] of next) query.set(name, value);
  const text = query.toString();
  return text ? `?${text}` : "";
}

/** The controls under `roots` by URL name; `names` maps each URL name to its data-control name. */
export function controlsIn(roots: ArrayLike<ParentNode>, names: Readonly<Record<string, string>>): Record<string, Control<unknown>> {
  const found: Record<string, Control<unknown>> = {};
  for (const [param, control] of Object.entries(names)) {
    for (const root of Array.from(roots)) {
      const element = root.querySelector(`[data-control="${control}"]`);
      if (element && "value" in element) {
        found[param] = element as unknown as Control<unknown>;
        break;
      }
    }
  }
  return found;
}

export interface UrlStateOptions {
  /** URL name → the control that holds that setting. */
  controls: Readonly<Record<string, Control<unknown>>>;
  normalize: Normalize;
  /** Quiet time after the last move before the address is written (ms). */
  delayMs?: number;
  /** Where to write; the window's by default (tests pass their own). */
  history?: Pick<History, "replaceState" | "state">;
  location?: Pick<Location, "pathname" | "search" | "hash">;
}

export interface UrlState {
  /** The search string the controls stand for now. */
  search(): string;
  /** Writes now instead of after the delay. */
  flush(): void;
  /** Stops following the controls, writing first any change still waiting for its delay. */
  dispose(): void;
}

export function bindUrlState({controls, normalize, delayMs = 300, history = window.history, location = window.location}: UrlStateOptions): UrlState {
  let timer: ReturnType<typeof setTimeout> | null = null;
  const values = () => Object.fromEntries(Object.entries(controls).map(([name, control]) => [name, control.value]));
  const search = () => mergeSearch(location.search, Object.keys(controls), searchFor(values(), normalize));
  const flush = () => {
    if (timer !== null) clearTimeout(timer);
    timer = null;
    const next = search();
    if (next !== location.search) history.replaceState(history.state, "", `${location.pathname}${next}${location.hash}`);
  };
  const schedule = () => {
    if (timer !== null) clearTimeout(timer);
    timer = setTimeout(flush, delayMs);
  };
  for (const control of Object.values(controls)) control.addEventListener("input", schedule);
  return {
    search,
    flush,
    // A move still waiting for its quiet time is written, not dropped: a page often rebinds
    // its controls (a cell re-runs) right after a change, e.g. after loading a run's settings.
    dispose() {
      if (timer !== null) flush();
      for (const control of Object.values(controls)) control.removeEventListener("input", schedule);
    }
  };
}
