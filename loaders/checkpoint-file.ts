// For the thin Framework loaders in src/data/: prints a committed checkpoint, or `null`
// when it has not been produced yet, so a page can say so instead of the build failing.
import {existsSync, readFileSync} from "node:fs";
import {join} from "node:path";

function checkpointPath(name: string, root: string): string {
  return join(root, "data", "checkpoints", `${name}.json`);
}

export function printCheckpoint(name: string, root = process.cwd()): void {
  const path = checkpointPath(name, root);
  process.stdout.write(existsSync(path) ? readFileSync(path) : "null");
}

/** The training card of a committed checkpoint without its history (for a page's prose and tables), or null. */
export function readCardSummary(name: string, root = process.cwd()): Record<string, unknown> | null {
  const path = checkpointPath(name, root);
  if (!existsSync(path)) return null;
  const {card} = JSON.parse(readFileSync(path, "utf8")) as {card: Record<string, unknown>};
  delete card.history;
  return card;
}
