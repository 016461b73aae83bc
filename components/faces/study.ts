// The Faces seed study: does the DB-VAE's result hold beyond the one seeded run that ships?
// Each entry is the card of one pretraining run (scripts/pretrain-faces.ts), reduced to
// what identifies its recipe and what it measured on the balanced test set; the committed
// file is data/faces-seed-study.json, written by scripts/faces-study.ts from checkpoint
// files, so that the page's table and the bench read the runs' own numbers instead of
// numbers typed into prose. Pure data handling (no tfjs, no DOM).
import type {TrainingCard} from "../checkpoint.ts";

export type StudyModel = "faces-cnn" | "faces-dbvae";

export interface StudyRun {
  model: StudyModel;
  seed: number;
  /** Training steps: epochs × steps per epoch. */
  steps: number;
  /** DB-VAE only: latent dimensions, and whether the sampler was on. */
  latentDim?: number;
  debias?: boolean;
  /** Share of all test faces found, and light − dark gap, both in [0, 1] (points ÷ 100). */
  facesFound: number;
  gap: number;
  /**
   * Standard CNN only: darker-skinned faces drawn this many times as often as lighter ones
   * by their true skin tone (scripts/pretrain-faces.ts --oracle-darker), an experiment that
   * shows what reweighting alone can do. Absent: uniform, the standard CNN itself.
   */
  oracleDarker?: number;
  /** DB-VAE with the sampler on: darker ÷ lighter mean weight, averaged over the training refreshes and with the final encoder. */
  darkerWeightTraining?: number;
  darkerWeightFinal?: number;
}

export interface SeedStudy {
  runs: StudyRun[];
}

/** A study row: one seed of one recipe, the standard CNN beside the DB-VAE with its sampler on and off. */
export interface StudyRow {
  steps: number;
  latentDim: number;
  seed: number;
  cnn: StudyRun | null;
  on: StudyRun | null;
  off: StudyRun | null;
  /** Lab 2.2's target for this seed (null while the CNN or the sampled DB-VAE is missing). */
  met: boolean | null;
}

const MODELS: readonly StudyModel[] = ["faces-cnn", "faces-dbvae"];

/** Training steps of a run, from its card: epochs × steps per epoch. */
export function cardSteps(card: Pick<TrainingCard, "config">): number {
  return Number(card.config.epochs) * Number(card.config.stepsPerEpoch);
}

/** data/faces-cards.json: the training cards of the committed runs, without weights or history (null: never made). */
export type CommittedCards = Record<"cnn" | "control" | "dbvae", Omit<TrainingCard, "history"> | null>;

/** The recipe and seed of the committed DB-VAE, from its card. */
export function shippedRecipe(card: Omit<TrainingCard, "history"> | null): {seed: number; steps: number; latentDim: number} | null {
  return card && {seed: card.seed, steps: cardSteps(card), latentDim: Number(card.config.latentDim)};
}

/** The study entry of a pretraining run's card; throws, naming the field, when the card is not a Faces CNN or DB-VAE run. */
export function studyRunFromCard(card: TrainingCard, name = "checkpoint"): StudyRun {
  if (!MODELS.includes(card.model as StudyModel)) throw new Error(`${name}: a seed study holds faces-cnn and faces-dbvae runs, not ${JSON.stringify(card.model)}`);
  // Rounded to 4 decimals: the cards' shares carry floating-point tails (0.10399999999999998).
  const number = (value: unknown, field: string) => {
    const x = Number(value);
    if (value === undefined || value === null || !Number.isFinite(x)) throw new Error(`${name}: the card has no number ${field}`);
    return Math.round(x * 1e4) / 1e4;
  };
  const run: StudyRun = {
    model: card.model as StudyModel,
    seed: number(card.seed, "seed"),
    steps: number(card.config?.epochs, "config.epochs") * number(card.config?.stepsPerEpoch, "config.stepsPerEpoch"),
    facesFound: number(card.metrics?.acc_faces, "metrics.acc_faces"),
    gap: number(card.metrics?.gap_light_dark, "metrics.gap_light_dark")
  };
  if (card.config?.oracleDarker !== undefined) run.oracleDarker = number(card.config.oracleDarker, "config.oracleDarker");
  if (run.model === "faces-dbvae") {
    run.latentDim = number(card.config?.latentDim, "config.latentDim");
    run.debias = card.config?.debias !== false;
    if (run.debias) {
      run.darkerWeightTraining = number(card.metrics?.sampler_weight_darker_training, "metrics.sampler_weight_darker_training");
      run.darkerWeightFinal = number(card.metrics?.sampler_weight_darker, "metrics.sampler_weight_darker");
    }
  }
  return run;
}

/** What makes two runs the same experiment: a newer run of it replaces the older. */
export function runKey(run: StudyRun): string {
  return [run.model, run.seed, run.steps, run.latentDim ?? "", run.debias ?? "", run.oracleDarker ?? ""].join("/");
}

/** `runs` with `added` merged in (same key: replaced), in a stable order: steps, seed, model, larger latent space first, sampler on before off. */
export function mergeRuns(runs: readonly StudyRun[], added: readonly StudyRun[]): StudyRun[] {
  const byKey = new Map(runs.map((run) => [runKey(run), run]));
  for (const run of added) byKey.set(runKey(run), run);
  return [...byKey.values()].sort(
    (a, b) =>
      a.steps - b.steps || a.seed - b.seed || a.model.localeCompare(b.model) || (a.oracleDarker ?? 0) - (b.oracleDarker ?? 0) ||
      (b.latentDim ?? 0) - (a.latentDim ?? 0) || Number(b.debias ?? 0) - Number(a.debias ?? 0)
  );
}

/** Parses a seed study file; throws naming the first entry that is not a study run. */
export function parseStudy(text: string, name = "seed study"): SeedStudy {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new Error(`${name} is not JSON: ${(error as Error).message}`, {cause: error});
  }
  const runs = (json as SeedStudy | null)?.runs;
  if (!Array.isArray(runs)) throw new Error(`${name} has no "runs" list`);
  runs.forEach((run: Partial<StudyRun>, k) => {
    const bad = (what: string) => new Error(`${name}: run ${k + 1} ${what}`);
    if (!MODELS.includes(run?.model as StudyModel)) throw bad(`has model ${JSON.stringify(run?.model)}, expected faces-cnn or faces-dbvae`);
    for (const field of ["seed", "steps", "facesFound", "gap"] as const) {
      if (typeof run[field] !== "number" || !Number.isFinite(run[field])) throw bad(`has no number "${field}"`);
    }
    if (run.oracleDarker !== undefined && (run.model !== "faces-cnn" || typeof run.oracleDarker !== "number" || !(run.oracleDarker > 0))) throw bad("has an oracleDarker that is not a standard CNN's number > 0");
    if (run.model === "faces-dbvae" && (typeof run.latentDim !== "number" || typeof run.debias !== "boolean")) throw bad("is a DB-VAE run without latentDim and debias");
  });
  return {runs: runs as StudyRun[]};
}

/**
 * Lab 2.2's target for one pair of runs: the DB-VAE at least halves the standard CNN's
 * light − dark gap, with its share of faces found at most 1 point below the CNN's (on a
 * balanced test set, closing the gap raises that share, which is no loss). 1e-9: the
 * shares are rounded, and 0.96 − 0.01 is not 0.95 in floating point.
 */
export function labTarget(cnn: {gap: number; facesFound: number}, dbvae: {gap: number; facesFound: number}) {
  const gapHalved = Math.abs(dbvae.gap) <= Math.abs(cnn.gap) / 2 + 1e-9;
  const overallWithin1Point = dbvae.facesFound >= cnn.facesFound - 0.01 - 1e-9;
  return {gapHalved, overallWithin1Point, met: gapHalved && overallWithin1Point};
}

/**
 * The study as rows, one per recipe (steps, latent dimensions) and seed of the DB-VAE
 * runs, each beside the standard CNN of the same seed and steps (the CNN has no latent
 * space, so one CNN run serves every latent size).
 */
export function studyRows(study: SeedStudy): StudyRow[] {
  const rows = new Map<string, StudyRow>();
  for (const run of study.runs) {
    if (run.model !== "faces-dbvae") continue;
    const key = `${run.steps}/${run.latentDim}/${run.seed}`;
    const row = rows.get(key) ?? {steps: run.steps, latentDim: run.latentDim!, seed: run.seed, cnn: null, on: null, off: null, met: null};
    row[run.debias ? "on" : "off"] = run;
    rows.set(key, row);
  }
  for (const row of rows.values()) {
    row.cnn = plainCnn(study, row.seed, row.steps);
    row.met = row.cnn && row.on ? labTarget(row.cnn, row.on).met : null;
  }
  return [...rows.values()].sort((a, b) => a.steps - b.steps || b.latentDim - a.latentDim || a.seed - b.seed);
}

export function recipeLabel(steps: number, latentDim: number): string {
  return `${steps} steps, ${latentDim} latent dimensions`;
}

function plainCnn(study: SeedStudy, seed: number, steps: number): StudyRun | null {
  return study.runs.find((run) => run.model === "faces-cnn" && run.oracleDarker === undefined && run.seed === seed && run.steps === steps) ?? null;
}

/** A seed of the oracle experiment: the standard CNN beside its reweighted twins, by how much darker faces were favoured. */
export interface OracleRow {
  steps: number;
  seed: number;
  cnn: StudyRun | null;
  /** Darker ÷ lighter weight → the run, and whether it meets the target against `cnn`. */
  oracles: Map<number, {run: StudyRun; met: boolean | null}>;
}

/** The oracle runs by steps and seed, each beside the standard CNN of its seed and steps. */
export function oracleRows(study: SeedStudy): OracleRow[] {
  const rows = new Map<string, OracleRow>();
  for (const run of study.runs) {
    if (run.oracleDarker === undefined) continue;
    const key = `${run.steps}/${run.seed}`;
    const row = rows.get(key) ?? {steps: run.steps, seed: run.seed, cnn: plainCnn(study, run.seed, run.steps), oracles: new Map()};
    row.oracles.set(run.oracleDarker, {run, met: row.cnn ? labTarget(row.cnn, run).met : null});
    rows.set(key, row);
  }
  return [...rows.values()].sort((a, b) => a.steps - b.steps || a.seed - b.seed);
}

/** Per recipe: how many seeds meet the target, of how many with both runs. */
export function recipeSummary(rows: readonly StudyRow[]): {steps: number; latentDim: number; seeds: number; met: number}[] {
  const out = new Map<string, {steps: number; latentDim: number; seeds: number; met: number}>();
  for (const row of rows) {
    if (row.met === null) continue;
    const key = `${row.steps}/${row.latentDim}`;
    const entry = out.get(key) ?? {steps: row.steps, latentDim: row.latentDim, seeds: 0, met: 0};
    entry.seeds += 1;
    entry.met += row.met ? 1 : 0;
    out.set(key, entry);
  }
  return [...out.values()];
}
