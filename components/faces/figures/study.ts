// The seed study as a table (data/faces-seed-study.json, components/faces/study.ts): per
// recipe and seed, the light − dark gap of the standard CNN and of the DB-VAE with its
// sampler on and off, each with the share of test faces found, how hard the sampler
// leaned towards darker faces, and whether Lab 2.2's target holds for that seed.
import type {TrainingCard} from "../../checkpoint.ts";
import {createFigure} from "../../figures/figure.ts";
import type {SeedStudy, StudyRun} from "../study.ts";
import {recipeLabel, recipeSummary, studyRows} from "../study.ts";

const points = (share: number) => (share * 100).toFixed(1);

function runCell(run: StudyRun | null): string {
  return run ? `${points(run.gap)} (${points(run.facesFound)} %)` : "—";
}

/** data/faces-cards.json: the training cards of the committed runs, without weights or history (null: never made). */
export type CommittedCards = Record<"cnn" | "control" | "dbvae", Omit<TrainingCard, "history"> | null>;

/** The recipe and seed of the committed DB-VAE, from its card. */
export function shippedRecipe(card: Omit<TrainingCard, "history"> | null): {seed: number; steps: number; latentDim: number} | null {
  return card && {seed: card.seed, steps: Number(card.config.epochs) * Number(card.config.stepsPerEpoch), latentDim: Number(card.config.latentDim)};
}

/** `shipped`: the recipe and seed of the committed DB-VAE, marked in its row. */
export function createSeedStudyFigure(study: SeedStudy, shipped: {seed: number; steps: number; latentDim: number} | null, name = "faces-seed-study"): HTMLElement {
  const frame = createFigure(name, {
    title: "Does it hold at other seeds? Light − dark gap in points (share of test faces found)",
    caption:
      "Each row trains the standard CNN and the DB-VAE, with the sampler on and off, from one seed; nothing else differs between rows of a recipe. " +
      "Target: the DB-VAE at most half the CNN's gap, with at most 1 point fewer faces found. Weights: the mean sampling weight of darker-skinned training faces ÷ that of lighter ones, averaged over the refreshes during training, then with the final encoder.",
    exportable: false
  });
  const rows = studyRows(study);
  const table = document.createElement("table");
  table.style.fontSize = "13px";
  const head = table.createTHead().insertRow();
  const columns = ["seed", "standard CNN", "DB-VAE, sampler on", "DB-VAE, sampler off", "darker ÷ lighter weight", "target"];
  for (const text of columns) {
    const th = document.createElement("th");
    th.scope = "col";
    th.textContent = text;
    head.append(th);
  }
  let body: HTMLTableSectionElement | null = null;
  for (const row of rows) {
    const recipe = `${row.steps}/${row.latentDim}`;
    if (body?.dataset.recipe !== recipe) {
      // One body per recipe, headed by a row that names it.
      body = table.createTBody();
      body.dataset.recipe = recipe;
      const th = document.createElement("th");
      th.scope = "rowgroup";
      th.colSpan = columns.length;
      th.style.cssText = "text-align:left;padding-top:8px";
      th.textContent = recipeLabel(row.steps, row.latentDim);
      body.insertRow().append(th);
    }
    const tr = body.insertRow();
    tr.style.whiteSpace = "nowrap";
    const isShipped = shipped !== null && row.seed === shipped.seed && row.steps === shipped.steps && row.latentDim === shipped.latentDim;
    tr.dataset.recipe = recipe;
    tr.dataset.seed = String(row.seed);
    tr.insertCell().textContent = `${row.seed}${isShipped ? " (shipped)" : ""}`;
    tr.insertCell().textContent = runCell(row.cnn);
    const on = tr.insertCell();
    on.textContent = runCell(row.on);
    if (row.met) on.style.fontWeight = "bold";
    tr.insertCell().textContent = runCell(row.off);
    const weight = row.on?.darkerWeightTraining;
    tr.insertCell().textContent = weight === undefined ? "—" : `${weight.toFixed(2)}, ${row.on!.darkerWeightFinal!.toFixed(2)}`;
    tr.insertCell().textContent = row.met === null ? "—" : row.met ? "met" : "missed";
  }
  frame.body.append(table);
  const summary = recipeSummary(rows);
  frame.describe(
    summary.length === 0 ? "The seed study holds no pair of standard CNN and DB-VAE runs yet."
    : summary.map((s) => `${recipeLabel(s.steps, s.latentDim)}: the target is met at ${s.met} of ${s.seeds} seed${s.seeds === 1 ? "" : "s"}.`).join(" ")
  );
  return frame.root;
}
