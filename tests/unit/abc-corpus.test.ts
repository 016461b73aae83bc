import {existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync} from "node:fs";
import {tmpdir} from "node:os";
import {dirname, join, resolve} from "node:path";
import {fileURLToPath} from "node:url";
import {afterEach, beforeEach, describe, expect, it} from "vitest";
import {
  CACHE_PATH,
  COURSE_CORPUS,
  corpusPayload,
  loadCorpusPayload,
  locateCorpus,
  sha256Of
} from "../../loaders/abc-corpus.ts";
import type {FetchLike, LocateOptions} from "../../loaders/abc-corpus.ts";

const ABC = "X:1\nT:One\nK:D\nABcd|]\n\nX:2\nT:Two\nK:G\nGAB|]\n";
const BYTES = new TextEncoder().encode(ABC);
const PINNED = {url: "https://example.invalid/irish.abc", sha256: sha256Of(BYTES)};

// The real corpus (MIT, see irish.abc.LICENSE beside it) when this machine has it.
const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const REAL_CORPUS = process.env.ABC_CORPUS || resolve(ROOT, "../shared/data/irish.abc");

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "abc-corpus-"));
});
afterEach(() => rmSync(dir, {recursive: true, force: true}));

/** A fetch that answers from memory and records what was asked. */
function fakeFetch(answer: (url: string, signal: AbortSignal) => Promise<Uint8Array | number>) {
  const calls: string[] = [];
  const fetch: FetchLike = async (url, {signal}) => {
    calls.push(url);
    const body = await answer(url, signal);
    if (typeof body === "number") return {ok: false, status: body, arrayBuffer: async () => new ArrayBuffer(0)};
    return {ok: true, status: 200, arrayBuffer: async () => body.slice().buffer};
  };
  return {fetch, calls};
}

/** Quiet options for a project rooted in the temporary folder, no environment, no network. */
function options(extra: LocateOptions = {}): LocateOptions {
  return {env: {}, root: dir, fetch: null, pinned: PINNED, log: () => {}, ...extra};
}

function writeAbc(name: string, text = ABC): string {
  const path = join(dir, name);
  mkdirSync(dirname(path), {recursive: true});
  writeFileSync(path, text);
  return path;
}

describe("locateCorpus", () => {
  it("locateCorpus() reads the file named by ABC_CORPUS first", async () => {
    const path = writeAbc("mine.abc");
    writeAbc(CACHE_PATH, "X:9\nK:C\nC|]\n");
    const {fetch, calls} = fakeFetch(async () => BYTES);
    const found = await locateCorpus(options({env: {ABC_CORPUS: path}, fetch}));
    expect(found).toMatchObject({status: "found", origin: "env", file: path, sha256: PINNED.sha256});
    expect(calls).toEqual([]);
  });

  it("locateCorpus() names the path when ABC_CORPUS points at nothing", async () => {
    const path = join(dir, "nowhere.abc");
    await expect(locateCorpus(options({env: {ABC_CORPUS: path}}))).rejects.toThrow(
      `ABC_CORPUS=${path}: expected an ABC file, found nothing at ${path}`
    );
  });

  it("locateCorpus() names the path when ABC_CORPUS points at a folder", async () => {
    await expect(locateCorpus(options({env: {ABC_CORPUS: dir}}))).rejects.toThrow(/found a folder or device/);
  });

  it("locateCorpus() reads data/cache/irish.abc before downloading", async () => {
    writeAbc(CACHE_PATH);
    const {fetch, calls} = fakeFetch(async () => BYTES);
    expect(await locateCorpus(options({fetch}))).toMatchObject({status: "found", origin: "cache"});
    expect(calls).toEqual([]);
  });

  it("locateCorpus() downloads the pinned URL, checks its sha256 and caches it", async () => {
    const {fetch, calls} = fakeFetch(async () => BYTES);
    const found = await locateCorpus(options({fetch}));
    expect(found).toMatchObject({status: "found", origin: "download", file: PINNED.url, sha256: PINNED.sha256});
    expect(calls).toEqual([PINNED.url]);
    expect(readFileSync(join(dir, CACHE_PATH), "utf8")).toBe(ABC);
    expect(readdirSync(join(dir, "data/cache"))).toEqual(["irish.abc"]); // no partial file left
  });

  it("locateCorpus() refuses a download whose sha256 differs, naming expected and found", async () => {
    const tampered = new TextEncoder().encode(ABC.replace("ABcd", "ABce"));
    const {fetch} = fakeFetch(async () => tampered);
    await expect(locateCorpus(options({fetch}))).rejects.toThrow(
      `${PINNED.url}: expected sha256 ${PINNED.sha256}, found ${sha256Of(tampered)}; refusing the download`
    );
    expect(existsSync(join(dir, CACHE_PATH))).toBe(false);
  });

  it("locateCorpus() gives up after its timeout and says how to provide the corpus", async () => {
    const {fetch} = fakeFetch(
      (_, signal) => new Promise((_resolve, reject) => signal.addEventListener("abort", () => reject(signal.reason)))
    );
    const missing = await locateCorpus(options({fetch, timeoutMs: 20}));
    expect(missing.status).toBe("missing");
    if (missing.status !== "missing") return;
    expect(missing.howTo).toContain("no answer within 20 ms");
    expect(missing.howTo).toContain("ABC_CORPUS=");
    expect(missing.howTo).toContain("data/cache/irish.abc");
  });

  it("locateCorpus() times out even when fetch ignores its abort signal", async () => {
    const {fetch} = fakeFetch(() => new Promise(() => {}));
    expect(await locateCorpus(options({fetch, timeoutMs: 20}))).toMatchObject({status: "missing"});
  });

  it("locateCorpus() reports missing when offline, with the reason and how to provide the corpus", async () => {
    const offline: FetchLike = async () => {
      throw new TypeError("fetch failed", {cause: new Error("getaddrinfo ENOTFOUND example.invalid")});
    };
    const logged: string[] = [];
    const missing = await locateCorpus(options({fetch: offline, log: (line) => logged.push(line)}));
    expect(missing).toMatchObject({status: "missing"});
    if (missing.status !== "missing") return;
    expect(missing.howTo).toMatch(/download failed: fetch failed \(getaddrinfo ENOTFOUND example\.invalid\)/);
    expect(logged).toHaveLength(1);
  });

  it("locateCorpus() reports missing on an HTTP error", async () => {
    const {fetch} = fakeFetch(async () => 404);
    const missing = await locateCorpus(options({fetch}));
    expect(missing.status === "missing" && missing.howTo).toContain("HTTP 404");
  });

  it("locateCorpus() reports missing without downloading when fetch is null", async () => {
    const missing = await locateCorpus(options());
    expect(missing.status === "missing" && missing.howTo).toMatch(/^no ABC corpus: set ABC_CORPUS=/);
  });

  it("locateCorpus() pins the course's commit and sha256 by default", () => {
    expect(COURSE_CORPUS.url).toContain("/fd8023c7804bd352fc7212ac3aa587bd90912653/mitdeeplearning/data/irish.abc");
    expect(COURSE_CORPUS.sha256).toMatch(/^df3782d5[0-9a-f]{49}2c53023$/);
  });
});

describe("corpusPayload", () => {
  it("corpusPayload(corpus) lists tunes, vocabulary and parse counts without naming local paths", async () => {
    const path = writeAbc("tunes.abc");
    const found = await locateCorpus(options({env: {ABC_CORPUS: path}}));
    if (found.status !== "found") throw new Error("expected the corpus to be found");
    const payload = corpusPayload(found);
    expect(payload).toMatchObject({status: "ok", tunes: ["X:1\nT:One\nK:D\nABcd|]", "X:2\nT:Two\nK:G\nGAB|]"]});
    expect(payload.characters).toBe(payload.tunes.join("\n\n").length);
    expect(payload.vocabulary).toEqual([...new Set(payload.tunes.join("\n\n"))].sort());
    expect(payload.parse).toEqual({clean: 2, withWarnings: 0, examples: []});
    expect(payload.license).toBe("unknown: no tunes.abc.LICENSE beside the file");
    expect(payload.source).toBe("tunes.abc, read from ABC_CORPUS (not the course corpus: its sha256 differs)");
  });

  it("corpusPayload(corpus) quotes the first line of a LICENSE file beside the corpus", async () => {
    const path = writeAbc("tunes.abc");
    writeFileSync(`${path}.LICENSE`, "\nCC0 1.0 Universal\n…");
    const found = await locateCorpus(options({env: {ABC_CORPUS: path}}));
    if (found.status !== "found") throw new Error("expected the corpus to be found");
    expect(corpusPayload(found).license).toBe("CC0 1.0 Universal (from tunes.abc.LICENSE)");
  });

  it("loadCorpusPayload() passes the missing result through", async () => {
    expect(await loadCorpusPayload(options())).toMatchObject({status: "missing"});
  });

  it.skipIf(!existsSync(REAL_CORPUS))("loadCorpusPayload() reads the course corpus end to end", async () => {
    const payload = await loadCorpusPayload(options({env: {ABC_CORPUS: REAL_CORPUS}, pinned: undefined}));
    if (payload.status !== "ok") throw new Error(`expected the corpus at ${REAL_CORPUS}`);
    expect(payload.sha256).toBe(COURSE_CORPUS.sha256);
    expect(payload.license).toBe(COURSE_CORPUS.license);
    // 806 blocks: 804 start at X:, and two bodies ("Father Dollard's", "Providence") are cut
    // from their headers by a stray blank line in the file. The course's regex reports 817: it loses the last tune (no blank
    // line after it) and counts each of the 12 double-blank gaps twice.
    expect(payload.tunes).toHaveLength(806);
    expect(payload.tunes.filter((tune) => /^X:/m.test(tune))).toHaveLength(804);
    expect(payload.characters).toBe(197_605);
    expect(payload.vocabulary).toHaveLength(83); // the course's notebook: 83 unique characters
    expect(payload.parse.clean + payload.parse.withWarnings).toBe(806);
    expect(payload.parse.clean).toBe(803);
  });
});
