// Seeded randomness. Every random choice in the site takes its seed as a parameter so
// that a run, a split or a generated sample can be reproduced exactly.

/** A uniform generator on [0, 1): mulberry32 (Tommy Ettinger, public domain). */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Shuffles `array` in place (Fisher–Yates) with the generator `random`. */
export function shuffleInPlace<T>(array: T[] | Int32Array | Uint32Array, random: () => number): typeof array {
  for (let i = array.length - 1; i > 0; --i) {
    const j = Math.floor(random() * (i + 1));
    const t = array[i];
    array[i] = array[j];
    array[j] = t;
  }
  return array;
}

/** 0, 1, …, n − 1 in a seeded random order. */
export function permutation(n: number, random: () => number): Int32Array {
  const order = new Int32Array(n);
  for (let i = 0; i < n; ++i) order[i] = i;
  return shuffleInPlace(order, random) as Int32Array;
}

/** A standard normal sample (Box–Muller). */
export function gaussian(random: () => number): number {
  const u = 1 - random();
  const v = random();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
}

/** A child seed derived from a seed and a label, so that independent streams stay stable
 * when another stream draws more or fewer numbers. */
export function deriveSeed(seed: number, label: string): number {
  let h = (seed ^ 0x9e3779b9) >>> 0;
  for (let i = 0; i < label.length; ++i) h = Math.imul(h ^ label.charCodeAt(i), 0x01000193) >>> 0;
  return h;
}
