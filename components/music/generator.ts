// The generation panel: start string, length, temperature, seed; "Generate" streams the
// characters into the page. Every generated character is a button of the token inspector:
// clicking it shows the distribution it was drawn from; clicking a bar there puts that
// character in its place and regenerates the rest. Whole tunes are drawn and playable.
import {button, controlRow, notice, slider} from "../controls.ts";
import type {Control} from "../controls.ts";
import {deriveSeed} from "../random.ts";
import {createDistributionFigure, showChar} from "./figures/distribution.ts";
import {generate, unknownChars} from "./generate.ts";
import type {GeneratedStep} from "./generate.ts";
import type {MusicSettings} from "./params.ts";
import {MUSIC_RANGES} from "./params.ts";
import {renderTune} from "./player.ts";
import type {TuneView} from "./player.ts";
import type {MusicModelEntry} from "./slot.ts";
import {addMusicStyles} from "./style.ts";
import {extractTunes, parseShare} from "./tunes.ts";

export interface GeneratorPanel {
  root: HTMLElement;
  /** The temperature control (the distribution figure follows it). */
  temperature: Control<number>;
  dispose(): void;
}

export function createGeneratorPanel(entry: MusicModelEntry, settings: MusicSettings): GeneratorPanel {
  addMusicStyles();
  const {vocabulary} = entry;
  const root = document.createElement("div");
  const start = textInput("Start with", settings.start, "start");
  const length = slider({label: "Characters", ...MUSIC_RANGES.length, value: settings.length, name: "length"});
  const temperature = slider({label: "Temperature", ...MUSIC_RANGES.temperature, value: settings.temperature, name: "temperature", format: (t) => t.toFixed(2)});
  const seed = slider({label: "Sampler seed", ...MUSIC_RANGES.seed, value: settings.seed, name: "seed"});
  const status = notice("Press Generate: the model writes one character at a time.");
  const text = document.createElement("div");
  text.className = "manus-generated";
  text.dataset.generated = "";
  text.setAttribute("aria-label", "Generated ABC text; each character is a button that shows its distribution");
  const distribution = createDistributionFigure(vocabulary.chars);
  const tunesBox = document.createElement("div");
  tunesBox.dataset.tunes = "";
  let steps: GeneratedStep[] = [];
  let prompt = "";
  let selected = -1;
  let edited = new Set<number>();
  let run = 0; // bumps on every new generation: a stale stream stops at its next character
  let views: TuneView[] = [];

  const generateButton = button("Generate", "generate", () => void stream(start.value, 0, deriveSeed(seed.value, "generate")));
  const stopButton = button("Stop", "stop-generation", () => ++run);
  stopButton.disabled = true;

  function showDistribution(): void {
    const k = selected >= 0 ? selected : steps.length - 1;
    if (k < 0) return;
    distribution.update(steps[k].logits, temperature.value,
      `Position ${k + 1} of the generated text, where the model wrote ${showChar(steps[k].char)}.`);
  }
  temperature.addEventListener("input", showDistribution);
  distribution.onPick = (index) => {
    if (selected < 0 || running()) return;
    const k = selected;
    steps = steps.slice(0, k + 1);
    steps[k] = {...steps[k], char: vocabulary.chars[index], index};
    edited = new Set([...edited].filter((i) => i < k));
    edited.add(k);
    void stream(prompt + steps.map((s) => s.char).join(""), k + 1, deriveSeed(seed.value, `from ${k}`), true);
  };
  text.addEventListener("click", (event) => {
    const target = (event.target as HTMLElement).closest<HTMLElement>("[data-step]");
    if (!target) return;
    selected = Number(target.dataset.step);
    text.querySelectorAll(".selected").forEach((el) => el.classList.remove("selected"));
    target.classList.add("selected");
    showDistribution();
  });

  function running(): boolean {
    return generateButton.disabled;
  }

  function drawText(): void {
    const head = document.createElement("span");
    head.className = "prompt";
    head.textContent = prompt;
    text.replaceChildren(head, ...steps.map((s, k) => tokenSpan(s, k)));
  }
  function tokenSpan(s: GeneratedStep, k: number): HTMLElement {
    const span = document.createElement("span");
    span.className = `tok${edited.has(k) ? " edited" : ""}${k === selected ? " selected" : ""}`;
    span.dataset.step = String(k);
    span.textContent = s.char; // text, never HTML
    return span;
  }

  /** Generates from `fed` (everything the model reads first), appending to steps[0, from). */
  async function stream(fed: string, from: number, samplerSeed: number, keepPrompt = false): Promise<void> {
    const unknown = unknownChars(fed, vocabulary);
    if (fed.length === 0 || unknown.length > 0) {
      status.textContent = fed.length === 0
        ? "The start string is empty: give the model at least one character, for example X:."
        : `The model has never seen ${unknown.map((c) => JSON.stringify(c)).join(", ")}; use characters of its ${vocabulary.chars.length}-character vocabulary.`;
      status.className = "manus-notice manus-notice-error";
      return;
    }
    const id = ++run;
    if (!keepPrompt) {
      prompt = fed;
      steps = [];
      edited = new Set();
    }
    selected = keepPrompt ? from - 1 : -1;
    clearTunes();
    drawText();
    generateButton.disabled = true;
    stopButton.disabled = false;
    status.className = "manus-notice";
    status.textContent = "Generating…";
    const remaining = length.value - from;
    let frame = performance.now();
    try {
      for await (const s of generate(entry.model, vocabulary, {start: fed, length: Math.max(0, remaining), temperature: temperature.value, seed: samplerSeed})) {
        if (id !== run) break;
        steps.push(s);
        text.append(tokenSpan(s, steps.length - 1));
        if (performance.now() - frame > 50) {
          showDistribution();
          text.scrollTop = text.scrollHeight;
          status.textContent = `Generating… ${steps.length} of ${length.value} characters.`;
          frame = performance.now();
          await new Promise((resolve) => setTimeout(resolve, 0));
        }
      }
    } catch (error) {
      status.className = "manus-notice manus-notice-error";
      status.textContent = `Generation failed: ${error instanceof Error ? error.message : String(error)}`;
    } finally {
      if (id === run || !generateButton.disabled) {
        generateButton.disabled = false;
        stopButton.disabled = true;
      }
    }
    if (id !== run && steps.length < length.value) status.textContent = `Stopped after ${steps.length} characters.`;
    showDistribution();
    showTunes();
  }

  function clearTunes(): void {
    for (const view of views) view.stop();
    views = [];
    tunesBox.replaceChildren();
  }
  function showTunes(): void {
    const all = prompt + steps.map((s) => s.char).join("");
    const tunes = extractTunes(all, {complete: false});
    const share = parseShare(tunes);
    const summary = tunes.length === 0
      ? "No whole tune yet (a tune needs an X: line, a K: line and a line of music): generate more characters."
      : `${tunes.length} tune${tunes.length === 1 ? "" : "s"} found; ${share.clean} of ${share.tunes} complete one${share.tunes === 1 ? "" : "s"} parse without a warning.`;
    if (!status.className.includes("error")) status.textContent = `${steps.length} characters at temperature ${temperature.value.toFixed(2)}, seed ${seed.value}. ${summary}`;
    views = tunes.map((tune, i) => renderTune(tune, `generated-${i + 1}`));
    tunesBox.replaceChildren(...views.map((v) => v.root));
  }

  root.append(controlRow(start, length, temperature, seed), controlRow(generateButton, stopButton), status, text, distribution.root, tunesBox);
  return {root, temperature, dispose: () => (++run, clearTunes())};
}

/** A one-line text field; ABC line breaks are typed, and shown, as "\n". */
export function textInput(label: string, value: string, name: string): Control<string> {
  const root = document.createElement("label") as unknown as Control<string>;
  root.className = "manus-control manus-text-input";
  root.dataset.control = name;
  const text = document.createElement("span");
  text.textContent = label;
  const input = document.createElement("input");
  input.name = name;
  input.value = value.replace(/\n/g, "\\n"); // an <input> drops real line breaks
  input.spellcheck = false;
  input.maxLength = 200;
  root.append(text, input);
  // ABC is typed with real line breaks; the field writes them as "\n".
  Object.defineProperty(root, "value", {get: () => input.value.replace(/\\n/g, "\n")});
  return root;
}
