import { byText } from "../contract/order.ts";
import { STORY_LINKS_SHOWN, STORY_OUTLETS_SHOWN } from "../contract/data-layout.ts";
import { searchWords } from "../contract/search.ts";
import type { Article, OutletCoverage, ContentOutlet, StoryCoverage } from "../contract/types.ts";
import { pushTo } from "./collections.ts";
import { outletKeyOf } from "./outlets.ts";

/**
 * When two articles cover the same story. Both rules, and every threshold, are in
 * docs/features.md ("Stories and Full coverage"); tests pin each one, including pairs that must stay apart.
 */
export const STORY_RULES = {
  /**
   * Rule 1: articles that share a related-coverage source URL (or whose own source is
   * another's related coverage) are one story, unless the URL is shared by more articles
   * than this: then it is a section front or a live page, not a story.
   */
  maxArticlesPerUrl: 20,
  /** Rule 2: titles that share at least this many significant words… */
  minSharedWords: 3,
  /** …and at least this share of all the significant words the two titles use (Jaccard)… */
  minOverlap: 0.6,
  /** …published at most this far apart. */
  withinHours: 72,
  /** A word in more titles than this within the window tells no story apart from another. */
  maxArticlesPerWord: 200,
} as const;

/** Words that carry no story of their own, in the languages of the seed's outlets. */
const STOP_WORDS = new Set(
  (
    "a an and are as at be been but by for from has have he her his how in into is it its new news not of on or " +
    "our out over says said she than that the their them they this to up was we were what when which who why will " +
    "with after about more could would should may can you your just also all no yes one two first last"
  ).split(" "),
);

/** The words of a title that tell one story from another: no stop words, no one- or two-letter words. */
export function significantWords(title: string): Set<string> {
  return new Set(searchWords(title).filter((word) => word.length > 2 && !STOP_WORDS.has(word)));
}

/** Groups of items joined by pairs, each group named by its smallest member. */
function unionFind(size: number) {
  const parent = Array.from({ length: size }, (_, i) => i);
  const find = (i: number): number => {
    while (parent[i] !== i) {
      parent[i] = parent[parent[i]];
      i = parent[i];
    }
    return i;
  };
  const union = (a: number, b: number) => {
    const [x, y] = [find(a), find(b)];
    if (x !== y) parent[Math.max(x, y)] = Math.min(x, y);
  };
  return { find, union };
}

function joinBySharedUrls(urlsOf: readonly Set<string>[], union: (a: number, b: number) => void) {
  const byUrl = new Map<string, number[]>();
  urlsOf.forEach((urls, index) => {
    for (const url of urls) {
      const list = byUrl.get(url);
      if (!list) byUrl.set(url, [index]);
      else if (list.length <= STORY_RULES.maxArticlesPerUrl) list.push(index);
    }
  });
  for (const list of byUrl.values()) {
    if (list.length < 2 || list.length > STORY_RULES.maxArticlesPerUrl) continue;
    for (const other of list.slice(1)) union(list[0], other);
  }
}

function joinBySimilarTitles(articles: readonly Pick<Article, "title" | "publishedAt">[], union: (a: number, b: number) => void) {
  const windowMs = STORY_RULES.withinHours * 3_600_000;
  // Oldest first, so every article meets only the ones just before it, within the window.
  const order = articles.map((_, index) => index).reverse();
  const time = articles.map((article) => Date.parse(article.publishedAt));
  const words = articles.map((article) => significantWords(article.title));
  /** Per word, the articles (oldest first) that used it within the window; `start` skips those that left it. */
  const recent = new Map<string, { start: number; list: number[] }>();

  // Words in common with each earlier article, counted in one reused array.
  const shared = new Uint16Array(articles.length);
  const met: number[] = [];
  for (const index of order) {
    for (const word of words[index]) {
      const entry = recent.get(word);
      if (!entry) continue;
      while (entry.start < entry.list.length && time[index] - time[entry.list[entry.start]] > windowMs) entry.start++;
      if (entry.list.length - entry.start > STORY_RULES.maxArticlesPerWord) continue;
      for (let i = entry.start; i < entry.list.length; i++) {
        const other = entry.list[i];
        if (shared[other]++ === 0) met.push(other);
      }
    }
    for (const other of met) {
      const count = shared[other];
      shared[other] = 0;
      if (count < STORY_RULES.minSharedWords) continue;
      if (count / (words[index].size + words[other].size - count) >= STORY_RULES.minOverlap) union(index, other);
    }
    met.length = 0;
    for (const word of words[index]) {
      const entry = recent.get(word);
      if (entry) entry.list.push(index);
      else recent.set(word, { start: 0, list: [index] });
    }
  }
}

export interface Stories {
  /** For each article, the index of its story's newest article (itself, when alone). */
  storyOf: number[];
  /** Each story's articles (indexes, newest first), stories in Latest order: newest lead first. */
  stories: number[][];
  /** For each article, its story's coverage: the other articles and every outlet. */
  coverage: StoryCoverage[];
}

/**
 * Groups `articles` (newest first) into stories. `keys` are their normalised source URLs
 * and `relatedKeys` their related items', in the same order.
 */
export function findStories(
  articles: readonly Omit<Article, "story">[],
  keys: readonly string[],
  relatedKeys: readonly (readonly string[])[],
): Stories {
  const urlsOf = articles.map((_article, index) => new Set([keys[index], ...relatedKeys[index]]));
  const { find, union } = unionFind(articles.length);
  joinBySharedUrls(urlsOf, union);
  joinBySimilarTitles(articles, union);
  const storyOf = articles.map((_, index) => find(index));

  // A lead is its story's smallest index, so stories enter the map in Latest order.
  const members = new Map<number, number[]>();
  storyOf.forEach((lead, index) => pushTo(members, lead, index));
  const outlets = new Map<number, Pick<StoryCoverage, "outlets" | "outletCount">>();
  // An outlet has a page of its own when it published one of the articles, not only related coverage.
  const listed = new Set(articles.map((article) => article.providerKey));
  for (const [lead, list] of members) {
    const tally = outletTally(list.length > 1, listed);
    for (const index of list) {
      const { provider, sourceUrl, publishedAt, related } = articles[index];
      tally.add(keys[index], provider, sourceUrl, publishedAt);
      related.forEach((item, n) => tally.add(relatedKeys[index][n], item.provider, item.sourceUrl, item.publishedAt));
    }
    const all = tally.outlets();
    outlets.set(lead, { outlets: all.slice(0, STORY_OUTLETS_SHOWN), outletCount: all.length });
  }
  const coverage = articles.map((_article, index): StoryCoverage => {
    const others = (members.get(storyOf[index]) as number[]).filter((other) => other !== index);
    return {
      articles: others.slice(0, STORY_LINKS_SHOWN).map((other) => {
        const { id, title, provider, publishedAt } = articles[other];
        return { id, title, provider, publishedAt };
      }),
      articleCount: others.length,
      ...(outlets.get(storyOf[index]) as Pick<StoryCoverage, "outlets" | "outletCount">),
    };
  });
  return { storyOf, stories: [...members.values()], coverage };
}

/**
 * Every outlet with a piece in a story: the articles' own, and their related coverage's,
 * each piece (by normalised URL) counted once however many articles list it. Newest piece
 * first; outlets whose pieces have no date after, then by count and name. `listed` holds
 * the outlets that published an article of the archive (the others have no page). A lone article
 * lists each URL once already, so only stories of several articles keep a set of URLs.
 */
function outletTally(checkRepeats: boolean, listed: ReadonlySet<string>) {
  const seen = checkRepeats ? new Set<string>() : undefined;
  const byKey = new Map<string, OutletCoverage>();
  return {
    add(url: string, named: ContentOutlet | undefined, sourceUrl: string, publishedAt: string | undefined) {
      if (seen?.has(url)) return;
      seen?.add(url);
      const key = outletKeyOf(sourceUrl);
      let outlet = byKey.get(key);
      if (!outlet) byKey.set(key, (outlet = { key, name: named?.name ?? key, count: 0, listed: listed.has(key) }));
      outlet.count++;
      if (publishedAt && (!outlet.latestAt || publishedAt > outlet.latestAt)) outlet.latestAt = publishedAt;
    },
    outlets: () => [...byKey.values()].sort((a, b) => byText(b.latestAt ?? "", a.latestAt ?? "") || b.count - a.count || byText(a.name, b.name)),
  };
}
