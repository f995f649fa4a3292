import { articleBucketBitsFor, articleBucketOf, ID_HASH_LENGTH } from "../contract/buckets.ts";
import { byText, compareLatest } from "../contract/order.ts";
import { isPortableName } from "../contract/names.ts";
import type { Article, OutletInfo, Topic, TopicRef } from "../contract/types.ts";
import { findStories } from "./stories.ts";
import { pushTo } from "./collections.ts";
import { uniqueRelated, type ArticleRecord } from "./parse-file.ts";
import type { ContentProblem } from "./problems.ts";
import { outletKeyOf } from "./outlets.ts";
import { CONTENT_LIMITS } from "./limits.ts";
import { hashedName, nameOnDisk, shortHash, slugify } from "./slug.ts";

/** Everything the data files are cut from: merged, deduplicated and sorted. */
export interface SiteModel {
  /** Newest first. */
  articles: Article[];
  /** Most stories first, then by name. */
  topics: Topic[];
  /** Indexes into `articles`, newest first, by topic slug. */
  topicArticles: Map<string, number[]>;
  /** Most stories first, then by key. */
  outlets: OutletInfo[];
  /** Indexes into `articles`, newest first, by outlet key. */
  outletArticles: Map<string, number[]>;
  /** For each article, the index of its story's newest article: a story shows once in a list. */
  storyOf: number[];
  /** Each story's articles (indexes, newest first), in Latest order. */
  stories: number[][];
  articleBucketBits: number;
  stats: { drafts: number; duplicatesMerged: number };
  /** What building the model had to say about files: which copies of an article were merged into which. */
  warnings: ContentProblem[];
}

/**
 * A readable id that only the source URL decides: stable across rebuilds and file order.
 * `attempt` counts the ids already taken by other articles (see `uniqueIds`).
 */
export function articleId(title: string, key: string, attempt = 0): string {
  return `${slugify(title, 60) || "article"}-${shortHash(attempt === 0 ? key : `${key}\n${attempt}`, ID_HASH_LENGTH)}`;
}

/**
 * Each article's id, never one another article has (compared as a case-insensitive disk
 * would, since ids name files): on a clash of short hashes, articles in the order of their
 * source URLs keep the first free id, so the answer depends on the archive, not file order.
 */
function uniqueIds(articles: readonly { title: string; key: string }[]): string[] {
  const ids = new Array<string>(articles.length);
  const taken = new Set<string>();
  const order = articles.map((_article, index) => index).sort((a, b) => byText(articles[a].key, articles[b].key));
  for (const index of order) {
    const { title, key } = articles[index];
    let attempt = 0;
    let id = articleId(title, key);
    while (taken.has(nameOnDisk(id))) id = articleId(title, key, ++attempt);
    taken.add(nameOnDisk(id));
    ids[index] = id;
  }
  return ids;
}

/** How much of the format a record fills in: a bare copy of a story never leads the full one. */
const fullness = (record: ArticleRecord) =>
  [record.excerpt, record.category, record.type, record.ampUrl, record.cdnAmpUrl, record.quality, record.heat, record.provider].filter(
    (field) => field !== undefined,
  ).length + Number(record.images.length > 0) + Number(record.related.length > 0) + Number(record.topics.length > 0);

/**
 * Files with the same source URL are one article: the fullest leads (ties: the first by
 * path), the rest add topics and coverage; each of them is told, naming the lead.
 */
function mergeDuplicates(group: ArticleRecord[], warnings: ContentProblem[]): ArticleRecord {
  if (group.length === 1) return group[0];
  const lead = group.reduce((best, record) => (fullness(record) > fullness(best) ? record : best));
  const records = [lead, ...group.filter((record) => record !== lead)];
  for (const record of records.slice(1)) {
    warnings.push({ file: record.file, field: "sourceUrl", message: `is the same article as ${lead.file} (the same sourceUrl); merged into it, which leads` });
  }
  const { related, relatedKeys } = uniqueRelated(
    lead.key,
    records.flatMap((record) => record.related),
    records.flatMap((record) => record.relatedKeys),
  );
  // Many copies of one article still make one article of the format's size.
  const topics = new Map<string, string>();
  for (const name of records.flatMap((record) => record.topics)) {
    if (topics.size === CONTENT_LIMITS.lists.topics) break;
    if (!topics.has(topicKey(name))) topics.set(topicKey(name), name);
  }
  return {
    ...lead,
    topics: [...topics.values()],
    images: records.find((record) => record.images.length > 0)?.images ?? [],
    related: related.slice(0, CONTENT_LIMITS.lists.related),
    relatedKeys: relatedKeys.slice(0, CONTENT_LIMITS.lists.related),
  };
}

/** Topics are one when they read alike: case, and compatibility forms (`Ａｉ`, `ﬁ`), set aside. */
const topicKey = (name: string) => name.normalize("NFKC").toLowerCase();

/** One entry per topic: the spelling most stories use (ties: the first in code-point order), and a unique slug. */
function resolveTopics(articles: ArticleRecord[]): Map<string, Topic> {
  const spellings = new Map<string, Map<string, number>>();
  for (const article of articles) {
    for (const name of new Set(article.topics)) {
      const counts = spellings.get(topicKey(name)) ?? new Map<string, number>();
      counts.set(name, (counts.get(name) ?? 0) + 1);
      spellings.set(topicKey(name), counts);
    }
  }
  const topics = new Map<string, Topic>();
  const slugs = new Set<string>();
  // Which topic a plain slug belongs to when several would have it: the one written as the
  // slug is (`AI` for `ai`, not `(AI)`), then the one with most stories, then code-point
  // order. The others get a hashed slug, which no plain one can be: a topic spelled oddly,
  // or like another's hashed slug, never moves a topic that was there first.
  const bases = new Map<string, string>();
  /** Each key's claim on its plain slug, worked out once: written as the slug, and how many stories. */
  const claim = new Map<string, { canonical: boolean; stories: number }>();
  for (const [key, counts] of spellings) {
    const base = slugify(key) || "topic";
    bases.set(key, base);
    claim.set(key, { canonical: key.trim().replace(/\s+/g, "-") === base, stories: [...counts.values()].reduce((a, b) => a + b, 0) });
  }
  const claims = [...spellings.keys()].sort((a, b) => {
    const [x, y] = [claim.get(a), claim.get(b)] as { canonical: boolean; stories: number }[];
    return Number(y.canonical) - Number(x.canonical) || y.stories - x.stories || byText(a, b);
  });
  const plain = new Map<string, string>();
  for (const key of claims) {
    const base = bases.get(key) as string;
    if (isPortableName(base) && !slugs.has(nameOnDisk(base))) {
      slugs.add(nameOnDisk(base));
      plain.set(key, base);
    }
  }
  for (const key of [...spellings.keys()].sort(byText)) {
    const slug = plain.get(key) ?? hashedName(bases.get(key) as string, key, slugs, isPortableName);
    topics.set(key, { slug, name: mostUsed(spellings.get(key) as Map<string, number>), count: 0 });
  }
  return topics;
}

/** The spelling with the highest count; ties go to the first in code-point order. */
function mostUsed(counts: Map<string, number>): string {
  return [...counts].sort(([a, m], [b, n]) => n - m || byText(a, b))[0][0];
}

/** One entry per outlet: the name most of its stories give it, or its domain. */
function resolveOutlets(articles: readonly Article[], outletArticles: Map<string, number[]>): OutletInfo[] {
  const names = new Map<string, Map<string, number>>();
  for (const article of articles) {
    const name = article.provider?.name;
    if (!name) continue;
    const counts = names.get(article.providerKey) ?? new Map<string, number>();
    counts.set(name, (counts.get(name) ?? 0) + 1);
    names.set(article.providerKey, counts);
  }
  return [...outletArticles]
    .map(([key, list]) => {
      const counts = names.get(key);
      return { key, name: counts ? mostUsed(counts) : key, count: list.length };
    })
    .sort((a, b) => b.count - a.count || byText(a.key, b.key));
}

/** Which stories each topic and each outlet lists, by index into `articles` (newest first). */
export function listsOf(articles: readonly Article[]): Pick<SiteModel, "topicArticles" | "outlets" | "outletArticles"> {
  const topicArticles = new Map<string, number[]>();
  const outletArticles = new Map<string, number[]>();
  articles.forEach((article, index) => {
    for (const { slug } of article.topics) pushTo(topicArticles, slug, index);
    pushTo(outletArticles, article.providerKey, index);
  });
  return { topicArticles, outlets: resolveOutlets(articles, outletArticles), outletArticles };
}

export interface SiteModelOptions {
  /** How many bits of an id pick its article bucket; `articleBucketBitsFor` the article count unless given (tests ask for more buckets than a few articles would get). */
  articleBucketBits?: number;
}

export function buildSiteModel(records: readonly ArticleRecord[], options: SiteModelOptions = {}): SiteModel {
  const published = records.filter((record) => !record.draft);
  const groups = new Map<string, ArticleRecord[]>();
  for (const record of [...published].sort((a, b) => byText(a.file, b.file))) {
    pushTo(groups, record.key, record);
  }
  const warnings: ContentProblem[] = [];
  const merged = [...groups.values()].map((group) => mergeDuplicates(group, warnings));
  const topicsByKey = resolveTopics(merged);

  const entries = merged.map((record) => {
    const topics: TopicRef[] = [];
    for (const key of new Set(record.topics.map(topicKey))) {
      const topic = topicsByKey.get(key) as Topic;
      topic.count++;
      topics.push({ slug: topic.slug, name: topic.name });
    }
    const { file: _file, key, draft: _draft, topics: _names, relatedKeys, ...rest } = record;
    const article = { id: "", ...rest, providerKey: outletKeyOf(record.sourceUrl), topics };
    return { key, relatedKeys, article };
  });
  uniqueIds(merged).forEach((id, index) => (entries[index].article.id = id));
  entries.sort((a, b) => compareLatest(a.article, b.article));
  const { storyOf, stories, coverage } = findStories(
    entries.map((entry) => entry.article),
    entries.map((entry) => entry.key),
    entries.map((entry) => entry.relatedKeys),
  );
  const articles: Article[] = entries.map(({ article }, index) => ({ ...article, story: coverage[index] }));

  const articleBucketBits = options.articleBucketBits ?? articleBucketBitsFor(articles.length);
  return {
    articles,
    topics: [...topicsByKey.values()].sort((a, b) => b.count - a.count || byText(a.name, b.name)),
    ...listsOf(articles),
    storyOf,
    stories,
    articleBucketBits,
    stats: { drafts: records.length - published.length, duplicatesMerged: published.length - groups.size },
    warnings,
  };
}

/** Articles grouped as the app looks them up: by the bucket their id names. Every bucket is there, empty or not. */
export function articleBuckets(model: SiteModel): Article[][] {
  const buckets = Array.from({ length: 2 ** model.articleBucketBits }, (): Article[] => []);
  for (const article of model.articles) buckets[articleBucketOf(article.id, model.articleBucketBits) as number].push(article);
  return buckets;
}
