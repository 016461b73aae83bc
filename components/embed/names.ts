// The figures that have an embed page, /embed/<name>, by essay. Shared by the site's
// configuration (observablehq.config.ts builds one page per name) and the registry
// (./registry.ts), whose types require exactly one builder per name.

export const DIGITS_EMBEDS = [
  "digits-samples",
  "digits-pixels",
  "digits-parameters",
  "digits-curve",
  "digits-confusion",
  "digits-mistakes",
  "digits-filters",
  "digits-activations",
  "digits-draw"
] as const;

export const INTRO_EMBEDS = [
  "tensor-anatomy",
  "tensor-ops",
  "computation-graph",
  "perceptron",
  "dense-layer",
  "derivative",
  "chain-rule",
  "gradient-descent",
  "decision-boundary"
] as const;

export const RL_EMBEDS = ["rl-returns", "rl-cartpole-pretrained", "rl-cartpole-training", "rl-pong", "rl-pong-training"] as const;

export const MUSIC_EMBEDS = ["music-corpus", "music-distribution", "music-tune", "music-gates", "music-training", "music-sweep"] as const;

export const FACES_EMBEDS = ["faces-data", "faces-cnn-training", "faces-group-accuracy", "faces-vae-training", "faces-sampler", "faces-latent", "faces-seed-study"] as const;

export const EMBED_NAMES = [...DIGITS_EMBEDS, ...INTRO_EMBEDS, ...RL_EMBEDS, ...MUSIC_EMBEDS, ...FACES_EMBEDS] as const;

export type EmbedName = (typeof EMBED_NAMES)[number];

export function isEmbedName(name: string): name is EmbedName {
  return (EMBED_NAMES as readonly string[]).includes(name);
}
