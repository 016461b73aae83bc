// Adds Faces pretraining runs to the seed study (components/faces/study.ts) from their
// checkpoint files, so that the page's seed table and `npm run bench -- faces` read what
// the runs measured:
//   npx tsx scripts/faces-study.ts <checkpoint.json>... [--study data/faces-seed-study.json]
// e.g. after `npm run pretrain -- faces-dbvae --seed 1 --debias off --out /tmp/off-1.json`.
// A run of the same model, seed, steps, latent size and sampler setting replaces the one
// recorded; the file is written only when every checkpoint has been read.
import {existsSync, readFileSync, writeFileSync} from "node:fs";
import {parseArgs} from "node:util";
import {CHECKPOINT_FORMAT} from "../components/checkpoint.ts";
import type {TrainingCard} from "../components/checkpoint.ts";
import {mergeRuns, parseStudy, studyRunFromCard} from "../components/faces/study.ts";

const {values, positionals} = parseArgs({options: {study: {type: "string", default: "data/faces-seed-study.json"}}, allowPositionals: true});
if (positionals.length === 0) {
  console.error("faces-study: name at least one checkpoint file (scripts/pretrain-faces.ts --out <file>)");
  process.exit(2);
}
const studyFile = values.study!;
/** The training card of a checkpoint file; its weights are not needed. */
function cardOf(file: string): TrainingCard {
  let json: {format?: unknown; card?: TrainingCard} | null;
  try {
    json = JSON.parse(readFileSync(file, "utf8"));
  } catch (error) {
    throw new Error(`${file} could not be read as JSON (${(error as Error).message})`, {cause: error});
  }
  if (json?.format !== CHECKPOINT_FORMAT || typeof json.card !== "object" || json.card === null) throw new Error(`${file} is not a Manus checkpoint`);
  return json.card;
}
try {
  const study = existsSync(studyFile) ? parseStudy(readFileSync(studyFile, "utf8"), studyFile) : {runs: []};
  const added = positionals.map((file) => studyRunFromCard(cardOf(file), file));
  const runs = mergeRuns(study.runs, added);
  writeFileSync(studyFile, `${JSON.stringify({runs}, null, 1)}\n`);
  console.log(`faces-study: ${studyFile} holds ${runs.length} runs (${added.length} added or replaced)`);
} catch (error) {
  console.error(`faces-study: ${(error as Error).message}`);
  process.exit(1);
}
