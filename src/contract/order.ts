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

/** A story's heat halves for every day it is older than the archive's newest story (see `hotRank`). */
export const HOT_HALF_LIFE_HOURS = 24;

/** What ordering looks at; summaries and articles both have it. */
export interface Orderable {
  id: string;
  publishedAt: string;
  heat?: number;
  quality?: number;
}

const HALF_LIFE_MS = HOT_HALF_LIFE_HOURS * 3_600_000;

/**
 * A story's place in the Hot order, larger first: log2 of its heat plus its date in
 * half-lives. That ranks stories exactly as their heat halved for every day they are older
 * than the newest one, but needs no newest story (so a new story never reorders the others)
 * and never fades to nothing (heat × 2^−days is 0 past about three years, which would tie
 * every old story). No heat ranks last.
 */
export function hotRank(story: Orderable): number {
  return hotRankOf(story.heat ?? 0, Date.parse(story.publishedAt));
}

/** `hotRank` from a heat and a date in milliseconds: for keys kept as numbers (the search index's). */
export const hotRankOf = (heat: number, publishedMs: number): number => (heat > 0 ? Math.log2(heat) + publishedMs / HALF_LIFE_MS : -Infinity);

/** `hotRank`, worked out once per story however often a sort compares it. */
function memoisedHotRank() {
  const ranks = new WeakMap<Orderable, number>();
  return (story: Orderable) => {
    let rank = ranks.get(story);
    if (rank === undefined) ranks.set(story, (rank = hotRank(story)));
    return rank;
  };
}

/** Code-point order, the same in every locale. */
export const byText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** Newest first; the id settles ties, so every order is total and the same on every build. */
export const compareLatest = (a: Orderable, b: Orderable): number => byText(b.publishedAt, a.publishedAt) || byText(a.id, b.id);

/** The comparison for `sort`; stories without heat or quality come last, newest first. */
export function compareStories(sort: SortOrder): (a: Orderable, b: Orderable) => number {
  if (sort === "hot") {
    const rank = memoisedHotRank();
    // Two stories without heat are both −Infinity: the difference is NaN, and falls to Latest.
    return (a, b) => rank(b) - rank(a) || compareLatest(a, b);
  }
  if (sort === "top") return (a, b) => (b.quality ?? -1) - (a.quality ?? -1) || compareLatest(a, b);
  return compareLatest;
}
