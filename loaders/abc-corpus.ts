// Finds the course's ABC corpus (6.S191 Lab 1, part 2: 197 618 bytes of Irish folk tunes,
// MIT licence) and turns it into what the Music essay reads. Never part of this repository:
// it comes from, in order, the file named by ABC_CORPUS, a local cache, or a download
// pinned to one commit of the course repository and checked against its sha256.
import {createHash} from "node:crypto";
import {existsSync, readFileSync} from "node:fs";
import {mkdir, readFile, rename, rm, stat, writeFile} from "node:fs/promises";
import {basename, dirname, join, resolve} from "node:path";
import {fileURLToPath} from "node:url";
import {MAX_CORPUS_BYTES, buildVocabulary, countCharacters, joinTunes, parseReport, readTunes} from "./abc.ts";
import {emptyStats} from "./abc-stats.ts";
import type {TuneStats} from "./abc-stats.ts";

const COURSE_COMMIT = "fd8023c7804bd352fc7212ac3aa587bd90912653";

/** The course's own copy, pinned: the same commit always serves the same bytes. */
export const COURSE_CORPUS = {
  url: `https://raw.githubusercontent.com/aamini/introtodeeplearning/${COURSE_COMMIT}/mitdeeplearning/data/irish.abc`,
  sha256: "df3782d5f7b5a2f4c66aa7c13f13008d5f48757b3f5f51620cd6c1ceb2c53023",
  license: "MIT License, Copyright (c) 2023 MIT Introduction to Deep Learning (github.com/aamini/introtodeeplearning)"
};

/** Where a verified download is kept, relative to the project root (not committed). */
export const CACHE_PATH = "data/cache/irish.abc";

export const DOWNLOAD_TIMEOUT_MS = 10_000;

const PROJECT_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..");

const HOW_TO =
  "set ABC_CORPUS=/path/to/irish.abc, or place the file at data/cache/irish.abc " +
  `(the course's copy: ${COURSE_CORPUS.url}, sha256 ${COURSE_CORPUS.sha256})`;

/** The part of `fetch` used here, so that tests pass a fake one. */
export type FetchLike = (
  url: string,
  init: {signal: AbortSignal}
) => Promise<{ok: boolean; status: number; arrayBuffer(): Promise<ArrayBuffer>}>;

export interface CorpusFound {
  status: "found";
  bytes: Uint8Array;
  /** Where the bytes came from: a path or the download URL. */
  file: string;
  origin: "env" | "cache" | "download" | "argument";
  sha256: string;
}

export interface CorpusMissing {
  status: "missing";
  howTo: string;
}

export interface LocateOptions {
  env?: Record<string, string | undefined>;
  /** Project root holding data/cache; defaults to this repository. */
  root?: string;
  /** null: never download. Defaults to the global fetch. */
  fetch?: FetchLike | null;
  timeoutMs?: number;
  /** The download and its checksum; tests pin their own. */
  pinned?: {url: string; sha256: string};
  /** Progress and warnings; defaults to stderr (stdout belongs to data loaders). */
  log?: (message: string) => void;
}

/** What src/data/abc-corpus.json.ts writes and the Music page reads. */
export type CorpusPayload =
  | {
      status: "ok";
      source: string;
      license: string;
      sha256: string;
      tunes: string[];
      /** Code points in the tunes joined by "\n\n" (the course's `len(songs_joined)`). */
      characters: number;
      vocabulary: string[];
      parse: {clean: number; withWarnings: number; examples: string[]};
      /** Notes per pitch class and per length (./abc-stats.ts), over all tunes. */
      notes: TuneStats;
    }
  | CorpusMissing;

/** ABC_CORPUS, then the cache, then the pinned download; "missing" when none is there. */
export async function locateCorpus(options: LocateOptions = {}): Promise<CorpusFound | CorpusMissing> {
  const {env = process.env, root = PROJECT_ROOT, timeoutMs = DOWNLOAD_TIMEOUT_MS, log = logToStderr} = options;
  const {url, sha256} = options.pinned ?? COURSE_CORPUS;
  const fetcher = options.fetch === undefined ? globalThis.fetch : options.fetch;

  const fromEnv = env.ABC_CORPUS;
  if (fromEnv) return readCorpusFile(fromEnv, "env");

  const cache = join(root, CACHE_PATH);
  if (existsSync(cache)) return readCorpusFile(cache, "cache");

  if (!fetcher) return {status: "missing", howTo: `no ABC corpus: ${HOW_TO}`};
  const downloaded = await download(fetcher, url, timeoutMs);
  if (typeof downloaded === "string") {
    log(`abc: download failed: ${downloaded}`);
    return {status: "missing", howTo: `no ABC corpus (download failed: ${downloaded}): ${HOW_TO}`};
  }
  const found = sha256Of(downloaded);
  if (found !== sha256) throw new Error(`${url}: expected sha256 ${sha256}, found ${found}; refusing the download`);
  await writeCache(cache, downloaded).catch((error: Error) => log(`abc: could not cache ${cache}: ${error.message}`));
  return {status: "found", bytes: downloaded, file: url, origin: "download", sha256: found};
}

/** Reads a corpus file that must exist; the error names the path and how it was given. */
export async function readCorpusFile(path: string, origin: CorpusFound["origin"]): Promise<CorpusFound> {
  const file = resolve(path);
  const given = origin === "env" ? `ABC_CORPUS=${path}` : path;
  const info = await stat(file).catch(() => null);
  if (!info) throw new Error(`${given}: expected an ABC file, found nothing at ${file}`);
  if (!info.isFile()) throw new Error(`${given}: expected an ABC file, found a folder or device at ${file}`);
  if (info.size > MAX_CORPUS_BYTES) {
    throw new Error(`${file}: expected at most ${MAX_CORPUS_BYTES} bytes (the 50 MiB limit), found ${info.size}`);
  }
  const bytes = new Uint8Array(await readFile(file));
  return {status: "found", bytes, file, origin, sha256: sha256Of(bytes)};
}

/** Splits, measures and parses a found corpus into the page's payload. */
export function corpusPayload(corpus: CorpusFound): CorpusPayload & {status: "ok"} {
  const tunes = readTunes(corpus.bytes, corpus.file);
  const notes = emptyStats();
  const {clean, withWarnings, examples} = parseReport(tunes, 5, notes);
  return {
    status: "ok",
    source: describeSource(corpus),
    license: licenseOf(corpus),
    sha256: corpus.sha256,
    tunes,
    characters: countCharacters(joinTunes(tunes)),
    vocabulary: buildVocabulary(tunes).chars,
    parse: {clean, withWarnings, examples},
    notes
  };
}

/** locateCorpus, then corpusPayload: the whole data loader. */
export async function loadCorpusPayload(options: LocateOptions = {}): Promise<CorpusPayload> {
  const corpus = await locateCorpus(options);
  return corpus.status === "found" ? corpusPayload(corpus) : corpus;
}

export function sha256Of(bytes: Uint8Array): string {
  return createHash("sha256").update(bytes).digest("hex");
}

/** The body at `url`, or why it could not be had (offline, HTTP error, timeout). */
async function download(fetcher: FetchLike, url: string, timeoutMs: number): Promise<Uint8Array | string> {
  const controller = new AbortController();
  let timer: ReturnType<typeof setTimeout> | undefined;
  // The race guards against a fetch that ignores its abort signal.
  const timeout = new Promise<string>((done) => {
    timer = setTimeout(() => {
      controller.abort();
      done(`no answer within ${timeoutMs} ms`);
    }, timeoutMs);
  });
  const attempt = (async () => {
    const response = await fetcher(url, {signal: controller.signal});
    if (!response.ok) return `HTTP ${response.status}`;
    const body = new Uint8Array(await response.arrayBuffer());
    if (body.byteLength > MAX_CORPUS_BYTES) return `expected at most ${MAX_CORPUS_BYTES} bytes, found ${body.byteLength}`;
    return body;
  })().catch(describeError);
  try {
    return await Promise.race([attempt, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** Written beside its final name, then renamed, so a half-written cache never exists. */
async function writeCache(path: string, bytes: Uint8Array): Promise<void> {
  await mkdir(dirname(path), {recursive: true});
  const partial = `${path}.partial-${process.pid}`;
  try {
    await writeFile(partial, bytes);
    await rename(partial, path);
  } finally {
    await rm(partial, {force: true});
  }
}

/** Published on the page, so it names no local path. */
function describeSource(corpus: CorpusFound): string {
  const how = {env: "ABC_CORPUS", cache: CACHE_PATH, download: "the pinned download", argument: "the command line"};
  if (corpus.sha256 === COURSE_CORPUS.sha256) {
    return (
      "the 6.S191 course corpus: mitdeeplearning/data/irish.abc in aamini/introtodeeplearning " +
      `at commit ${COURSE_COMMIT.slice(0, 7)} (sha256 verified), read from ${how[corpus.origin]}`
    );
  }
  return `${basename(corpus.file)}, read from ${how[corpus.origin]} (not the course corpus: its sha256 differs)`;
}

function licenseOf(corpus: CorpusFound): string {
  if (corpus.sha256 === COURSE_CORPUS.sha256) return COURSE_CORPUS.license;
  const beside = `${corpus.file}.LICENSE`;
  const firstLine = existsSync(beside) ? readFileSync(beside, "utf8").split("\n").find((line) => line.trim()) : undefined;
  return firstLine ? `${firstLine.trim()} (from ${basename(beside)})` : `unknown: no ${basename(beside)} beside the file`;
}

/** Node's fetch says only "fetch failed"; the reason (ENOTFOUND, ECONNREFUSED) is its cause. */
function describeError(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  return error.cause instanceof Error ? `${error.message} (${error.cause.message})` : error.message;
}

function logToStderr(message: string): void {
  process.stderr.write(`${message}\n`);
}
