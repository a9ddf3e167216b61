/** A small seeded generator (mulberry32): the same seed gives the same counterparts and timings. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** `base` spread by ±`fraction` (e.g. 0.3 → 70 %–130 %), never negative. */
export function jitter(random: () => number, base: number, fraction: number): number {
  return Math.max(0, Math.round(base * (1 + (random() * 2 - 1) * fraction)));
}
