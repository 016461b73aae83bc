// Offering a file the page made (a checkpoint, a figure, a tune, a history) as a download.
import type {History} from "./train/history.ts";
import {historyToCsv} from "./train/history.ts";

/** Saves `blob` as `fileName` through a temporary <a download>. Browser only. */
export function downloadBlob(blob: Blob, fileName: string, doc: Document = document): void {
  const url = URL.createObjectURL(blob);
  const link = doc.createElement("a");
  link.href = url;
  link.download = fileName;
  link.style.display = "none";
  doc.body.append(link);
  link.click();
  link.remove();
  // Revoked on a later task: some browsers start the download after click() returns.
  setTimeout(() => URL.revokeObjectURL(url), 0);
}

/** Saves a training history's step rows as CSV (historyToCsv). */
export function downloadHistoryCsv(history: History, fileName: string): void {
  downloadBlob(new Blob([historyToCsv(history)], {type: "text/csv"}), fileName);
}
