// Embeds of the Music essay's figures, built with the essay's own modules and its pretrained
// checkpoint: the corpus, the next character's distribution at a temperature, a tune the model
// writes (notation and offline playback), the LSTM's gates along a tune, training in the page,
// and the temperature sweep.
import type {Control} from "../controls.ts";
import {button, controlRow, notice, slider} from "../controls.ts";
import {createFigure} from "../figures/figure.ts";
import {corpusFigure} from "../music/figures/corpus.ts";
import {createDistributionFigure} from "../music/figures/distribution.ts";
import {createGateFigure} from "../music/figures/gates.ts";
import {generate, unknownChars} from "../music/generate.ts";
import {textInput} from "../music/generator.ts";
import {MUSIC_RANGES, MUSIC_URL_CONTROLS, normalizeMusicParams} from "../music/params.ts";
import {renderTune} from "../music/player.ts";
import type {TuneView} from "../music/player.ts";
import {deriveSeed} from "../random.ts";
import {createModelSlot} from "../music/slot.ts";
import {addMusicStyles} from "../music/style.ts";
import {createSweepPanel} from "../music/sweep.ts";
import {loadPretrainedMusic} from "../music/pretrained.ts";
import type {PretrainedMusic} from "../music/pretrained.ts";
import {createTrainingPanel} from "../music/training-panel.ts";
import {extractTunes} from "../music/tunes.ts";
import type {CorpusPayload} from "../../loaders/abc-corpus.ts";
import {historyFromJSON} from "../train/history.ts";
import {controlsIn} from "../url-state.ts";
import type {MUSIC_EMBEDS} from "./names.ts";
import type {Embed, EmbedBuilder, EmbedContext} from "./types.ts";

type MusicEmbed = (typeof MUSIC_EMBEDS)[number];

/** Says the corpus is missing and how to provide it. */
const missingCorpus = (howTo: string) => `The course corpus is missing from this build: ${howTo}.`;

const MISSING_MODEL = "No pretrained Music model is in this build (data/checkpoints/music-lstm.json: run npm run pretrain -- music-lstm).";

function embed(parts: HTMLElement[], notes: readonly string[], controls: Record<string, Control<unknown>> = {}, dispose = () => {}): Embed {
  return {essay: "music", parts, notes, controls, normalize: normalizeMusicParams, dispose};
}

async function loadPretrained({files}: EmbedContext): Promise<PretrainedMusic | null> {
  return loadPretrainedMusic(await files["music-lstm.json"].text());
}

async function loadCorpus({files}: EmbedContext): Promise<CorpusPayload> {
  return (await files["abc-corpus.json"].json()) as CorpusPayload;
}

/** The distribution of the character after the start string, at the temperature asked for. */
const distribution: EmbedBuilder = async (context) => {
  const {settings, notes} = normalizeMusicParams(context.search);
  addMusicStyles();
  const loaded = await loadPretrained(context);
  if (!loaded) {
    const frame = createFigure("music-distribution", {title: "What the model would write next"});
    frame.describe(MISSING_MODEL);
    return embed([notice(MISSING_MODEL, "error"), frame.root], notes);
  }
  const start = textInput("Start with", settings.start, "start");
  const temperature = slider({label: "Temperature", ...MUSIC_RANGES.temperature, value: settings.temperature, name: "temperature", format: (t) => t.toFixed(2)});
  const figure = createDistributionFigure(loaded.vocabulary.chars);
  const status = notice("");
  let logits: Float32Array | null = null;
  let read = 0;
  const draw = () => {
    if (logits) figure.update(logits, temperature.value, `After the start string ${JSON.stringify(start.value)}.`);
  };
  async function readStart(): Promise<void> {
    const id = ++read;
    const text = start.value;
    const unknown = unknownChars(text, loaded!.vocabulary);
    if (text.length === 0 || unknown.length > 0) {
      status.className = "manus-notice manus-notice-error";
      status.textContent = text.length === 0 ? "The start string is empty: give at least one character, for example X:."
        : `The model has never seen ${unknown.map((c) => JSON.stringify(c)).join(", ")}; the figure shows the last start string it could read, if any.`;
      return;
    }
    // The first step of generation is the distribution after reading the start string.
    for await (const step of generate(loaded!.model, loaded!.vocabulary, {start: text, length: 1, temperature: 1, seed: settings.seed})) {
      if (id !== read) return;
      logits = step.logits;
    }
    status.className = "manus-notice";
    status.textContent = "";
    draw();
  }
  temperature.addEventListener("input", draw);
  let typing: ReturnType<typeof setTimeout> | undefined;
  start.addEventListener("input", () => {
    clearTimeout(typing);
    typing = setTimeout(() => void readStart(), 250);
  });
  await readStart();
  return embed([controlRow(start, temperature), status, figure.root], notes, {start, t: temperature}, () => {
    clearTimeout(typing);
    ++read;
    loaded.model.dispose();
  });
};

/** The first whole tune the model writes from the start string, drawn and playable. */
const tune: EmbedBuilder = async (context) => {
  const {settings, notes} = normalizeMusicParams(context.search);
  addMusicStyles();
  const frame = createFigure("music-tune", {
    title: "A tune the model wrote",
    caption: "The first whole tune the pretrained model writes from the start string, drawn by abcjs; Play sounds it with a Web Audio instrument in this page."
  });
  const loaded = await loadPretrained(context);
  if (!loaded) {
    frame.describe(MISSING_MODEL);
    return embed([notice(MISSING_MODEL, "error"), frame.root], notes);
  }
  const start = textInput("Start with", settings.start, "start");
  const length = slider({label: "At most (characters)", ...MUSIC_RANGES.length, value: settings.length, name: "length"});
  const temperature = slider({label: "Temperature", ...MUSIC_RANGES.temperature, value: settings.temperature, name: "temperature", format: (t) => t.toFixed(2)});
  const seed = slider({label: "Sampler seed", ...MUSIC_RANGES.seed, value: settings.seed, name: "seed"});
  const write = button("Write a tune", "generate", () => void compose());
  let view: TuneView | null = null;
  let run = 0;

  async function compose(): Promise<void> {
    const id = ++run;
    view?.stop();
    view = null;
    frame.body.replaceChildren();
    const fed = start.value;
    const unknown = unknownChars(fed, loaded!.vocabulary);
    if (fed.length === 0 || unknown.length > 0) {
      const why = fed.length === 0 ? "the start string is empty" : `the model has never seen ${unknown.map((c) => JSON.stringify(c)).join(", ")}`;
      frame.describe(`No tune: ${why}.`);
      return;
    }
    const t = temperature.value;
    const s = seed.value;
    frame.describe(`Writing at temperature ${t.toFixed(2)} with seed ${s}…`);
    let text = fed;
    let found = null;
    // The same seed derivation as the essay's Generate button: the same settings write the same text.
    for await (const step of generate(loaded!.model, loaded!.vocabulary, {start: fed, length: length.value, temperature: t, seed: deriveSeed(s, "generate")})) {
      if (id !== run) return;
      text += step.char;
      // A tune ends at a blank line: look for a finished one only then.
      if (step.char === "\n" && text.endsWith("\n\n")) {
        found = extractTunes(text).find((x) => !x.truncated) ?? null;
        if (found) break;
      }
    }
    found ??= extractTunes(text, {complete: true})[0] ?? null;
    const written = [...text].length - [...fed].length;
    if (!found) {
      frame.describe(`At temperature ${t.toFixed(2)} with seed ${s}, the model wrote ${written} characters without a whole tune (an X: line, a K: line and music). Try another seed or a lower temperature.`);
      return;
    }
    view = renderTune(found, "music-tune");
    frame.body.replaceChildren(view.root);
    const verdict = found.warnings.length === 0 ? "abcjs parses it without a warning" : `abcjs reports ${found.warnings.length} problem${found.warnings.length === 1 ? "" : "s"}`;
    frame.describe(`At temperature ${t.toFixed(2)} with seed ${s}, the model wrote ${JSON.stringify(found.title || "Untitled")}, ` +
      `${[...found.abc].length} characters of ABC${found.truncated ? " cut off by the length limit" : ""}; ${verdict}.`);
  }
  // Written after the page is shown: the embed appears at once and the tune follows.
  setTimeout(() => void compose(), 0);
  return embed([controlRow(start, length, temperature, seed), controlRow(write), frame.root], notes,
    {start, length, t: temperature, seed}, () => {
      ++run;
      view?.stop();
      loaded.model.dispose();
    });
};

/** The gates and cell state of the pretrained LSTM along a tune of the corpus. */
const gates: EmbedBuilder = async (context) => {
  const {settings, notes} = normalizeMusicParams(context.search);
  const [loaded, corpus] = await Promise.all([loadPretrained(context), loadCorpus(context)]);
  const figure = createGateFigure({tunes: corpus.status === "ok" ? corpus.tunes : [], settings});
  await figure.setModel(loaded && {...loaded, version: 1});
  const parts = loaded ? [figure.root] : [notice(MISSING_MODEL, "error"), figure.root];
  return embed(parts, notes, figure.controls, () => loaded?.model.dispose());
};

/** Training the LSTM in the page, its live curve against the pretrained run. */
const training: EmbedBuilder = async (context) => {
  const {settings, notes} = normalizeMusicParams(context.search);
  const [loaded, corpus] = await Promise.all([loadPretrained(context), loadCorpus(context)]);
  const slot = createModelSlot(loaded);
  const source = corpus.status === "ok" ? {name: "the course corpus", sha256: corpus.sha256, tunes: corpus.tunes} : null;
  const reference = loaded?.card ? historyFromJSON(loaded.card.history) : null;
  const panel = createTrainingPanel(slot, source, settings, reference, {restore: loaded ? () => loadPretrained(context) : undefined});
  const parts = corpus.status === "ok" ? [panel.root, slot] : [notice(`${missingCorpus(corpus.howTo)} Load an .abc file to train on it.`, "error"), panel.root, slot];
  return embed(parts, notes, controlsIn([panel.root], MUSIC_URL_CONTROLS), () => {
    panel.dispose();
    slot.value?.model.dispose();
  });
};

/** The corpus at a glance: counts, vocabulary, one tune as text and notation. */
const corpus: EmbedBuilder = async (context) => {
  const {notes} = normalizeMusicParams(context.search);
  const payload = await loadCorpus(context);
  if (payload.status !== "ok") {
    const frame = createFigure("music-corpus", {title: "The corpus: Irish folk tunes in ABC notation"});
    frame.describe(missingCorpus(payload.howTo));
    return embed([notice(missingCorpus(payload.howTo), "error"), frame.root], notes);
  }
  return embed([corpusFigure(payload)], notes);
};

/** Clean tunes against temperature, swept with the pretrained model on the reader's click. */
const sweep: EmbedBuilder = async (context) => {
  const {settings, notes} = normalizeMusicParams(context.search);
  const [loaded, payload] = await Promise.all([loadPretrained(context), loadCorpus(context)]);
  const panel = createSweepPanel(loaded && {...loaded, version: 1}, {seed: settings.seed, reference: payload.status === "ok" ? payload.notes : undefined});
  const parts = loaded ? [panel.root] : [notice(MISSING_MODEL, "error"), panel.root];
  return embed(parts, notes, {}, () => {
    panel.dispose();
    loaded?.model.dispose();
  });
};

export const MUSIC_BUILDERS: Record<MusicEmbed, EmbedBuilder> = {
  "music-corpus": corpus,
  "music-distribution": distribution,
  "music-tune": tune,
  "music-gates": gates,
  "music-training": training,
  "music-sweep": sweep
};
