// The Faces essay's pretrained runs, trained with the page's own code in headless Chromium
// (WebGL on SwiftShader, see components/pages/pretrain-faces.ts) on the synthetic faces the
// site ships, and written as Manus checkpoints to data/checkpoints/<model>.json:
//   npx tsx scripts/pretrain-faces.ts faces-cnn|faces-control|faces-dbvae [--epochs N] [--steps N]
//     [--seed N] [--learning-rate X] [--debias on|off] [--out file] [--backend webgl]
// scripts/pretrain.ts dispatches `npm run pretrain -- faces-…` here. The last line printed
// is a JSON summary: the model, its per-group accuracies and light − dark gap, and for the
// DB-VAE the sampler's weight ratios (darker-skinned ÷ lighter, hatted ÷ bare).
import {mkdirSync, writeFileSync} from "node:fs";
import {dirname} from "node:path";
import {parseArgs} from "node:util";
import {openPretrainPage} from "./pretrain-page.ts";
import {facesFiles, prepareFaces} from "../loaders/faces/prepare.ts";
import type {FacesPretrainConfig, pretrainFaces} from "../components/pages/pretrain-faces.ts";
import {DEFAULTS} from "../components/faces/params.ts";
import type {RunKind} from "../components/faces/runs.ts";

/**
 * What each run trains for, chosen so that one run takes about 10–20 minutes on two shared
 * cores (WebGL on SwiftShader, 2–4 s a step with other jobs running): 5 epochs of 60 steps
 * of 32 images (16 faces, 16 non-faces), the same for all three runs so that they differ
 * only in what they draw. 300 steps draw 4 800 faces, about 3 passes over the 1 500
 * training faces (the control's 4 × 63 faces are repeated about six times as often). The learning
 * rate is twice the page's default, since the runs are short.
 */
const PRESETS: Record<string, Pick<FacesPretrainConfig, "kind" | "epochs" | "stepsPerEpoch" | "learningRate">> = {
  "faces-cnn": {kind: "cnn", epochs: 5, stepsPerEpoch: 60, learningRate: 0.001},
  "faces-control": {kind: "control", epochs: 5, stepsPerEpoch: 60, learningRate: 0.001},
  "faces-dbvae": {kind: "dbvae", epochs: 5, stepsPerEpoch: 60, learningRate: 0.001}
};

const name = process.argv[2];
if (!(name in PRESETS)) {
  console.error(`pretrain-faces: unknown model ${JSON.stringify(name ?? "")}; expected one of ${Object.keys(PRESETS).join(", ")}`);
  process.exit(2);
}
const {values} = parseArgs({
  args: process.argv.slice(3),
  options: {
    epochs: {type: "string"},
    steps: {type: "string"},
    "learning-rate": {type: "string"},
    debias: {type: "string", default: "on"},
    seed: {type: "string", default: String(DEFAULTS.seed)},
    backend: {type: "string", default: "webgl"},
    out: {type: "string"}
  }
});
const preset = PRESETS[name];
const config: FacesPretrainConfig = {
  kind: preset.kind as RunKind,
  backend: values.backend!,
  seed: Number(values.seed),
  size: DEFAULTS.size,
  epochs: Number(values.epochs ?? preset.epochs),
  stepsPerEpoch: Number(values.steps ?? preset.stepsPerEpoch),
  batchSize: DEFAULTS.batchSize,
  learningRate: Number(values["learning-rate"] ?? preset.learningRate),
  latentDim: DEFAULTS.latentDim,
  klWeight: DEFAULTS.klWeight,
  alpha: DEFAULTS.alpha,
  bins: DEFAULTS.bins,
  combine: DEFAULTS.combine,
  debias: values.debias === "on"
};
for (const key of ["epochs", "stepsPerEpoch", "seed"] as const) {
  if (!Number.isInteger(config[key]) || config[key] < (key === "seed" ? 0 : 1)) throw new Error(`pretrain-faces: --${key}: expected a whole number, got ${config[key]}`);
}
if (!(config.learningRate > 0 && config.learningRate < 1)) throw new Error(`pretrain-faces: --learning-rate: expected a number in (0, 1), got ${values["learning-rate"]}`);
if (values.debias !== "on" && values.debias !== "off") throw new Error(`pretrain-faces: --debias: expected on or off, got ${values.debias}`);
const out = values.out ?? `data/checkpoints/${name}.json`;

const files: Record<string, Uint8Array | string> = {
  ...Object.fromEntries(Object.entries(facesFiles(await prepareFaces())).map(([file, body]) => [`/data/${file}`, body]))
};
const {page, base, close} = await openPretrainPage({lib: "node_modules/.cache/manus-pretrain-faces", files, module: "pretrain-faces.js", exportName: "pretrainFaces"});
console.log(`pretrain ${name}: ${JSON.stringify(config)}`);
const result = await page.evaluate(
  ([cfg, dataUrl]) => {
    const w = window as unknown as {pretrainFaces: typeof pretrainFaces; pretrainLog: (line: string) => void};
    return w.pretrainFaces(cfg, dataUrl, w.pretrainLog);
  },
  [config, `${base}/data/`] as const
);
mkdirSync(dirname(out), {recursive: true});
writeFileSync(out, result.text);
console.log(JSON.stringify({model: name, ...result.metrics, file: out}));
await close();
