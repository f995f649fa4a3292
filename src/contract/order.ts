/**
 * The orders a list of stories can be read in. The pipeline cuts its pages in these
 * orders and the app merges pages from several lists with the same comparisons, so both
 * sides must agree: one definition here.
 */

export const SORT_ORDERS = ["latest", "hot", "top"] as const;
export type SortOrder = (typeof SORT_ORDERS)[number];

export const isSortOrder = (text: string | null): text is SortOrder => SORT_ORDERS.includes(text as SortOrder);

/** Hot and Top lists keep this many stories: a ranking, not a second archive. */
export const RANKED_LIMIT = 250;

/** A story's heat halves for every day it is older than the archive's newest story. */
export const HOT_HALF_LIFE_HOURS = 24;

/** What ordering looks at; summaries and articles both have it. */
export interface Orderable {
  id: string;
  publishedAt: string;
  heat?: number;
  quality?: number;
}

const HOUR = 3_600_000;

/** Heat faded by age, measured from `newestAt` (not from now: the same build always ranks the same way). */
export function hotScore(story: Orderable, newestAt: string): number {
  const hours = Math.max(0, (Date.parse(newestAt) - Date.parse(story.publishedAt)) / HOUR);
  return (story.heat ?? 0) * 2 ** (-hours / HOT_HALF_LIFE_HOURS);
}

/** `hotScore`, worked out once per story however often a sort compares it. */
function memoisedHotScore(newestAt: string) {
  const scores = new WeakMap<Orderable, number>();
  return (story: Orderable) => {
    let score = scores.get(story);
    if (score === undefined) scores.set(story, (score = hotScore(story, newestAt)));
    return score;
  };
}

/** Code-point order, the same in every locale. */
export const byText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** Newest first; the id settles ties, so every order is total and the same on every build. */
export const compareLatest = (a: Orderable, b: Orderable): number => byText(b.publishedAt, a.publishedAt) || byText(a.id, b.id);

/** The comparison for `sort`; stories without heat or quality come last, newest first. */
export function compareStories(sort: SortOrder, newestAt: string): (a: Orderable, b: Orderable) => number {
  if (sort === "hot") {
    const score = memoisedHotScore(newestAt);
    return (a, b) => score(b) - score(a) || compareLatest(a, b);
  }
  if (sort === "top") return (a, b) => (b.quality ?? -1) - (a.quality ?? -1) || compareLatest(a, b);
  return compareLatest;
}
