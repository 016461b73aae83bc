// The Music essay's pretrained LSTM, trained in Node with the page's own code (model.ts,
// train.ts on the shared loop) and written as a Manus checkpoint whose card holds the
// corpus sha256, the settings, the validation loss, the history and a parse benchmark.
//   npx tsx scripts/pretrain-music.ts [music-lstm] [--minutes 10] [--seed 6191] [--out file]
// scripts/pretrain.ts dispatches `npm run pretrain -- music-lstm` here. Needs the corpus:
// ABC_CORPUS=/path/to/irish.abc, data/cache/irish.abc, or the pinned download.
// Backend: tfjs WASM in Node. Its gather has no gradient, but lstm.ts reads characters
// through a one-hot product, so it trains; measured 2–6 s a step, 3.3 s on average over the
// committed 22-minute run (batch 32 × 100 characters, 2 shared cores), against ≈ 10 s a
// step on the pure-JS CPU backend.
import "@tensorflow/tfjs-backend-wasm";
import {mkdirSync, writeFileSync} from "node:fs";
import {dirname, resolve} from "node:path";
import {fileURLToPath} from "node:url";
import {parseArgs} from "node:util";
import {locateCorpus} from "../loaders/abc-corpus.ts";
import {readTunes} from "../loaders/abc.ts";
import {saveCheckpoint} from "../components/checkpoint.ts";
import {prepareCorpus} from "../components/music/dataset.ts";
import {generateBatch} from "../components/music/generate.ts";
import {createMusicModel} from "../components/music/model.ts";
import {createMusicTrainer} from "../components/music/train.ts";
import {extractTunes, parseShare} from "../components/music/tunes.ts";
import {tf} from "../components/tf.ts";
import {historyToJSON} from "../components/train/history.ts";

export interface PretrainMusicOptions {
  seed?: number;
  /** Wall-clock training budget; the run stops at the first epoch end past it. */
  minutes?: number;
  embedding?: number;
  units?: number;
  batchSize?: number;
  sequenceLength?: number;
  learningRate?: number;
  stepsPerEpoch?: number;
  /** Samples (rows) of the parse benchmark at temperature 1. */
  benchmarkRows?: number;
  out?: string;
  log?: (line: string) => void;
}

export const MUSIC_PRETRAIN_DEFAULTS = {
  seed: 6191, minutes: 10, embedding: 32, units: 128, batchSize: 32, sequenceLength: 100,
  learningRate: 0.01, stepsPerEpoch: 25, benchmarkRows: 64, out: "data/checkpoints/music-lstm.json"
};

const BENCHMARK = {start: "X:", length: 700, temperature: 1};

export async function pretrainMusic(options: PretrainMusicOptions = {}) {
  const given = Object.fromEntries(Object.entries(options).filter(([, value]) => value !== undefined));
  const o = {...MUSIC_PRETRAIN_DEFAULTS, log: (line: string) => console.error(line), ...given};
  const found = await locateCorpus();
  if (found.status === "missing") throw new Error(`pretrain-music: ${found.howTo}`);
  await tf.setBackend("wasm");
  await tf.ready();
  const tunes = readTunes(found.bytes, found.file);
  const corpus = prepareCorpus(tunes, {seed: o.seed});
  const vocabulary = corpus.vocabulary.chars;
  o.log(`corpus: ${tunes.length} tunes (${corpus.tunes.validation} held out), ${vocabulary.length} characters, sha256 ${found.sha256}`);
  const model = createMusicModel({vocabulary: vocabulary.length, embedding: o.embedding, units: o.units, seed: o.seed});
  o.log(`model: embedding ${o.embedding}, LSTM ${o.units}, ${model.countParams()} parameters; backend ${tf.getBackend()}`);
  const trainer = createMusicTrainer(model);
  const settings = {batchSize: o.batchSize, sequenceLength: o.sequenceLength, learningRate: o.learningRate,
    epochs: 10_000, stepsPerEpoch: o.stepsPerEpoch, seed: o.seed, clipNorm: 5, validationBatches: 4};
  const started = performance.now();
  // A zero frame budget: listeners hear of every step (no browser to yield to here).
  const run = trainer.run(corpus, settings, {frameBudgetMs: 0, yieldToBrowser: async () => {}});
  const write = async (extra: Record<string, number>) => {
    const last = run.history.epochs[run.history.epochs.length - 1];
    const minutes = (performance.now() - started) / 60_000;
    const text = await saveCheckpoint(model, {
      model: "music-lstm",
      dataset: {name: "irish.abc (MIT 6.S191 Lab 1)", sha256: found.sha256, train: corpus.tunes.train, test: corpus.tunes.validation},
      seed: o.seed,
      config: {embedding: o.embedding, units: o.units, vocabulary, ...settings, epochs: run.history.epochs.length,
        steps: run.progress.stepsDone, optimizer: "adam", trainingMinutes: Number(minutes.toFixed(1)),
        note: "trained in Node on the tfjs WASM backend (2 shared CPU cores), time-limited"},
      metrics: {loss: last?.loss ?? NaN, val_loss: last?.val_loss ?? NaN, ...extra},
      history: historyToJSON(run.history)
    });
    mkdirSync(dirname(resolve(o.out)), {recursive: true});
    writeFileSync(o.out, text);
  };
  run.subscribe((t) => {
    const last = t.history.epochs[t.history.epochs.length - 1];
    if (!last || last.epoch !== lastLogged + 1) return;
    lastLogged = last.epoch;
    const minutes = (performance.now() - started) / 60_000;
    o.log(`epoch ${last.epoch}, step ${t.progress.stepsDone}: loss ${last.loss.toFixed(3)}, val_loss ${last.val_loss.toFixed(3)} (${minutes.toFixed(1)} min)`);
    void write({});
    if (minutes >= o.minutes) t.stop();
  });
  let lastLogged = 0;
  await run.done;
  if (run.status === "failed") throw run.error;
  const texts = await generateBatch(model, corpus.vocabulary, {...BENCHMARK, seed: o.seed, rows: o.benchmarkRows});
  const extracted = texts.flatMap((text) => extractTunes(BENCHMARK.start + text));
  const share = parseShare(extracted);
  o.log(`benchmark at T = 1: ${share.clean} of ${share.tunes} whole tunes parse cleanly (${(share.share * 100).toFixed(1)} %)`);
  await write({parse_clean_share: share.share, parse_tunes: share.tunes, parse_clean: share.clean});
  const last = run.history.epochs[run.history.epochs.length - 1];
  trainer.dispose();
  model.dispose();
  return {out: o.out, steps: run.progress.stepsDone, loss: last?.loss, val_loss: last?.val_loss, parse: share};
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const {values} = parseArgs({
    allowPositionals: true,
    options: {seed: {type: "string"}, minutes: {type: "string"}, out: {type: "string"}, epochs: {type: "string"}, backend: {type: "string"}}
  });
  const number = (name: string, raw: string | undefined) => {
    if (raw === undefined) return undefined;
    const value = Number(raw);
    if (!(value > 0)) throw new Error(`--${name}: expected a positive number, got ${JSON.stringify(raw)}`);
    return value;
  };
  if (values.backend && values.backend !== "wasm") console.error(`pretrain-music: --backend ${values.backend} ignored; it trains on WASM in Node`);
  const result = await pretrainMusic({seed: number("seed", values.seed), minutes: number("minutes", values.minutes), out: values.out});
  console.log(JSON.stringify(result));
}
