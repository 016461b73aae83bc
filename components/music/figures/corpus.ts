// The corpus at a glance: counts, the vocabulary the model reads, and one tune as text
// and as notation. Everything from the data loader's payload (loaders/abc-corpus.ts).
import abcjs from "abcjs";
import {createFigure, percent} from "../../figures/figure.ts";
import {tuneSheet} from "../player.ts";
import {addMusicStyles} from "../style.ts";
import {showChar} from "./distribution.ts";

export interface CorpusSummary {
  tunes: string[];
  characters: number;
  vocabulary: string[];
  parse: {clean: number; withWarnings: number};
  source: string;
}

export function corpusFigure(corpus: CorpusSummary, sampleIndex = 0): HTMLElement {
  addMusicStyles();
  const frame = createFigure("music-corpus", {
    title: "The corpus: Irish folk tunes in ABC notation",
    caption: "Left, one tune as the model reads it, character by character; right, the same text drawn by abcjs."
  });
  const {tunes, characters, vocabulary, parse} = corpus;
  const meanLength = Math.round(characters / Math.max(1, tunes.length));
  const facts = document.createElement("p");
  facts.textContent = `${tunes.length} tunes, ${characters.toLocaleString("en-US")} characters (about ${meanLength} a tune), ` +
    `${vocabulary.length} distinct characters. abcjs parses ${parse.clean} of ${tunes.length} without a warning.`;
  const vocab = document.createElement("p");
  vocab.className = "manus-abc-sample";
  vocab.style.whiteSpace = "normal";
  vocab.textContent = `Vocabulary: ${vocabulary.map(showChar).join(" ")}`;
  const sample = tunes[Math.min(sampleIndex, tunes.length - 1)] ?? "";
  const text = document.createElement("pre");
  text.className = "manus-abc-sample";
  text.textContent = sample;
  const paper = document.createElement("div");
  paper.className = "manus-tune-paper";
  const sheet = tuneSheet(paper);
  sheet.style.flex = "1 1 360px";
  const row = document.createElement("div");
  row.style.display = "flex";
  row.style.flexWrap = "wrap";
  row.style.gap = "1em";
  text.style.flex = "1 1 280px";
  // The whole tune, beside its score (long lines scroll sideways); level with the text above.
  text.style.maxHeight = "none";
  text.style.margin = "0";
  text.style.alignSelf = "flex-start";
  row.append(text, sheet);
  frame.body.append(facts, vocab, row);
  if (sample) abcjs.renderAbc(paper, sample, {staffwidth: 420, scale: 0.8, responsive: "resize"});
  frame.describe(`${tunes.length} tunes, ${characters} characters, a vocabulary of ${vocabulary.length} characters; ` +
    `${parse.clean} tunes (${percent(parse.clean / Math.max(1, tunes.length))}) parse cleanly with abcjs. Shown: tune ${sampleIndex + 1}.`);
  return frame.root;
}
