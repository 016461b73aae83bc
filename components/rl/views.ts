// The live views of the RL essay: the environment on a canvas, the agent's-eye view (what the
// policy reads and the probabilities it gives each action), and the card of a pretrained agent.
import type {TrainingCard} from "../checkpoint.ts";
import {createFigure, percent} from "../figures/figure.ts";
import {drawGreyImage} from "./draw.ts";
import type {StepView} from "./rollout.ts";
import {PREPROCESSED_SIZE} from "./preprocess.ts";

export interface CanvasFigure {
  root: HTMLElement;
  canvas: HTMLCanvasElement;
  context: CanvasRenderingContext2D;
  describe(text: string): void;
}

/** A figure around one canvas of `width` × `height` pixels. */
export function createCanvasFigure(name: string, width: number, height: number, title: string, caption?: string): CanvasFigure {
  const frame = createFigure(name, {title, caption});
  const canvas = document.createElement("canvas");
  canvas.width = width;
  canvas.height = height;
  canvas.style.maxWidth = "100%";
  canvas.style.imageRendering = "pixelated";
  canvas.style.border = "1px solid #ccc";
  canvas.setAttribute("aria-hidden", "true");
  frame.body.append(canvas);
  const context = canvas.getContext("2d");
  if (!context) throw new Error(`${name}: this browser gives no 2D canvas context`);
  return {root: frame.root, canvas, context, describe: frame.describe};
}

export interface AgentEye {
  root: HTMLElement;
  update(view: StepView): void;
}

/** The 40 × 40 frame difference the Pong policy reads (red: appeared, blue: left) and its action probabilities. */
export function createAgentEye(name: string, actionNames: readonly string[]): AgentEye {
  const frame = createCanvasFigure(name, 160, 160, "The agent's-eye view",
    "Left: the preprocessed difference of the last two frames, the policy's whole input (red: something arrived, blue: something left). Right: the probability it gives each action.");
  frame.root.querySelector("canvas")?.insertAdjacentElement("afterend", barsElement());
  const rows = actionNames.map((action) => {
    const row = document.createElement("div");
    row.className = "manus-rl-bar";
    const label = document.createElement("span");
    label.textContent = action;
    const bar = document.createElement("span");
    bar.className = "manus-rl-bar-fill";
    const value = document.createElement("span");
    row.append(label, bar, value);
    frame.root.querySelector(".manus-rl-bars")?.append(row);
    return {row, bar, value};
  });
  frame.describe("The agent has not looked at a frame yet: this view fills in as soon as it plays.");
  return {
    root: frame.root,
    update(view) {
      if (view.input.length === PREPROCESSED_SIZE * PREPROCESSED_SIZE) {
        drawGreyImage(frame.context, view.input, PREPROCESSED_SIZE, {signed: true});
      }
      rows.forEach(({row, bar, value}, a) => {
        const p = view.probabilities[a] ?? NaN;
        bar.style.width = `${Math.round(100 * (Number.isFinite(p) ? p : 0))}px`;
        value.textContent = percent(p, 0);
        row.classList.toggle("chosen", a === view.action);
      });
      const moved = view.input.reduce((n, v) => n + (v !== 0 ? 1 : 0), 0);
      frame.describe(`The policy sees ${moved} changed pixels of ${view.input.length}; it gives ` +
        actionNames.map((action, a) => `${action} ${percent(view.probabilities[a], 0)}`).join(", ") +
        ` and chose ${actionNames[view.action] ?? "nothing"}.`);
    }
  };
}

function barsElement(): HTMLElement {
  const bars = document.createElement("div");
  bars.className = "manus-rl-bars";
  const style = document.createElement("style");
  style.textContent = `
.manus-rl-bars { display: inline-flex; flex-direction: column; gap: 6px; margin-left: 16px; vertical-align: top; font: 13px system-ui, sans-serif; }
.manus-rl-bar { display: flex; align-items: center; gap: 6px; }
.manus-rl-bar > span:first-child { width: 3.5em; }
.manus-rl-bar-fill { display: inline-block; height: 12px; background: var(--manus-series-0, #4269d0); opacity: 0.45; }
.manus-rl-bar.chosen .manus-rl-bar-fill { opacity: 1; }`;
  bars.append(style);
  return bars;
}

/** A pretrained agent's card: how it was made and what it scores, from its checkpoint. */
export function createAgentCard(name: string, title: string, card: TrainingCard | null, missing: string): HTMLElement {
  const frame = createFigure(name, {title});
  const list = document.createElement("dl");
  list.className = "manus-rl-card";
  list.style.cssText = "display: grid; grid-template-columns: max-content 1fr; gap: 2px 1em; margin: 0;";
  if (!card) {
    frame.describe(missing); // the text alternative is shown under the figure: the body stays empty, not saying it twice
    return frame.root;
  }
  const config = card.config as Record<string, unknown>;
  const rows: [string, string][] = [
    ["Task", String(config.task ?? card.dataset.name)],
    ["Policy", String(config.policy ?? card.model)],
    ["Seed", String(card.seed)],
    ["Training episodes", String(card.dataset.train)],
    // The pretrain script also records the episode count as a metric: shown once, above.
    ...Object.entries(card.metrics).filter(([key]) => key !== "episodes")
      .map(([key, value]): [string, string] => [key.replaceAll("_", " "), formatMetric(key, value)]),
    ["Trained on", `${card.backend}, TensorFlow.js ${card.tfjs}, ${card.createdAt.slice(0, 10)}`]
  ];
  for (const [term, value] of rows) {
    const dt = document.createElement("dt");
    dt.textContent = term;
    dt.style.fontWeight = "600";
    const dd = document.createElement("dd");
    dd.style.margin = "0";
    dd.textContent = value;
    list.append(dt, dd);
  }
  frame.body.append(list);
  frame.describe(rows.map(([term, value]) => `${term}: ${value}`).join("; ") + ".");
  return frame.root;
}

function formatMetric(key: string, value: number): string {
  if (!Number.isFinite(value)) return "–";
  if (key.includes("share")) return percent(value);
  return Number.isInteger(value) ? String(value) : value.toFixed(1);
}
