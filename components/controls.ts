// Form controls for the essays, written against the DOM so that no CDN library is
// needed. Each control is an element with a `value` that emits "input" events, so a
// page can wrap it in Framework's `view(…)` and get a reactive value.

export interface SliderOptions {
  label: string;
  min: number;
  max: number;
  step: number;
  value: number;
  /** Shown beside the slider: value → text. */
  format?: (value: number) => string;
  /** Log-scale slider: the range input moves over log10(value). */
  log?: boolean;
  /** Stable name, used for URL state and tests (data-control). */
  name: string;
}

export interface Control<T> extends HTMLElement {
  value: T;
}

/** Clamps `value` into [min, max] and snaps it to the step grid; NaN gives `fallback`. */
export function clampToRange(value: number, min: number, max: number, step: number, fallback: number): number {
  if (!Number.isFinite(value)) return fallback;
  const clamped = Math.min(max, Math.max(min, value));
  if (!(step > 0)) return clamped;
  const snapped = min + Math.round((clamped - min) / step) * step;
  return Number(Math.min(max, snapped).toPrecision(12));
}

export function slider({label, min, max, step, value, format = String, log = false, name}: SliderOptions): Control<number> {
  const root = document.createElement("label") as unknown as Control<number>;
  root.className = "manus-control manus-slider";
  root.dataset.control = name;
  const text = document.createElement("span");
  text.className = "manus-control-label";
  text.textContent = label;
  const input = document.createElement("input");
  input.type = "range";
  input.name = name;
  const output = document.createElement("output");
  const toInput = (v: number) => (log ? Math.log10(v) : v);
  const fromInput = (v: number) => (log ? clampToRange(10 ** v, min, max, 0, min) : v);
  input.min = String(toInput(min));
  input.max = String(toInput(max));
  input.step = log ? "any" : String(step);
  let current = clampToRange(value, min, max, log ? 0 : step, min);
  const show = () => {
    input.value = String(toInput(current));
    output.textContent = format(current);
    input.setAttribute("aria-valuetext", `${label}: ${format(current)}`);
  };
  input.addEventListener("input", (event) => {
    event.stopPropagation();
    current = log ? Number(fromInput(Number(input.value)).toPrecision(3)) : Number(input.value);
    show();
    root.dispatchEvent(new Event("input", {bubbles: true}));
  });
  root.append(text, input, output);
  Object.defineProperty(root, "value", {
    get: () => current,
    set: (v: number) => {
      current = clampToRange(Number(v), min, max, log ? 0 : step, current);
      show();
    }
  });
  show();
  return root;
}

export interface SelectOptions<T extends string> {
  label: string;
  options: readonly T[];
  labels?: Partial<Record<T, string>>;
  value: T;
  name: string;
  /** Options shown but not selectable, with the reason as a tooltip. */
  disabled?: Partial<Record<T, string>>;
}

export function select<T extends string>({label, options, labels = {}, value, name, disabled = {}}: SelectOptions<T>): Control<T> {
  const root = document.createElement("label") as unknown as Control<T>;
  root.className = "manus-control manus-select";
  root.dataset.control = name;
  const text = document.createElement("span");
  text.className = "manus-control-label";
  text.textContent = label;
  const input = document.createElement("select");
  input.name = name;
  for (const option of options) {
    const element = document.createElement("option");
    element.value = option;
    element.textContent = labels[option] ?? option;
    const reason = disabled[option];
    if (reason) {
      element.disabled = true;
      element.title = reason;
    }
    input.append(element);
  }
  input.value = value;
  input.addEventListener("input", (event) => {
    event.stopPropagation();
    root.dispatchEvent(new Event("input", {bubbles: true}));
  });
  root.append(text, input);
  Object.defineProperty(root, "value", {
    get: () => input.value as T,
    set: (v: T) => {
      if (options.includes(v)) input.value = v;
    }
  });
  return root;
}

/** A button that calls `onClick`; `name` is its data-control name. */
export function button(label: string, name: string, onClick: () => void): HTMLButtonElement {
  const element = document.createElement("button");
  element.type = "button";
  element.className = "manus-button";
  element.dataset.control = name;
  element.textContent = label;
  element.addEventListener("click", onClick);
  return element;
}

/** A row of controls. */
export function controlRow(...children: HTMLElement[]): HTMLElement {
  const row = document.createElement("div");
  row.className = "manus-controls";
  row.append(...children);
  return row;
}

/** A status line for a message: "info" or an "error" that names what went wrong. */
export function notice(text: string, kind: "info" | "error" = "info"): HTMLElement {
  const element = document.createElement("p");
  element.className = `manus-notice manus-notice-${kind}`;
  element.setAttribute("role", kind === "error" ? "alert" : "status");
  element.textContent = text;
  return element;
}
