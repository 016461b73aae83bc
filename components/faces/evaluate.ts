// Per-group accuracy on the balanced test set: the share of each group's faces that a
// model calls a face (logit > 0), as the course's lab measures its detectors.
import type {FaceGroup} from "./data.ts";

export const GROUPS: readonly FaceGroup[] = ["LF", "LM", "DF", "DM"];
export const GROUP_LABELS: Record<FaceGroup, string> = {LF: "lighter · F", LM: "lighter · M", DF: "darker · F", DM: "darker · M"};

export type GroupAccuracy = Record<FaceGroup, number> & {overall: number; nonFaces: number};

/** Accuracy per group from logits [n] and each image's group (null: a non-face). */
export function groupAccuracy(logits: ArrayLike<number>, groups: ReadonlyArray<FaceGroup | null>): GroupAccuracy {
  if (logits.length !== groups.length) throw new Error(`groupAccuracy: ${logits.length} logits for ${groups.length} images`);
  const hits = {LF: 0, LM: 0, DF: 0, DM: 0, non: 0};
  const counts = {LF: 0, LM: 0, DF: 0, DM: 0, non: 0};
  for (let k = 0; k < logits.length; ++k) {
    const g = groups[k] ?? "non";
    counts[g] += 1;
    if ((logits[k] > 0) === (g !== "non")) hits[g] += 1;
  }
  const share = (g: keyof typeof hits) => (counts[g] ? hits[g] / counts[g] : NaN);
  const faces = GROUPS.reduce((s, g) => s + counts[g], 0);
  return {
    LF: share("LF"), LM: share("LM"), DF: share("DF"), DM: share("DM"),
    overall: faces ? GROUPS.reduce((s, g) => s + hits[g], 0) / faces : NaN,
    nonFaces: share("non")
  };
}

/** Mean accuracy on lighter groups minus darker groups (positive: darker faces missed more). */
export function lightDarkGap(a: GroupAccuracy): number {
  return (a.LF + a.LM) / 2 - (a.DF + a.DM) / 2;
}
