// Pre-bundles components/ into src/_lib/ so that Markdown pages (which cannot import
// from outside the Framework root) import plain local modules. One esbuild run with
// code splitting: every page entry shares one copy of tfjs-core, d3 and our own code.
//   npx tsx scripts/bundle.ts          build once
//   npx tsx scripts/bundle.ts --watch  rebuild on change (used by `npm run dev`)
//   npx tsx scripts/bundle.ts --out d  into another folder (scripts/pretrain.ts)
import {copyFileSync, mkdirSync, readdirSync, rmSync} from "node:fs";
import {join} from "node:path";
import * as esbuild from "esbuild";
import {WASM_FILES} from "../components/wasm-files.ts";

const ENTRY_DIR = "components/pages";
const outFlag = process.argv.indexOf("--out");
const OUT_DIR = outFlag > 0 ? process.argv[outFlag + 1] : "src/_lib";

const entryPoints = readdirSync(ENTRY_DIR)
  .filter((name) => name.endsWith(".ts"))
  .map((name) => join(ENTRY_DIR, name));

const options: esbuild.BuildOptions = {
  entryPoints,
  outdir: OUT_DIR,
  bundle: true,
  splitting: true,
  format: "esm",
  platform: "browser",
  target: "es2022",
  minify: true,
  sourcemap: false,
  chunkNames: "chunks/[name]-[hash]",
  legalComments: "none",
  logLevel: "warning",
  // The WASM backend mentions Node's fs/path/worker_threads behind runtime checks.
  external: ["fs", "path", "worker_threads", "perf_hooks", "os", "crypto"]
};

function copyWasm(): void {
  mkdirSync(join(OUT_DIR, "wasm"), {recursive: true});
  for (const name of WASM_FILES) {
    copyFileSync(join("node_modules/@tensorflow/tfjs-backend-wasm/dist", name), join(OUT_DIR, "wasm", name));
  }
}

rmSync(OUT_DIR, {recursive: true, force: true});
if (process.argv.includes("--watch")) {
  const context = await esbuild.context(options);
  await context.watch();
  copyWasm();
  console.log(`bundle: watching ${ENTRY_DIR} → ${OUT_DIR}`);
} else {
  await esbuild.build(options);
  copyWasm();
}
