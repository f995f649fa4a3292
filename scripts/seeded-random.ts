/**
 * Numbers in [0, 1) from a seed (mulberry32: small, fast and good enough to make text and
 * shuffles from): the same seed always gives the same numbers, so a generated archive, the
 * bench's new article and a test's shuffle can be made again exactly.
 */
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
