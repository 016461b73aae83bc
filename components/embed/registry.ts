// Figure name → the async builder of its embed page. Each essay's builders live in their own
// module (./digits.ts, ./intro.ts, ./rl.ts), loaded only when one of its figures is asked for,
// so that an embed page downloads that essay's code and data and nothing else.
import type {DIGITS_EMBEDS, FACES_EMBEDS, INTRO_EMBEDS, MUSIC_EMBEDS, RL_EMBEDS} from "./names.ts";
import {EMBED_NAMES, isEmbedName} from "./names.ts";
import type {Embed, EmbedBuilder, EmbedContext} from "./types.ts";

type Essay<Names extends readonly string[]> = () => Promise<Record<Names[number], EmbedBuilder>>;

const digits: Essay<typeof DIGITS_EMBEDS> = async () => (await import("./digits.ts")).DIGITS_BUILDERS;
const intro: Essay<typeof INTRO_EMBEDS> = async () => (await import("./intro.ts")).INTRO_BUILDERS;
const rl: Essay<typeof RL_EMBEDS> = async () => (await import("./rl.ts")).RL_BUILDERS;
const music: Essay<typeof MUSIC_EMBEDS> = async () => (await import("./music.ts")).MUSIC_BUILDERS;
const faces: Essay<typeof FACES_EMBEDS> = async () => (await import("./faces.ts")).FACES_BUILDERS;

/** Which essay module builds each figure; the type lists every name once. */
const ESSAY_OF = {
  "digits-samples": digits,
  "digits-pixels": digits,
  "digits-parameters": digits,
  "digits-curve": digits,
  "digits-confusion": digits,
  "digits-mistakes": digits,
  "digits-filters": digits,
  "digits-activations": digits,
  "digits-draw": digits,
  "tensor-anatomy": intro,
  "tensor-ops": intro,
  "computation-graph": intro,
  perceptron: intro,
  "dense-layer": intro,
  derivative: intro,
  "chain-rule": intro,
  "gradient-descent": intro,
  "decision-boundary": intro,
  "rl-returns": rl,
  "rl-cartpole-pretrained": rl,
  "rl-cartpole-training": rl,
  "rl-pong": rl,
  "rl-pong-training": rl,
  "music-corpus": music,
  "music-distribution": music,
  "music-tune": music,
  "music-gates": music,
  "music-training": music,
  "music-sweep": music,
  "faces-data": faces,
  "faces-cnn-training": faces,
  "faces-group-accuracy": faces,
  "faces-vae-training": faces,
  "faces-sampler": faces,
  "faces-latent": faces,
  "faces-seed-study": faces
} satisfies {[Name in (typeof DIGITS_EMBEDS)[number]]: typeof digits} &
  {[Name in (typeof INTRO_EMBEDS)[number]]: typeof intro} &
  {[Name in (typeof RL_EMBEDS)[number]]: typeof rl} &
  {[Name in (typeof MUSIC_EMBEDS)[number]]: typeof music} &
  {[Name in (typeof FACES_EMBEDS)[number]]: typeof faces};

export class UnknownFigureError extends Error {
  constructor(name: string) {
    const shown = JSON.stringify(name.length > 40 ? `${name.slice(0, 40)}…` : name);
    super(`no embeddable figure is named ${shown}; the figures are: ${EMBED_NAMES.join(", ")}`);
    this.name = "UnknownFigureError";
  }
}

/** Builds the embed of figure `name`; an unknown name throws UnknownFigureError, listing the names. */
export async function buildEmbed(name: string, context: EmbedContext): Promise<Embed> {
  if (!isEmbedName(name)) throw new UnknownFigureError(name);
  const builders = (await ESSAY_OF[name]()) as Record<string, EmbedBuilder>;
  return builders[name](context);
}
