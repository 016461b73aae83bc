// The Music essay's pretrained LSTM, trained in Node with the page's own code (model.ts,
// train.ts on the shared loop) and written as a Manus checkpoint whose card holds the
// corpus sha256, the settings, the validation loss, the history and a parse benchmark.
//   npx tsx scripts/pretrain-music.ts [music-lstm] [--minutes 10] [--seed 6191] [--out file]
//     [--resume data/checkpoints/music-lstm.json] [--lr 0.003] [--steps-per-epoch 25] [--benchmark-rows 64]
// --resume trains a checkpoint further for --minutes more: same corpus split (its seed), sizes,
// vocabulary and settings; the card keeps the earlier history and sums steps, epochs and minutes.
// Adam's moments are not in a checkpoint, so they start again from zero at the resume: the
// first steps at the first run's rate can undo some progress (measured: validation loss
// 1.319 → 1.363 after 2 steps at 0.01); a lower --lr avoids that.
// scripts/pretrain.ts dispatches `npm run pretrain -- music-lstm` here. Needs the corpus:
// ABC_CORPUS=/path/to/irish.abc, data/cache/irish.abc, or the pinned download.
// Backend: tfjs WASM in Node. Its gather has no gradient, but lstm.ts reads characters
// through a one-hot product, so it trains; measured 2–6 s a step, 3.3 s on average over the
// committed 22-minute run (batch 32 × 100 characters, 2 shared cores), against ≈ 10 s a
// step on the pure-JS CPU backend.
import "@tensorflow/tfjs-backend-wasm";
import {mkdirSync, readFileSync, writeFileSync} from "node:fs";
import {dirname, resolve} from "node:path";
import {fileURLToPath} from "node:url";
import {parseArgs} from "node:util";
import {locateCorpus} from "../loaders/abc-corpus.ts";
import {readTunes} from "../loaders/abc.ts";
import type {Vocabulary} from "../loaders/abc.ts";
import {loadCheckpoint, saveCheckpoint} from "../components/checkpoint.ts";
import type {TrainingCard} from "../components/checkpoint.ts";
import {prepareCorpus} from "../components/music/dataset.ts";
import {generateBatch} from "../components/music/generate.ts";
import {createMusicModel, modelConfigOf} from "../components/music/model.ts";
import {vocabularyOfCard} from "../components/music/training-panel.ts";
import {deriveSeed} from "../components/random.ts";
import {createMusicTrainer} from "../components/music/train.ts";
import {extractTunes, parseShare} from "../components/music/tunes.ts";
import {tf} from "../components/tf.ts";
import {historyFromJSON, historyToJSON} from "../components/train/history.ts";
import type {History} from "../components/train/history.ts";

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
  /** A music-lstm checkpoint to train further (its sizes and settings are kept). */
  resume?: string;
  out?: string;
  log?: (line: string) => void;
}

export const MUSIC_PRETRAIN_DEFAULTS = {
  seed: 6191, minutes: 10, embedding: 32, units: 128, batchSize: 32, sequenceLength: 100,
  learningRate: 0.01, stepsPerEpoch: 25, benchmarkRows: 64, out: "data/checkpoints/music-lstm.json"
};

const BENCHMARK = {start: "X:", length: 700, temperature: 1};

/**
 * The bar, measured: `rows` texts of 700 characters generated from "X:" at
 * temperature 1 (seeded), cut into whole tunes, each parsed by abcjs. Shared by the
 * pretraining card and `npm run bench -- music`.
 */
export async function parseBenchmark(model: tf.LayersModel, vocabulary: Vocabulary, {seed, rows}: {seed: number; rows: number}) {
  const texts = await generateBatch(model, vocabulary, {...BENCHMARK, seed, rows});
  return parseShare(texts.flatMap((text) => extractTunes(BENCHMARK.start + text)));
}

export async function pretrainMusic(options: PretrainMusicOptions = {}) {
  const given = Object.fromEntries(Object.entries(options).filter(([, value]) => value !== undefined));
  const o = {...MUSIC_PRETRAIN_DEFAULTS, log: (line: string) => console.error(line), ...given};
  const found = await locateCorpus();
  if (found.status === "missing") throw new Error(`pretrain-music: ${found.howTo}`);
  await tf.setBackend("wasm");
  await tf.ready();
  const tunes = readTunes(found.bytes, found.file);
  const earlier = options.resume ? await readEarlierRun(options.resume, found.sha256) : null;
  // A resumed run keeps the first run's split (its seed) so that held-out tunes stay held out.
  const splitSeed = earlier?.card.seed ?? o.seed;
  const corpus = prepareCorpus(tunes, {seed: splitSeed, vocabulary: earlier ? vocabularyOfCard(earlier.card) : undefined});
  const vocabulary = corpus.vocabulary.chars;
  o.log(`corpus: ${tunes.length} tunes (${corpus.tunes.validation} held out), ${vocabulary.length} characters, sha256 ${found.sha256}`);
  const model = earlier?.model ?? createMusicModel({vocabulary: vocabulary.length, embedding: o.embedding, units: o.units, seed: o.seed});
  const {embedding, units} = modelConfigOf(model);
  o.log(`model: embedding ${embedding}, LSTM ${units}, ${model.countParams()} parameters; backend ${tf.getBackend()}` +
    (earlier ? `; resumed from ${options.resume} after ${earlier.steps} steps (${earlier.minutes} min)` : ""));
  const trainer = createMusicTrainer(model);
  const kept = earlier?.card.config ?? {};
  const keep = (key: "batchSize" | "sequenceLength" | "learningRate" | "stepsPerEpoch", fallback: number) =>
    given[key] !== undefined || typeof kept[key] !== "number" ? fallback : (kept[key] as number);
  const settings = {batchSize: keep("batchSize", o.batchSize), sequenceLength: keep("sequenceLength", o.sequenceLength),
    learningRate: keep("learningRate", o.learningRate), epochs: 10_000, stepsPerEpoch: keep("stepsPerEpoch", o.stepsPerEpoch),
    // Fresh batches after a resume, not a replay of the first run's.
    seed: earlier ? deriveSeed(splitSeed, `resume after ${earlier.steps} steps`) : o.seed, clipNorm: 5, validationBatches: 4};
  const started = performance.now();
  // A zero frame budget: listeners hear of every step (no browser to yield to here).
  const run = trainer.run(corpus, settings, {frameBudgetMs: 0, yieldToBrowser: async () => {}});
  const history = () => (earlier ? joinHistories(earlier.history, run.history) : run.history);
  const write = async (extra: Record<string, number>) => {
    const all = history();
    const last = all.epochs[all.epochs.length - 1];
    const minutes = (earlier?.minutes ?? 0) + (performance.now() - started) / 60_000;
    const text = await saveCheckpoint(model, {
      model: "music-lstm",
      dataset: {name: "irish.abc (MIT 6.S191 Lab 1)", sha256: found.sha256, train: corpus.tunes.train, test: corpus.tunes.validation},
      seed: splitSeed,
      config: {embedding, units, vocabulary, ...settings, seed: splitSeed, epochs: all.epochs.length,
        steps: (earlier?.steps ?? 0) + run.progress.stepsDone, optimizer: "adam", trainingMinutes: Number(minutes.toFixed(1)),
        runs: (earlier?.runs ?? 0) + 1,
        note: "trained in Node on the tfjs WASM backend (2 shared CPU cores), time-limited" +
          (earlier ? "; resumed with --resume (Adam's moments restart at each resume)" : "")},
      metrics: {loss: last?.loss ?? NaN, val_loss: last?.val_loss ?? NaN, ...extra},
      history: historyToJSON(all)
    });
    mkdirSync(dirname(resolve(o.out)), {recursive: true});
    writeFileSync(o.out, text);
  };
  run.subscribe((t) => {
    const last = t.history.epochs[t.history.epochs.length - 1];
    if (!last || last.epoch !== lastLogged + 1) return;
    lastLogged = last.epoch;
    const minutes = (performance.now() - started) / 60_000;
    const [epoch, step] = [last.epoch + (earlier?.epochs ?? 0), t.progress.stepsDone + (earlier?.steps ?? 0)];
    o.log(`epoch ${epoch}, step ${step}: loss ${last.loss.toFixed(3)}, val_loss ${last.val_loss.toFixed(3)} (${minutes.toFixed(1)} min this run)`);
    void write({});
    if (minutes >= o.minutes) t.stop();
  });
  let lastLogged = 0;
  await run.done;
  if (run.status === "failed") throw run.error;
  const share = await parseBenchmark(model, corpus.vocabulary, {seed: o.seed, rows: o.benchmarkRows});
  o.log(`benchmark at T = 1: ${share.clean} of ${share.tunes} whole tunes parse cleanly (${(share.share * 100).toFixed(1)} %)`);
  await write({parse_clean_share: share.share, parse_tunes: share.tunes, parse_clean: share.clean});
  const last = run.history.epochs[run.history.epochs.length - 1];
  trainer.dispose();
  model.dispose();
  return {out: o.out, steps: (earlier?.steps ?? 0) + run.progress.stepsDone, loss: last?.loss, val_loss: last?.val_loss, parse: share};
}

interface EarlierRun {
  model: tf.LayersModel;
  card: TrainingCard;
  history: History;
  steps: number;
  epochs: number;
  minutes: number;
  runs: number;
}

/** The checkpoint to resume, checked against the corpus it must continue on. */
async function readEarlierRun(path: string, sha256: string): Promise<EarlierRun> {
  const {model, card} = await loadCheckpoint(readFileSync(path, "utf8"), {name: path});
  const refuse = (why: string): never => {
    model.dispose();
    throw new Error(`pretrain-music: cannot resume ${path}: ${why}`);
  };
  if (card.model !== "music-lstm") refuse(`it holds the model "${card.model}", not music-lstm`);
  if (card.dataset.sha256 !== sha256) refuse(`it was trained on the corpus with sha256 ${card.dataset.sha256}, this one has ${sha256}`);
  const history = historyFromJSON(card.history);
  const number = (key: string, fallback: number) => (typeof card.config[key] === "number" ? (card.config[key] as number) : fallback);
  const steps = number("steps", history.steps.length);
  return {model, card, history, steps, epochs: history.epochs.length, minutes: number("trainingMinutes", 0), runs: number("runs", 1)};
}

/** The earlier run's history followed by this run's, whose steps and epochs count on from it. */
function joinHistories(earlier: History, later: History): History {
  const steps = earlier.steps.length > 0 ? earlier.steps[earlier.steps.length - 1].step : 0;
  const epochs = earlier.epochs.length > 0 ? earlier.epochs[earlier.epochs.length - 1].epoch : 0;
  return {
    steps: [...earlier.steps, ...later.steps.map((s) => ({...s, step: s.step + steps, epoch: s.epoch + epochs}))],
    epochs: [...earlier.epochs, ...later.epochs.map((e) => ({...e, epoch: e.epoch + epochs}))]
  };
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const {values} = parseArgs({
    allowPositionals: true,
    options: {
      seed: {type: "string"}, minutes: {type: "string"}, out: {type: "string"}, epochs: {type: "string"}, backend: {type: "string"},
      resume: {type: "string"}, "steps-per-epoch": {type: "string"}, "benchmark-rows": {type: "string"}, lr: {type: "string"}
    }
  });
  const number = (name: string, raw: string | undefined) => {
    if (raw === undefined) return undefined;
    const value = Number(raw);
    if (!(value > 0)) throw new Error(`--${name}: expected a positive number, got ${JSON.stringify(raw)}`);
    return value;
  };
  if (values.backend && values.backend !== "wasm") console.error(`pretrain-music: --backend ${values.backend} ignored; it trains on WASM in Node`);
  const result = await pretrainMusic({
    seed: number("seed", values.seed), minutes: number("minutes", values.minutes), out: values.out, resume: values.resume,
    stepsPerEpoch: number("steps-per-epoch", values["steps-per-epoch"]), benchmarkRows: number("benchmark-rows", values["benchmark-rows"]),
    learningRate: number("lr", values.lr)
  });
  console.log(JSON.stringify(result));
}
