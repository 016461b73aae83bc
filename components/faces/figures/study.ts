// The seed study as a table (data/faces-seed-study.json, components/faces/study.ts): per
// recipe and seed, the light − dark gap of the standard CNN and of the DB-VAE with its
// sampler on and off, each with the share of test faces found, how hard the sampler
// leaned towards darker faces, and whether Lab 2.2's target holds for that seed.
import {createFigure} from "../../figures/figure.ts";
import type {SeedStudy, StudyRun} from "../study.ts";
import {oracleRows, recipeLabel, recipeSummary, studyRows} from "../study.ts";

const points = (share: number) => (share * 100).toFixed(1);

function runCell(run: StudyRun | null): string {
  return run ? `${points(run.gap)} (${points(run.facesFound)} %)` : "—";
}

/** `shipped`: the recipe and seed of the committed DB-VAE, marked in its row. */
export function createSeedStudyFigure(study: SeedStudy, shipped: {seed: number; steps: number; latentDim: number} | null, name = "faces-seed-study"): HTMLElement {
  const frame = createFigure(name, {
    title: "Does it hold at other seeds? Light − dark gap in points (share of test faces found)",
    caption:
      "Each row of the first table trains the standard CNN and the DB-VAE, with the sampler on and off, from one seed; nothing else differs between rows of a recipe. " +
      "The second, where there is one, trains the standard CNN with darker-skinned faces drawn more often, chosen by their true skin tone. " +
      "Bold: the target met, at most half the standard CNN's gap with at most 1 point fewer faces found. Weights: the mean sampling weight of darker-skinned training faces ÷ that of lighter ones, averaged over the refreshes during training, then with the final encoder.",
    exportable: false
  });
  const rows = studyRows(study);
  const columns = ["seed", "standard CNN", "DB-VAE, sampler on", "DB-VAE, sampler off", "darker ÷ lighter weight", "target"];
  const table = createTable(columns);
  for (const row of rows) {
    const recipe = `${row.steps}/${row.latentDim}`;
    const tr = rowIn(table, recipe, recipeLabel(row.steps, row.latentDim), columns.length);
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
  frame.body.append(scrolling(table));
  const summary = recipeSummary(rows);
  const sentences =
    summary.length === 0 ? ["The seed study holds no pair of standard CNN and DB-VAE runs yet."]
    : summary.map((s) => `${recipeLabel(s.steps, s.latentDim)}: the target is met at ${s.met} of ${s.seeds} seed${s.seeds === 1 ? "" : "s"}.`);
  // The oracle experiment: the standard CNN reweighted by the faces' true skin tone.
  const oracles = oracleRows(study);
  const leans = [...new Set(oracles.flatMap((row) => [...row.oracles.keys()]))].sort((a, b) => a - b);
  if (oracles.length > 0) {
    const heading = document.createElement("p");
    heading.style.cssText = "margin:12px 0 4px;font-size:13px";
    heading.textContent = "Reweighting alone, by the true skin tone (an oracle no sampler has): the standard CNN with darker-skinned faces drawn more often.";
    const oracleColumns = ["seed", "standard CNN", ...leans.map((x) => `darker ×${x}`)];
    const oracleTable = createTable(oracleColumns);
    for (const row of oracles) {
      const tr = rowIn(oracleTable, String(row.steps), `${row.steps} steps`, oracleColumns.length);
      tr.dataset.oracleSeed = String(row.seed);
      tr.insertCell().textContent = String(row.seed);
      tr.insertCell().textContent = runCell(row.cnn);
      for (const x of leans) {
        const cell = tr.insertCell();
        const entry = row.oracles.get(x);
        cell.textContent = runCell(entry?.run ?? null);
        if (entry?.met) cell.style.fontWeight = "bold";
      }
    }
    frame.body.append(heading, scrolling(oracleTable));
    for (const steps of new Set(oracles.map((row) => row.steps))) {
      for (const x of leans) {
        const pairs = oracles.filter((row) => row.steps === steps).map((row) => row.oracles.get(x)).filter((entry) => entry !== undefined && entry.met !== null);
        if (pairs.length === 0) continue;
        const met = pairs.filter((entry) => entry!.met).length;
        sentences.push(`${steps} steps, darker faces drawn ${x} times as often by their true skin tone: the standard CNN meets the same target at ${met} of ${pairs.length} seed${pairs.length === 1 ? "" : "s"}.`);
      }
    }
  }
  frame.describe(sentences.join(" "));
  return frame.root;
}

/** `table` in a box that scrolls sideways, so that a narrow screen scrolls the table rather than the page. */
function scrolling(table: HTMLTableElement): HTMLElement {
  const box = document.createElement("div");
  box.style.overflowX = "auto";
  box.append(table);
  return box;
}

function createTable(columns: readonly string[]): HTMLTableElement {
  const table = document.createElement("table");
  table.style.fontSize = "13px";
  const head = table.createTHead().insertRow();
  for (const text of columns) {
    const th = document.createElement("th");
    th.scope = "col";
    th.textContent = text;
    head.append(th);
  }
  return table;
}

/** A new row in the body of group `key`, which is started, under a heading row that spans the columns, when the last body is another group's. */
function rowIn(table: HTMLTableElement, key: string, label: string, span: number): HTMLTableRowElement {
  let body = table.tBodies[table.tBodies.length - 1] as HTMLTableSectionElement | undefined;
  if (body?.dataset.group !== key) {
    body = table.createTBody();
    body.dataset.group = key;
    const th = document.createElement("th");
    th.scope = "rowgroup";
    th.colSpan = span;
    th.style.cssText = "text-align:left;padding-top:8px";
    th.textContent = label;
    body.insertRow().append(th);
  }
  const tr = body.insertRow();
  tr.style.whiteSpace = "nowrap";
  return tr;
}
