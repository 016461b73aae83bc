import {existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync} from "node:fs";
import {mkdtempSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import h5wasm from "h5wasm/node";
import {afterAll, beforeAll, describe, expect, it} from "vitest";
import {main} from "../../loaders/cli.ts";
import {prepareFaces} from "../../loaders/faces/prepare.ts";
import {decodePng, encodePng} from "../../loaders/png.ts";

const N = 30;
let tmp: string;

/** Image i is filled with the BGR triple (i, 100, 200 − i): after reading, RGB (200 − i, 100, i). */
function bgrImages(n: number): Uint8Array {
  const out = new Uint8Array(n * 64 * 64 * 3);
  for (let i = 0; i < n; ++i) for (let p = 0; p < 64 * 64; ++p) out.set([i, 100, 200 - i], (i * 64 * 64 + p) * 3);
  return out;
}

interface H5Spec {
  images?: {data: Uint8Array | Float32Array; shape: number[]; dtype: string};
  labels?: {data: Float32Array | string[]; shape: number[]} | null;
  gzip?: boolean;
}

function writeH5(name: string, spec: H5Spec = {}): string {
  const path = join(tmp, name);
  const file = new h5wasm.File(path, "w");
  const images = spec.images ?? {data: bgrImages(N), shape: [N, 64, 64, 3], dtype: "<B"};
  file.create_dataset({name: "images", ...images, ...(spec.gzip ? {chunks: [1, 64, 64, 3], compression: "gzip", compression_opts: 6} : {})});
  if (spec.labels !== null) {
    const labels = spec.labels ?? {data: Float32Array.from({length: N}, (_, i) => i % 2), shape: [N, 1]};
    file.create_dataset({name: "labels", ...labels});
  }
  file.close();
  return path;
}

function writeTestDir(name: string, size = 64): string {
  const dir = join(tmp, name);
  for (const [g, group] of ["LF", "LM", "DF", "DM"].entries()) {
    mkdirSync(join(dir, group), {recursive: true});
    for (let k = 0; k < 2; ++k) {
      const data = new Uint8Array(size * size * 3).fill(10 * g + k);
      writeFileSync(join(dir, group, `face-${k}.png`), encodePng({width: size, height: size, channels: 3, data}));
    }
  }
  return dir;
}

/** Bob Jenkins' lookup3 hashlittle (public domain), which HDF5 uses for its metadata checksums. */
function lookup3(k: Uint8Array, init = 0): number {
  const rot = (x: number, s: number) => (x << s) | (x >>> (32 - s));
  let a = (0xdeadbeef + k.length + init) | 0, b = a, c = a, o = 0, n = k.length;
  const word = (i: number) => k[i] | (k[i + 1] << 8) | (k[i + 2] << 16) | (k[i + 3] << 24);
  while (n > 12) {
    a = (a + word(o)) | 0; b = (b + word(o + 4)) | 0; c = (c + word(o + 8)) | 0;
    a = (a - c) | 0; a ^= rot(c, 4); c = (c + b) | 0;
    b = (b - a) | 0; b ^= rot(a, 6); a = (a + c) | 0;
    c = (c - b) | 0; c ^= rot(b, 8); b = (b + a) | 0;
    a = (a - c) | 0; a ^= rot(c, 16); c = (c + b) | 0;
    b = (b - a) | 0; b ^= rot(a, 19); a = (a + c) | 0;
    c = (c - b) | 0; c ^= rot(b, 4); b = (b + a) | 0;
    n -= 12; o += 12;
  }
  if (n === 0) return c >>> 0;
  const abc = [a, b, c];
  for (let i = 0; i < n; ++i) abc[i >> 2] = (abc[i >> 2] + (k[o + i] << ((i & 3) * 8))) | 0;
  [a, b, c] = abc;
  c ^= b; c = (c - rot(b, 14)) | 0;
  a ^= c; a = (a - rot(c, 11)) | 0;
  b ^= a; b = (b - rot(a, 25)) | 0;
  c ^= b; c = (c - rot(b, 16)) | 0;
  a ^= c; a = (a - rot(c, 4)) | 0;
  b ^= a; b = (b - rot(a, 14)) | 0;
  c ^= b; c = (c - rot(b, 24)) | 0;
  return c >>> 0;
}

/**
 * A gzip-compressed file whose filter pipeline message is rewritten to name filter `id` (< 256,
 * so the message keeps its size), with the object header's checksum recomputed: a stand-in for a
 * file compressed with a plugin filter h5wasm does not have.
 */
function writeUnknownFilterH5(name: string, id: number): string {
  const path = writeH5(name, {gzip: true});
  const bytes = readFileSync(path);
  // Pipeline message v2 with one deflate filter at level 6: version 2, 1 filter, id 1, flags 0, 1 value, 6.
  const pattern = Buffer.from([2, 1, 1, 0, 0, 0, 1, 0, 6, 0, 0, 0]);
  const at = bytes.indexOf(pattern);
  if (at < 0) throw new Error("test fixture: filter pipeline message not found");
  const start = bytes.lastIndexOf(Buffer.from("OHDR"), at);
  let end = at + pattern.length;
  while (end + 4 <= bytes.length && lookup3(bytes.subarray(start, end)) !== bytes.readUInt32LE(end)) ++end;
  if (end + 4 > bytes.length) throw new Error("test fixture: object header checksum not found");
  bytes[at + 2] = id;
  bytes.writeUInt32LE(lookup3(bytes.subarray(start, end)), end);
  writeFileSync(join(tmp, name), bytes);
  return path;
}

beforeAll(async () => {
  await h5wasm.ready;
  tmp = mkdtempSync(join(tmpdir(), "manus-faces-"));
});
afterAll(() => rmSync(tmp, {recursive: true, force: true}));

async function run(...argv: string[]) {
  const stdout: string[] = [], stderr: string[] = [];
  const status = await main(argv, {stdout: (l) => stdout.push(l), stderr: (l) => stderr.push(l)});
  return {status, stderr: stderr.join("\n"), summary: status === 0 ? JSON.parse(stdout.at(-1) as string) : undefined};
}

describe("faces from the course's HDF5", () => {
  it("subsamples per label, holds out a test set and converts BGR to RGB", async () => {
    const path = writeH5("small.h5", {gzip: true});
    const p = await prepareFaces({source: path, seed: 5});
    expect(p.dataset).toBe("hdf5");
    expect(p.sha256).toMatch(/^[0-9a-f]{64}$/);
    // 15 faces and 15 non-faces: 3 of each (20 %) held out, the other 12 of each for training.
    expect(p.train.count).toBe(24);
    expect(p.test.count).toBe(6);
    expect(p.train.known).toEqual(["label", "kind"]);
    expect(p.train.attributes.skinTone.every((x) => x === null)).toBe(true);
    const images = p.train.images();
    for (let k = 0; k < p.train.count; ++k) {
      const [r, g, b] = images.subarray(k * 12288, k * 12288 + 3);
      const i = b; // the source index, from the fixture's pattern
      expect([r, g]).toEqual([200 - i, 100]);
      expect(p.train.attributes.label[k]).toBe(i % 2);
    }
  });

  it("reads LF/LM/DF/DM test PNGs in place of the test faces, keeping the held-out non-faces", async () => {
    const p = await prepareFaces({source: writeH5("with-dir.h5"), testDir: writeTestDir("pngs")});
    const a = p.test.attributes;
    expect(a.group.slice(0, 8)).toEqual(["LF", "LF", "LM", "LM", "DF", "DF", "DM", "DM"]);
    expect(a.label).toEqual([1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 0]);
    expect(Array.from(p.test.images().subarray(3 * 12288, 3 * 12288 + 3))).toEqual([11, 11, 11]);
  });

  it("writes the four files through the CLI and prints a JSON summary", async () => {
    const out = join(tmp, "cli-out");
    const {status, summary, stderr} = await run("faces", "--source", writeH5("cli.h5"), "--test-dir",
      writeTestDir("cli-pngs"), "--seed", "9", "--out", out);
    expect(stderr).toBe("");
    expect(status).toBe(0);
    expect(summary).toMatchObject({dataset: "hdf5", synthetic: false, faces: 12 + 8, nonFaces: 12 + 3, seed: 9,
      testGroups: {LF: 2, LM: 2, DF: 2, DM: 2}});
    expect(readdirSync(out).sort()).toEqual(["faces-attributes.json", "faces-test.png", "faces-train.png", "faces.json"]);
    const manifest = JSON.parse(readFileSync(join(out, "faces.json"), "utf8"));
    expect(manifest.attributes.known.train).toEqual(["label", "kind"]);
    expect(decodePng(readFileSync(join(out, "faces-train.png")))).toMatchObject({width: 24 * 64, height: 64});
  });

  it("writes the synthetic set through the CLI", async () => {
    const out = join(tmp, "synthetic-out");
    const {status, summary} = await run("faces", "--source", "synthetic", "--seed", "4", "--out", out);
    expect(status).toBe(0);
    expect(summary).toMatchObject({dataset: "synthetic-faces", faces: 2500, nonFaces: 1900, seed: 4, sha256: null,
      testGroups: {LF: 250, LM: 250, DF: 250, DM: 250}});
    // 1 400 test images in 64 columns: 22 rows.
    expect(decodePng(readFileSync(join(out, "faces-test.png")))).toMatchObject({width: 4096, height: 22 * 64});
  });

  it("refuses bad input with a message naming the file and writes nothing", async () => {
    const notH5 = join(tmp, "not.h5");
    writeFileSync(notH5, "images,labels\n1,2\n");
    const cases: [string[], RegExp][] = [
      [[notH5], /not\.h5: not an HDF5 file: expected the signature 89 48 44 46 0d 0a 1a 0a, found 69 6d 61/],
      [[join(tmp, "missing.h5")], /missing\.h5: no such file/],
      [[writeH5("no-labels.h5", {labels: null})], /no dataset 'labels' in .*no-labels\.h5; found: images/],
      [[writeH5("shape.h5", {images: {data: new Uint8Array(N * 32 * 32 * 3), shape: [N, 32, 32, 3], dtype: "<B"}})],
        /dataset 'images': expected N×64×64×3 uint8, got 30×32×32×3 uint8/],
      [[writeH5("dtype.h5", {images: {data: new Float32Array(N * 12288), shape: [N, 64, 64, 3], dtype: "<f"}})],
        /expected N×64×64×3 uint8, got 30×64×64×3 float32/],
      [[writeH5("count.h5", {labels: {data: new Float32Array(N - 1), shape: [N - 1, 1]}})],
        /dataset 'labels': expected 30×1 \(one label per image\), got 29×1/],
      [[writeH5("text-labels.h5", {labels: {data: Array.from({length: N}, () => "face"), shape: [N, 1]}})],
        /text-labels\.h5: dataset 'labels': expected numbers \(0 or 1, integer or float\), got strings/],
      [[writeH5("half-labels.h5", {labels: {data: new Float32Array(N).fill(0.5), shape: [N, 1]}})],
        /half-labels\.h5: dataset 'labels': label 0 is 0\.5: expected 0 or 1/],
      [[writeUnknownFilterH5("szip.h5", 4)], /szip\.h5: dataset 'images' is compressed with szip \(filter id 4\), which/],
      [[writeUnknownFilterH5("unknown.h5", 99)], /unknown\.h5: dataset 'images' is compressed with Unknown library filter \(filter id 99\)/],
      [[writeH5("ok.h5"), "--test-dir", writeTestDir("small-pngs", 32)], /small-pngs\/LF\/face-0\.png: expected a 64×64 RGB PNG, got 32×32/]
    ];
    for (const [[source, ...rest], message] of cases) {
      const out = join(tmp, "bad-out");
      const {status, stderr} = await run("faces", "--source", source, ...rest, "--out", out);
      expect(status, source).toBe(1);
      expect(stderr, source).toMatch(message);
      expect(existsSync(out), source).toBe(false);
    }
  });
});
