// npm run pretrain -- <model> [--epochs N] [--seed N] [--learning-rate X] [--backend webgl]
//                             [--shift PX] [--rotate DEGREES] [--scale FRACTION]
//                             [--resume data/checkpoints/<model>.json]
// The committed mnist-cnn was made in four stages, 16 epochs in all (its card lists them,
// each with the test accuracy it ended at: 98.1, 98.3, 98.4, 98.8 %):
//   npm run pretrain -- mnist-cnn
//   npm run pretrain -- mnist-cnn --resume data/checkpoints/mnist-cnn.json --learning-rate 0.0001 --epochs 3
//   npm run pretrain -- mnist-cnn --resume data/checkpoints/mnist-cnn.json --learning-rate 0.0003 --epochs 3 --rotate 10 --scale 0.1
//   npm run pretrain -- mnist-cnn --resume data/checkpoints/mnist-cnn.json --learning-rate 0.0001 --epochs 2 --rotate 10 --scale 0.1
// Trains a model with the site's own training code and writes its
// checkpoint (weights + training card) to data/checkpoints/<model>.json.
//   mnist-fc, mnist-cnn: in headless Chromium (see components/pages/pretrain.ts)
//   cartpole, pong:      scripts/pretrain-rl.ts (Node)
//   music-lstm:          scripts/pretrain-music.ts
//   faces-cnn, faces-control, faces-dbvae: scripts/pretrain-faces.ts (headless Chromium)
import {spawnSync} from "node:child_process";
import {mkdirSync, readFileSync, writeFileSync} from "node:fs";
import {parseArgs} from "node:util";
import {openPretrainPage} from "./pretrain-page.ts";
import {mnistManifest, prepareMnist, spritePng} from "../loaders/mnist.ts";
import type {pretrainDigits} from "../components/pages/pretrain.ts";

type PretrainDigits = typeof pretrainDigits;

const DIGITS = {
  "mnist-fc": {kind: "fc", learningRate: 0.001, batchSize: 32, epochs: 14, shift: 0},
  "mnist-cnn": {kind: "cnn", learningRate: 0.001, batchSize: 32, epochs: 8, shift: 2}
} as const;
const DELEGATED: Record<string, string> = {
  cartpole: "scripts/pretrain-rl.ts", pong: "scripts/pretrain-rl.ts", "music-lstm": "scripts/pretrain-music.ts",
  "faces-cnn": "scripts/pretrain-faces.ts", "faces-control": "scripts/pretrain-faces.ts", "faces-dbvae": "scripts/pretrain-faces.ts"
};

const name = process.argv[2];
if (name in DELEGATED) {
  // Those scripts parse their own options.
  const run = spawnSync("npx", ["tsx", DELEGATED[name], ...process.argv.slice(2)], {stdio: "inherit"});
  process.exit(run.status ?? 1);
}
const {values} = parseArgs({
  args: process.argv.slice(3),
  options: {
    epochs: {type: "string"},
    shift: {type: "string"},
    rotate: {type: "string"},
    scale: {type: "string"},
    "learning-rate": {type: "string"},
    resume: {type: "string"},
    seed: {type: "string", default: "6191"},
    backend: {type: "string", default: "webgl"}
  }
});
if (!(name in DIGITS)) {
  console.error(`pretrain: unknown model ${JSON.stringify(name ?? "")}; expected one of ${[...Object.keys(DIGITS), ...Object.keys(DELEGATED)].join(", ")}`);
  process.exit(2);
}
const preset = DIGITS[name as keyof typeof DIGITS];
const config = {
  ...preset,
  learningRate: Number(values["learning-rate"] ?? preset.learningRate),
  epochs: Number(values.epochs ?? preset.epochs),
  shift: Number(values.shift ?? preset.shift),
  rotate: Number(values.rotate ?? 0),
  scale: Number(values.scale ?? 0),
  seed: Number(values.seed),
  backend: values.backend!
};
if (!Number.isInteger(config.epochs) || config.epochs < 1) throw new Error(`--epochs: expected a positive integer, got ${values.epochs}`);
for (const key of ["shift", "rotate", "scale"] as const) {
  if (!(config[key] >= 0)) throw new Error(`--${key}: expected a number ≥ 0, got ${values[key]}`);
}
if (!(config.learningRate > 0 && config.learningRate < 1)) throw new Error(`--learning-rate: expected a number in (0, 1), got ${values["learning-rate"]}`);
// --resume <checkpoint>: go on training from it (a fine-tuning stage), keeping its card's history.
const resume = values.resume === undefined ? undefined : readFileSync(values.resume, "utf8");

const prepared = prepareMnist({});
const files: Record<string, Uint8Array | string> = {
  "/data/mnist.json": JSON.stringify(mnistManifest(prepared)),
  "/data/mnist-images.png": spritePng(prepared),
  "/data/mnist-labels.bin": prepared.labels
};
const {page, base, close} = await openPretrainPage({lib: "node_modules/.cache/manus-pretrain", files, module: "pretrain.js", exportName: "pretrainDigits"});
console.log(`pretrain ${name}: ${JSON.stringify(config)}`);
const result = await page.evaluate(
  ([cfg, dataUrl]) => {
    const w = window as unknown as {pretrainDigits: PretrainDigits; pretrainLog: (line: string) => void};
    return w.pretrainDigits(cfg, dataUrl, w.pretrainLog);
  },
  [{...config, resume}, `${base}/data/`] as const
);
mkdirSync("data/checkpoints", {recursive: true});
writeFileSync(`data/checkpoints/${name}.json`, result.text);
console.log(JSON.stringify({model: name, test_accuracy: result.accuracy, file: `data/checkpoints/${name}.json`}));
await close();
