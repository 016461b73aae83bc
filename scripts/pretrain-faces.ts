// The Faces essay's pretrained runs, trained with the page's own code in headless Chromium
// (WebGL on SwiftShader, see components/pages/pretrain-faces.ts) on the synthetic faces the
// site ships, and written as Manus checkpoints to data/checkpoints/<model>.json:
//   npx tsx scripts/pretrain-faces.ts faces-cnn|faces-control|faces-dbvae [--epochs N] [--steps N]
//     [--seed N] [--learning-rate X] [--debias on|off] [--latent N] [--kl-weight X] [--alpha X]
//     [--bins N] [--combine max|product] [--oracle-darker X] [--out file] [--backend webgl]
// --oracle-darker X (faces-cnn only, an experiment): darker-skinned faces drawn X times as
// often as lighter ones by their true skin tone, the ceiling for a sampler leaning that hard.
// scripts/pretrain.ts dispatches `npm run pretrain -- faces-…` here. The last line printed
// is a JSON summary: the model, its per-group accuracies and light − dark gap, and for the
// DB-VAE the sampler's weight ratios (darker-skinned ÷ lighter, hatted ÷ bare).
import {mkdirSync, writeFileSync} from "node:fs";
import {dirname} from "node:path";
import {parseArgs} from "node:util";
import {openPretrainPage} from "./pretrain-page.ts";
import {facesFiles, prepareFaces} from "../loaders/faces/prepare.ts";
import type {FacesPretrainConfig, pretrainFaces} from "../components/pages/pretrain-faces.ts";
import {DEFAULTS, RANGES} from "../components/faces/params.ts";
import type {RunKind} from "../components/faces/runs.ts";

/**
 * What each run trains for, chosen so that one run takes about 5–15 minutes on two shared
 * cores (WebGL on SwiftShader, 1–3 s a step with other jobs running): 10 epochs of 30 steps
 * of 32 images (16 faces, 16 non-faces), the same for all three runs so that they differ
 * only in what they draw. 300 steps draw 4 800 faces, about 3 passes over the 1 500
 * training faces (the control's 4 × 26 faces are each drawn about 14 times as often). Ten
 * short epochs rather than five long ones let the DB-VAE's sampler refresh its weights ten
 * times, the CNNs train alike either way. The learning rate is twice the page's default,
 * since the runs are short. The DB-VAE's smoothing α is the course notebook's 0.001
 * (smoothing_fac), not the page's 0.01: with the sampler's maximum over dimensions, the
 * smaller α lets a face in a thin bin weigh up to 1 / α, where 0.01 flattens the weights.
 */
const PRESETS: Record<string, Pick<FacesPretrainConfig, "kind" | "epochs" | "stepsPerEpoch" | "learningRate"> & Partial<Pick<FacesPretrainConfig, "alpha">>> = {
  "faces-cnn": {kind: "cnn", epochs: 10, stepsPerEpoch: 30, learningRate: 0.001},
  "faces-control": {kind: "control", epochs: 10, stepsPerEpoch: 30, learningRate: 0.001},
  "faces-dbvae": {kind: "dbvae", epochs: 10, stepsPerEpoch: 30, learningRate: 0.001, alpha: 0.001}
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
    latent: {type: "string"},
    "kl-weight": {type: "string"},
    alpha: {type: "string"},
    bins: {type: "string"},
    combine: {type: "string"},
    "oracle-darker": {type: "string"},
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
  latentDim: Number(values.latent ?? DEFAULTS.latentDim),
  klWeight: Number(values["kl-weight"] ?? DEFAULTS.klWeight),
  alpha: Number(values.alpha ?? preset.alpha ?? DEFAULTS.alpha),
  bins: Number(values.bins ?? DEFAULTS.bins),
  combine: (values.combine ?? DEFAULTS.combine) as FacesPretrainConfig["combine"],
  debias: values.debias === "on",
  ...(values["oracle-darker"] !== undefined ? {oracleDarker: Number(values["oracle-darker"])} : {})
};
if (config.oracleDarker !== undefined && (preset.kind !== "cnn" || !(config.oracleDarker > 0 && Number.isFinite(config.oracleDarker)))) {
  throw new Error(`pretrain-faces: --oracle-darker: expected a number > 0, for faces-cnn only; got ${values["oracle-darker"]} for ${name}`);
}
for (const key of ["epochs", "stepsPerEpoch", "seed"] as const) {
  if (!Number.isInteger(config[key]) || config[key] < (key === "seed" ? 0 : 1)) throw new Error(`pretrain-faces: --${key}: expected a whole number, got ${config[key]}`);
}
if (!(config.learningRate > 0 && config.learningRate < 1)) throw new Error(`pretrain-faces: --learning-rate: expected a number in (0, 1), got ${values["learning-rate"]}`);
// The DB-VAE's settings must lie in the ranges of the page's sliders (params.ts), so that the page can show what a checkpoint was made with.
for (const [flag, key] of [["latent", "latentDim"], ["kl-weight", "klWeight"], ["alpha", "alpha"], ["bins", "bins"]] as const) {
  const {min, max} = RANGES[key];
  const whole = key === "latentDim" || key === "bins";
  if (!(config[key] >= min && config[key] <= max) || (whole && !Number.isInteger(config[key]))) {
    throw new Error(`pretrain-faces: --${flag}: expected ${whole ? "a whole number" : "a number"} in ${min}–${max}, got ${values[flag]}`);
  }
}
if (config.combine !== "max" && config.combine !== "product") throw new Error(`pretrain-faces: --combine: expected max or product, got ${values.combine}`);
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
