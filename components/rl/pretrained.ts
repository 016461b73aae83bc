// The committed pretrained agents: read from the checkpoint text a data loader printed
// (or "null" when the file is not there), checked against the policy slot they go into.
import {expectCompatible, loadCheckpoint} from "../checkpoint.ts";
import type {LoadedCheckpoint} from "../checkpoint.ts";
import type {CurveReference} from "../figures/curve.ts";
import {historyFromJSON} from "../train/history.ts";
import {POLICIES} from "./agent.ts";
import type {PolicyKind} from "./agent.ts";

/** The agent in `text`, or null when the loader found no checkpoint; throws on a broken file. */
export async function loadPretrained(text: string, slot: `rl-${string}`, policy: PolicyKind): Promise<LoadedCheckpoint | null> {
  if (text.trim() === "null") return null;
  const loaded = await loadCheckpoint(text, {name: `the ${slot} checkpoint`});
  expectCompatible(loaded, {model: slot, inputShape: [POLICIES[policy].inputSize]});
  return loaded;
}

/** The pretraining run's rewards per episode, as a curve's reference band. */
export function pretrainReference(loaded: LoadedCheckpoint | null, label = `pretrained run, seed ${loaded?.card.seed}`): CurveReference | null {
  if (!loaded) return null;
  return {label, points: historyFromJSON(loaded.card.history).steps, spread: {kind: "std", window: 20}};
}
