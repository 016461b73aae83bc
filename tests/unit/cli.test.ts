import {execFile} from "node:child_process";
import {existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync} from "node:fs";
import {join} from "node:path";
import {promisify} from "node:util";
import {afterAll, beforeAll, describe, expect, it} from "vitest";
import {main} from "../../loaders/cli.ts";
import {writeOutputs, type FileOps} from "../../loaders/output.ts";
import {decodePng} from "../../loaders/png.ts";
import {tempDir, writeIdxFolder} from "./fixtures/idx.ts";

const ROOT = join(import.meta.dirname, "../..");
const FASHION = "/usr/share/datasets/fashion-mnist";

let tmp: string;
beforeAll(() => {
  tmp = tempDir("cli");
});
afterAll(() => rmSync(tmp, {recursive: true, force: true}));

/** Runs main in-process and collects what it prints. */
async function run(...argv: string[]) {
  const stdout: string[] = [];
  const stderr: string[] = [];
  const status = await main(argv, {stdout: (line) => stdout.push(line), stderr: (line) => stderr.push(line)});
  const last = stdout.at(-1);
  return {status, stderr: stderr.join("\n"), summary: status === 0 && last ? JSON.parse(last) : undefined};
}

/** Files under `dir`, hidden ones (staging folders) included. */
const listing = (dir: string) => (existsSync(dir) ? readdirSync(dir).sort() : []);

describe("npm run data -- mnist", () => {
  it("writes the embedded digits' manifest, sprite and labels and prints a JSON summary", async () => {
    const out = join(tmp, "embedded");
    const {status, summary} = await run("mnist", "--out", out, "--seed", "7");
    expect(status).toBe(0);
    expect(summary).toMatchObject({
      images: 10000, rows: 28, cols: 28, classes: 10, train: 8499, test: 1501, seed: 7, out
    });
    expect(summary.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(listing(out)).toEqual(["mnist-images.png", "mnist-labels.bin", "mnist.json"]);
    const manifest = JSON.parse(readFileSync(join(out, "mnist.json"), "utf8"));
    expect(manifest.seed).toBe(7);
    expect(readFileSync(join(out, "mnist-labels.bin")).length).toBe(10000);
    expect(decodePng(readFileSync(join(out, "mnist-images.png"))).width).toBe(2800);
  });

  it("answers a bad command line with the usage on stderr and status 2, writing nothing", async () => {
    const out = join(tmp, "usage");
    for (const [argv, message] of [
      [["faces-and-more", "--out", out], /unknown dataset "faces-and-more": expected one of mnist/],
      [["mnist"], /--out: expected the output folder/],
      [["mnist", "--out", out, "--colour", "red"], /unknown flag --colour for mnist/],
      [["mnist", "--out"], /--out: expected a value/],
      [["mnist", "--out", out, "--seed", "-1"], /--seed: expected an integer from 0 to 4294967295, got "-1"/],
      [["mnist", "--out", out, "--names", "a,b"], /--names: expected 10 comma-separated names, got 2/],
      [[], /expected one dataset, got none/]
    ] as const) {
      const {status, stderr} = await run(...argv);
      expect(status, argv.join(" ")).toBe(2);
      expect(stderr).toMatch(message);
      expect(stderr).toMatch(/usage:[\s\S]*npm run data -- mnist/);
    }
    expect(existsSync(out)).toBe(false);
  });

  it("fails with status 1, names the bad file and leaves the output folder as it was", async () => {
    const page = new TextEncoder().encode("<!doctype html>");
    const source = writeIdxFolder(tmp, "broken", {replace: {"t10k-images-idx3-ubyte": page}});
    const fresh = join(tmp, "never-made");
    const failed = await run("mnist", "--source", source, "--out", fresh);
    expect(failed.status).toBe(1);
    expect(failed.stderr).toBe(
      `error: ${join(source, "t10k-images-idx3-ubyte")}: ` +
        "looks like an HTML page, probably a failed download: expected IDX bytes, found markup"
    );
    expect(existsSync(fresh)).toBe(false);
    expect(listing(tmp).filter((name) => name.includes("staging"))).toEqual([]);
  });

  it("runs as a real subprocess and prints the summary as its last stdout line", async () => {
    const source = writeIdxFolder(tmp, "subprocess", {gzip: true});
    const out = join(tmp, "subprocess-out");
    const argv = ["loaders/cli.ts", "mnist", "--source", source, "--out", out];
    const {stdout} = await promisify(execFile)(join(ROOT, "node_modules/.bin/tsx"), argv, {cwd: ROOT});
    const summary = JSON.parse(stdout.trim().split("\n").at(-1) ?? "");
    expect(summary).toMatchObject({dataset: "idx", images: 42, rows: 4, cols: 3, train: 30, test: 12, out});
    expect(listing(out)).toEqual(["mnist-images.png", "mnist-labels.bin", "mnist.json"]);
  });

  it("prepares the real Fashion-MNIST IDX files: 70 000 images of 28×28, 60 000 train, 10 000 test", async () => {
    if (!existsSync(join(FASHION, "train-images-idx3-ubyte.gz"))) {
      throw new Error(
        `${FASHION}: expected Fashion-MNIST's IDX files, found none; run apt-get install dataset-fashion-mnist`
      );
    }
    const out = join(tmp, "fashion");
    const {status, summary, stderr} = await run("mnist", "--source", FASHION, "--out", out);
    expect(stderr).toBe("");
    expect(status).toBe(0);
    expect(summary).toMatchObject({
      dataset: "idx", images: 70000, rows: 28, cols: 28, classes: 10, train: 60000, test: 10000
    });
    const manifest = JSON.parse(readFileSync(join(out, "mnist.json"), "utf8"));
    expect(manifest.counts.test).toEqual(new Array(10).fill(1000));
    expect(manifest.classNames[0]).toBe("T-shirt/top");
    expect(readFileSync(join(out, "mnist-labels.bin")).length).toBe(70000);
    // The PNG's IHDR holds width and height (big-endian) at bytes 16–23; decoding 55 M pixels would be slow.
    const ihdr = new DataView(readFileSync(join(out, "mnist-images.png")).buffer, 16, 8);
    expect([ihdr.getUint32(0), ihdr.getUint32(4)]).toEqual([2800, 19600]);
  }, 60_000);
});

describe("writeOutputs", () => {
  it("creates the folder with every file", async () => {
    const out = join(tmp, "outputs-new");
    await writeOutputs(out, {"a.json": "{}", "b.bin": new Uint8Array([1, 2])});
    expect(listing(out)).toEqual(["a.json", "b.bin"]);
    expect([...readFileSync(join(out, "b.bin"))]).toEqual([1, 2]);
  });

  it("leaves nothing when a write fails", async () => {
    const out = join(tmp, "outputs-write-fails");
    const files = {"a.json": "{}", ["x".repeat(300)]: "too long a name"};
    await expect(writeOutputs(out, files)).rejects.toThrow(/ENAMETOOLONG/);
    expect(existsSync(out)).toBe(false);
    expect(listing(tmp).filter((name) => name.includes("outputs-write-fails"))).toEqual([]);
  });

  it("restores the previous files when a move fails half-way", async () => {
    const out = join(tmp, "outputs-move-fails");
    mkdirSync(out);
    writeFileSync(join(out, "a.json"), "old a");
    writeFileSync(join(out, "keep.txt"), "unrelated");
    const moves: string[] = [];
    const ops: FileOps = {
      writeFile: async (path, data) => writeFileSync(path, data),
      rename: async (from, to) => {
        if (from.endsWith("b.bin")) throw new Error(`rename ${from}: injected failure`);
        moves.push(to);
        const {rename} = await import("node:fs/promises");
        await rename(from, to);
      }
    };
    const files = {"a.json": "new a", "b.bin": new Uint8Array([1])};
    await expect(writeOutputs(out, files, ops)).rejects.toThrow(/injected failure/);
    expect(moves).toContain(join(out, "a.json"));
    expect(listing(out)).toEqual(["a.json", "keep.txt"]);
    expect(readFileSync(join(out, "a.json"), "utf8")).toBe("old a");
    expect(listing(tmp).filter((name) => name.includes("staging"))).toEqual([]);
  });

  it("refuses file names that would leave the folder", async () => {
    await expect(writeOutputs(join(tmp, "outputs-escape"), {"../x": "1"})).rejects.toThrow(
      'output file name "../x": expected a plain file name, no folders'
    );
  });
});
