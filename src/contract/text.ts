/**
 * `value` cut to at most `max` characters (code points, never half a pair) at a word
 * boundary where one is near, ending in "…"; unchanged when it fits.
 */
export function cutText(value: string, max: number): string {
  const points = Array.from(value);
  if (points.length <= max) return value;
  const cut = points.slice(0, max - 1).join("");
  const lastSpace = cut.lastIndexOf(" ");
  return `${(lastSpace > cut.length * 0.6 ? cut.slice(0, lastSpace) : cut).trimEnd()}…`;
}

/**
 * The word `count` takes: `one` for exactly one, else `many` (by default `one` and an "s").
 * Only the word: each caller writes the number as it writes numbers (`3 files`, `1,024 files`).
 */
export const plural = (count: number, one: string, many = `${one}s`): string => (count === 1 ? one : many);
