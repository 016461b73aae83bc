import {existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {afterEach, beforeEach, describe, expect, it} from "vitest";
import {ABC_OUTPUT, abcCommand, makeAbcCommand} from "../../loaders/abc-command.ts";
import {sha256Of} from "../../loaders/abc-corpus.ts";

const ABC = "X:1\nT:One\nK:D\nABcd|]\n\nX:2\nT:Two\nK:G\nGAB|]\n";

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "abc-command-"));
});
afterEach(() => rmSync(dir, {recursive: true, force: true}));

/** No environment, no cache, no network: only --source can supply a corpus. */
const offline = makeAbcCommand({env: {}, root: join(tmpdir(), "abc-command-no-root"), fetch: null, log: () => {}});

describe("abcCommand", () => {
  it("abcCommand is the `abc` dataset command and takes no options besides --source and --out", () => {
    expect(abcCommand.name).toBe("abc");
    expect(abcCommand.usage).toMatch(/^abc \[--source <file\.abc>\] --out <dir>/);
    expect(abcCommand.options).toEqual([]);
  });

  it("run({source, out}) writes abc-corpus.json and returns the summary", async () => {
    const source = join(dir, "tunes.abc");
    writeFileSync(source, ABC);
    const out = join(dir, "out");
    const summary = await offline.run({source, out, options: {}});
    expect(summary).toEqual({
      tunes: 2,
      characters: ABC.trimEnd().length,
      vocabulary: new Set(ABC.trimEnd()).size,
      sha256: sha256Of(new TextEncoder().encode(ABC)),
      parsedCleanly: 2,
      out
    });
    expect(readdirSync(out)).toEqual([ABC_OUTPUT]);
    const written = JSON.parse(readFileSync(join(out, ABC_OUTPUT), "utf8"));
    expect(written).toMatchObject({status: "ok", tunes: ["X:1\nT:One\nK:D\nABcd|]", "X:2\nT:Two\nK:G\nGAB|]"]});
  });

  it("run({out}) without --source reads the corpus that ABC_CORPUS names", async () => {
    const source = join(dir, "env.abc");
    writeFileSync(source, ABC);
    const command = makeAbcCommand({env: {ABC_CORPUS: source}, fetch: null, log: () => {}});
    expect(await command.run({out: join(dir, "out"), options: {}})).toMatchObject({tunes: 2});
  });

  it("run({out}) with no corpus anywhere fails with how to provide it and writes nothing", async () => {
    const out = join(dir, "out");
    await expect(offline.run({out, options: {}})).rejects.toThrow(/^abc: no ABC corpus: set ABC_CORPUS=.*data\/cache\/irish\.abc/);
    expect(readdirSync(dir)).toEqual([]);
  });

  it("run({source}) names a source that does not exist and writes nothing", async () => {
    const source = join(dir, "missing.abc");
    await expect(offline.run({source, out: join(dir, "out"), options: {}})).rejects.toThrow(
      `${source}: expected an ABC file, found nothing at ${source}`
    );
    expect(readdirSync(dir)).toEqual([]);
  });

  it("run({source}) leaves the previous output whole when the new source holds no tune", async () => {
    const out = join(dir, "out");
    const good = join(dir, "good.abc");
    writeFileSync(good, ABC);
    await offline.run({source: good, out, options: {}});
    const before = readFileSync(join(out, ABC_OUTPUT), "utf8");
    const empty = join(dir, "empty.abc");
    writeFileSync(empty, "% nothing but a comment\n");
    await expect(offline.run({source: empty, out, options: {}})).rejects.toThrow(/empty\.abc: expected at least one/);
    expect(readFileSync(join(out, ABC_OUTPUT), "utf8")).toBe(before);
    expect(readdirSync(dir).sort()).toEqual(["empty.abc", "good.abc", "out"]); // no staging folder left
    expect(existsSync(join(out, ABC_OUTPUT))).toBe(true);
  });
});
