// The text side of the Music essay (6.S191 Lab 1, part 2): ABC files → tunes → a
// character vocabulary → integer vectors for the RNN. Pure functions; reading files and
// locating the corpus live in abc-corpus.ts.
//
// ABC notation (abcnotation.com/wiki/abc:standard:v2.1): a tune starts at an `X:` field
// and ends at a blank line; lines starting with `%` are comments, `%%` are directives.
import abcjs from "abcjs";
import type {TuneObject} from "abcjs";
import {addParsedStats} from "./abc-stats.ts";
import type {TuneStats} from "./abc-stats.ts";

/** Inputs above this size are refused: the course corpus is 197 618 bytes. */
export const MAX_CORPUS_BYTES = 50 * 1024 * 1024;

/** The separator the course puts between tunes before building its vocabulary. */
export const TUNE_SEPARATOR = "\n\n";

export interface Vocabulary {
  /** Unique characters (Unicode code points) in code-point order; index = token id. */
  chars: string[];
  charToIndex: Map<string, number>;
}

export interface ParseReport {
  clean: number;
  withWarnings: number;
  /** The first few warnings, tag-free, each prefixed with the tune's index. */
  examples: string[];
  milliseconds: number;
}

/**
 * Decodes a corpus file as strict UTF-8 (a leading BOM is dropped). `file` names the
 * source in errors.
 */
export function decodeCorpus(bytes: Uint8Array, file: string): string {
  checkSize(bytes.byteLength, "bytes", file);
  let text: string;
  try {
    text = new TextDecoder("utf-8", {fatal: true}).decode(bytes);
  } catch {
    throw new Error(`${file}: expected UTF-8 text, found bytes that do not decode as UTF-8`);
  }
  const body = text.replace(/^\uFEFF/, "");
  // A saved error page or a failed download is text too, but no tune.
  if (/^\s*<(!doctype\s+html|html[\s>]|head[\s>]|body[\s>])/i.test(body)) {
    throw new Error(`${file}: expected ABC notation, found what looks like an HTML page (a failed download?)`);
  }
  const control = findControlCharacter(body);
  if (control) {
    throw new Error(`${file}: expected ABC notation, found binary data (control character ${control.code} on line ${control.line})`);
  }
  if (/^\s*[[{]/.test(body) && isJson(body)) {
    throw new Error(`${file}: expected ABC notation, found JSON data (exported weights, or another file picked by mistake?)`);
  }
  return text;
}

/**
 * Bytes → tunes; throws, naming `file`, when the file is empty, holds no tune, or holds text
 * without a single ABC field line (`X:`, `T:`, `K:`…), which is no ABC file at all.
 */
export function readTunes(bytes: Uint8Array, file: string): string[] {
  const text = decodeCorpus(bytes, file);
  if (text.replace(/^\uFEFF/, "").trim() === "") throw new Error(`${file}: the file is empty; expected ABC notation`);
  const tunes = splitTunes(text, file);
  if (tunes.length === 0) throw new Error(`${file}: expected at least one ABC tune, found none`);
  if (!tunes.some((tune) => /^[A-Za-z]:/m.test(tune))) {
    throw new Error(`${file}: expected ABC notation (field lines such as X:1, T:title, K:D), found text without any`);
  }
  return tunes;
}

/** The first C0 control character (or DEL) other than tab, line feed, form feed and carriage return. */
function findControlCharacter(text: string): {code: string; line: number} | null {
  let line = 1;
  for (let i = 0; i < text.length; ++i) {
    const c = text.charCodeAt(i);
    if (c === 10) ++line;
    else if ((c < 32 && c !== 9 && c !== 12 && c !== 13) || c === 127) return {code: `U+${c.toString(16).toUpperCase().padStart(4, "0")}`, line};
  }
  return null;
}

function isJson(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

/**
 * Splits ABC text into tunes, each without a trailing newline. A tune ends at a run of
 * blank (whitespace-only) lines or where a new `X:` line begins; a block with no `X:`
 * still counts if it holds anything besides comments. Comment lines right before an
 * `X:` belong to the tune that follows. One pass over the lines: linear time.
 */
export function splitTunes(text: string, file = "ABC text"): string[] {
  checkSize(text.length, "characters", file);
  const lines = text.replace(/^\uFEFF/, "").replace(/\r\n?/g, "\n").split("\n");
  const tunes: string[] = [];
  let current: string[] = []; // lines of the tune being read
  let hasMusic = false; // has `current` a line that is not a comment?
  let pendingComments: string[] = []; // comments that may belong to the next `X:`

  const finish = (): void => {
    if (hasMusic) tunes.push(current.concat(pendingComments).join("\n"));
    current = [];
    pendingComments = [];
    hasMusic = false;
  };

  for (const line of lines) {
    if (isBlank(line)) {
      finish();
    } else if (isComment(line)) {
      if (hasMusic) pendingComments.push(line);
      else current.push(line);
    } else if (hasMusic && isReferenceField(line)) {
      const comments = pendingComments;
      pendingComments = [];
      finish();
      current = comments.concat(line);
      hasMusic = true;
    } else {
      for (const comment of pendingComments) current.push(comment); // not push(...): may be huge
      current.push(line);
      pendingComments = [];
      hasMusic = true;
    }
  }
  finish();
  return tunes;
}

/** The training text, as the course builds it: all tunes joined by a blank line. */
export function joinTunes(tunes: readonly string[]): string {
  return tunes.join(TUNE_SEPARATOR);
}

/** The course's vocabulary: sorted unique characters of the tunes joined by "\n\n". */
export function buildVocabulary(tunes: readonly string[]): Vocabulary {
  const seen = new Set<string>();
  for (const tune of tunes) for (const char of tune) seen.add(char);
  if (tunes.length > 1) seen.add("\n"); // from the separator
  const chars = [...seen].sort((a, b) => a.codePointAt(0)! - b.codePointAt(0)!);
  return {chars, charToIndex: new Map(chars.map((char, i) => [char, i]))};
}

/** Length in code points (the course's `len(text)`), without copying the text. */
export function countCharacters(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; ++i) {
    const c = text.charCodeAt(i);
    if (c < 0xdc00 || c > 0xdfff || i === 0 || (text.charCodeAt(i - 1) & 0xfc00) !== 0xd800) ++n;
  }
  return n;
}

/** Text → token ids, one per code point: an Int32Array of shape [codePoints]. */
export function vectorize(text: string, vocabulary: Vocabulary): Int32Array {
  const ids = new Int32Array(text.length); // code points ≤ UTF-16 units; trimmed below
  let position = 0;
  for (const char of text) {
    const id = vocabulary.charToIndex.get(char);
    if (id === undefined) {
      throw new Error(
        `vectorize: expected a character of the ${vocabulary.chars.length}-character vocabulary, ` +
          `found ${describeChar(char)} at position ${position}`
      );
    }
    ids[position++] = id;
  }
  return position === ids.length ? ids : ids.slice(0, position);
}

/** Token ids → text; the inverse of vectorize. */
export function devectorize(ids: ArrayLike<number>, vocabulary: Vocabulary): string {
  const parts = new Array<string>(ids.length);
  for (let i = 0; i < ids.length; ++i) {
    const char = vocabulary.chars[ids[i]];
    if (char === undefined) {
      throw new Error(
        `devectorize: expected an id in [0, ${vocabulary.chars.length - 1}], found ${ids[i]} at position ${i}`
      );
    }
    parts[i] = char;
  }
  return parts.join("");
}

/** Runs abcjs's parser on every tune and counts those it reads without a warning. */
/** `stats`, when given, also counts the tunes' notes (parsing each tune once for both). */
export function parseReport(tunes: readonly string[], maxExamples = 5, stats?: TuneStats): ParseReport {
  const start = performance.now();
  let clean = 0;
  const examples: string[] = [];
  for (const [i, tune] of tunes.entries()) {
    const warnings = parseWarnings(tune, stats);
    if (warnings.length === 0) ++clean;
    for (const warning of warnings) if (examples.length < maxExamples) examples.push(`tune ${i}: ${warning}`);
  }
  const milliseconds = Math.round(performance.now() - start);
  return {clean, withWarnings: tunes.length - clean, examples, milliseconds};
}

function parseWarnings(tune: string, stats?: TuneStats): string[] {
  let parsed: TuneObject[]; // typed as a one-tuple by abcjs, but empty for a text without music
  try {
    parsed = abcjs.parseOnly(tune);
  } catch (error) {
    return [`abcjs threw: ${error instanceof Error ? error.message : String(error)}`];
  }
  if (stats) addParsedStats(parsed, stats);
  if (parsed.length === 0) return ["abcjs found no tune"];
  // abcjs marks the offending character with an HTML <span>; the report is plain text.
  return parsed.flatMap((tune) => tune.warnings ?? []).map((w) => w.replace(/<[^>]*>/g, ""));
}

function checkSize(size: number, unit: string, file: string): void {
  if (size > MAX_CORPUS_BYTES) {
    throw new Error(`${file}: expected at most ${MAX_CORPUS_BYTES} ${unit} (the 50 MiB limit), found ${size}`);
  }
}

function isBlank(line: string): boolean {
  for (let i = 0; i < line.length; ++i) {
    const c = line.charCodeAt(i);
    if (c !== 0x20 && c !== 0x09 && c !== 0x0b && c !== 0x0c && c !== 0xa0) return false;
  }
  return true;
}

function isComment(line: string): boolean {
  return startsAfterSpaces(line, "%");
}

function isReferenceField(line: string): boolean {
  return startsAfterSpaces(line, "X:");
}

function startsAfterSpaces(line: string, prefix: string): boolean {
  let i = 0;
  while (line.charCodeAt(i) === 0x20 || line.charCodeAt(i) === 0x09) ++i; // NaN past the end stops it
  return line.startsWith(prefix, i);
}

function describeChar(char: string): string {
  const hex = char.codePointAt(0)!.toString(16).toUpperCase().padStart(4, "0");
  return `${JSON.stringify(char)} (U+${hex})`;
}
