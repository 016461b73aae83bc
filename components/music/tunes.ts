// Whole tunes out of generated text, each checked by abcjs's parser. A tune is a block
// of splitTunes (loaders/abc.ts) with an `X:` field, a `K:` field (in ABC the key line
// ends the header) and at least one line of music after it. A block that runs into the
// end of the text was cut off by the generation length: it is marked truncated.
import abcjs from "abcjs";
import type {TuneObject} from "abcjs";
import {splitTunes} from "../../loaders/abc.ts";

export interface ExtractedTune {
  abc: string;
  /** Title from the `T:` field ("" when none), as plain text. */
  title: string;
  /** abcjs's warnings, tag-free; empty for a tune that parses cleanly. */
  warnings: string[];
  /** The block reached the end of the text: the generator may have stopped mid-tune. */
  truncated: boolean;
}

const MAX_TITLE = 80;

/** Tunes in `text`; `complete` tells whether the text is finished (no truncated last tune). */
export function extractTunes(text: string, {complete = false}: {complete?: boolean} = {}): ExtractedTune[] {
  const blocks = splitTunes(text, "generated text");
  const endsOpen = !complete && !/\n[ \t]*\n\s*$/.test(text);
  return blocks.flatMap((abc, i) => {
    if (!isWholeTune(abc)) return [];
    return [{abc, title: titleOf(abc), warnings: parseWarnings(abc), truncated: endsOpen && i === blocks.length - 1}];
  });
}

/** An `X:` line, then a `K:` line, then at least one line of music. */
export function isWholeTune(abc: string): boolean {
  const lines = abc.split("\n").map((line) => line.trim());
  const x = lines.findIndex((line) => line.startsWith("X:"));
  if (x < 0) return false;
  const k = lines.findIndex((line, i) => i > x && line.startsWith("K:"));
  return k >= 0 && lines.slice(k + 1).some((line) => line !== "" && !line.startsWith("%") && !/^[A-Za-z]:/.test(line));
}

/** The first `T:` field as plain text (the page shows it with textContent, never as HTML). */
export function titleOf(abc: string): string {
  const line = abc.split("\n").find((l) => /^\s*T:/.test(l));
  const title = line ? withoutControls(line).replace(/^\s*T:\s*/, "").trim() : "";
  return title.length > MAX_TITLE ? `${title.slice(0, MAX_TITLE)}…` : title;
}

export function parseWarnings(abc: string): string[] {
  let parsed: TuneObject[];
  try {
    parsed = abcjs.parseOnly(abc);
  } catch (error) {
    return [`abcjs could not parse it: ${error instanceof Error ? error.message : String(error)}`];
  }
  if (parsed.length === 0) return ["abcjs found no tune"];
  // abcjs marks the offending character with HTML; keep the text only.
  return parsed.flatMap((tune) => tune.warnings ?? []).map((w) => w.replace(/<[^>]*>/g, "").replace(/&[a-z]+;/g, " "));
}

export interface ParseShare {
  tunes: number;
  clean: number;
  /** clean / tunes; NaN when no tune was found. */
  share: number;
}

/** How many of the (untruncated) tunes parse without a warning. */
export function parseShare(tunes: readonly ExtractedTune[]): ParseShare {
  const whole = tunes.filter((t) => !t.truncated);
  const clean = whole.filter((t) => t.warnings.length === 0).length;
  return {tunes: whole.length, clean, share: whole.length > 0 ? clean / whole.length : NaN};
}

/** Drops control characters (U+0000–U+001F, U+007F). */
function withoutControls(text: string): string {
  return [...text].filter((c) => c.charCodeAt(0) >= 0x20 && c.charCodeAt(0) !== 0x7f).join("");
}
