// A small seeded pseudo-random generator (mulberry32) for reproducible test data, fuzzing and
// simulation: the same seed gives the same sequence on every run. Deterministic, so it may be
// used in the pure layers; never for keys, nonces or anything secret.

/** Numbers in [0, 1) from a 32-bit seed. */
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
