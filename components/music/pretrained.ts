// The committed pretrained model (data/checkpoints/music-lstm.json), read from the text its
// data loader printed ("null" when the file is not there). The essay, its embeds and the
// training panel's Restore button all load it here.
import {loadCheckpoint} from "../checkpoint.ts";
import {vocabularyFrom} from "./dataset.ts";
import type {MusicModelEntry} from "./slot.ts";
import {vocabularyOfCard} from "./training-panel.ts";

export type PretrainedMusic = Omit<MusicModelEntry, "version">;

/** The pretrained model, or null when the build has none; throws on a broken file. */
export async function loadPretrainedMusic(text: string): Promise<PretrainedMusic | null> {
  if (text.trim() === "null") return null;
  const {model, card} = await loadCheckpoint(text, {name: "the pretrained checkpoint"});
  try {
    return {model, card, vocabulary: vocabularyFrom(vocabularyOfCard(card)), label: "the pretrained checkpoint"};
  } catch (error) {
    model.dispose();
    throw error;
  }
}
