import { createHash } from "node:crypto";
import {
  articleBucketBitsFor,
  articleBucketOf,
  DATA_FORMAT_VERSION,
  FEED_PAGE_SIZE,
  ID_HASH_LENGTH,
  TOP_TOPICS,
} from "../contract/paths.ts";
import type { Article, Summary, Topic, TopicRef } from "../contract/types.ts";
import { pushTo } from "./collections.ts";
import { uniqueRelated, type ArticleRecord } from "./parse-file.ts";
import { shortHash, slugify } from "./slug.ts";

/** Everything the data files are cut from: merged, deduplicated and sorted. */
export interface SiteModel {
  buildId: string;
  /** Newest first. */
  articles: Article[];
  /** Most stories first, then by name. */
  topics: Topic[];
  /** Indexes into `articles`, newest first, by topic slug. */
  topicArticles: Map<string, number[]>;
  articleBucketBits: number;
  stats: { drafts: number; duplicatesMerged: number };
}

const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** A readable id that only the source URL decides: stable across rebuilds and file order. */
export function articleId(title: string, key: string): string {
  return `${slugify(title, 60) || "article"}-${shortHash(key, ID_HASH_LENGTH)}`;
}

/** Files with the same source URL are one article: the first by path leads, the rest add topics and coverage. */
function mergeDuplicates(records: ArticleRecord[]): ArticleRecord {
  const [lead, ...others] = records;
  if (others.length === 0) return lead;
  return {
    ...lead,
    topics: records.flatMap((record) => record.topics),
    images: records.find((record) => record.images.length > 0)?.images ?? [],
    related: uniqueRelated(lead.key, records.flatMap((record) => record.related)),
  };
}

const topicKey = (name: string) => name.toLowerCase();

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
  for (const key of [...spellings.keys()].sort(byText)) {
    const counts = [...(spellings.get(key) as Map<string, number>)];
    counts.sort(([a, m], [b, n]) => n - m || byText(a, b));
    const base = slugify(key) || "topic";
    const slug = slugs.has(base) ? `${base}-${shortHash(key, 6)}` : base;
    slugs.add(slug);
    topics.set(key, { slug, name: counts[0][0], count: 0 });
  }
  return topics;
}

export function toSummary(article: Article): Summary {
  const { id, title, excerpt, provider, publishedAt, topics, images } = article;
  return { id, title, excerpt, provider, publishedAt, topics, image: images[0] };
}

export function buildSiteModel(records: readonly ArticleRecord[]): SiteModel {
  const published = records.filter((record) => !record.draft);
  const groups = new Map<string, ArticleRecord[]>();
  for (const record of [...published].sort((a, b) => byText(a.file, b.file))) {
    pushTo(groups, record.key, record);
  }
  const merged = [...groups.values()].map(mergeDuplicates);
  const topicsByKey = resolveTopics(merged);

  const articles: Article[] = merged.map((record) => {
    const topics: TopicRef[] = [];
    for (const key of new Set(record.topics.map(topicKey))) {
      const topic = topicsByKey.get(key) as Topic;
      topic.count++;
      topics.push({ slug: topic.slug, name: topic.name });
    }
    const { file: _file, key, draft: _draft, topics: _names, ...rest } = record;
    return { id: articleId(record.title, key), ...rest, topics };
  });
  articles.sort((a, b) => byText(b.publishedAt, a.publishedAt) || byText(a.id, b.id));

  const topicArticles = new Map<string, number[]>();
  articles.forEach((article, index) => {
    for (const { slug } of article.topics) pushTo(topicArticles, slug, index);
  });

  // The id names the data: the articles, and the layout they are cut into.
  const articleBucketBits = articleBucketBitsFor(articles.length);
  const hash = createHash("sha256").update(JSON.stringify([DATA_FORMAT_VERSION, FEED_PAGE_SIZE, TOP_TOPICS, articleBucketBits]));
  for (const article of articles) hash.update(JSON.stringify(article));
  return {
    buildId: hash.digest("hex").slice(0, 12),
    articles,
    topics: [...topicsByKey.values()].sort((a, b) => b.count - a.count || byText(a.name, b.name)),
    topicArticles,
    articleBucketBits,
    stats: { drafts: records.length - published.length, duplicatesMerged: published.length - groups.size },
  };
}

/** Articles grouped as the app looks them up: by the bucket their id names. Every bucket is there, empty or not. */
export function articleBuckets(model: SiteModel): Article[][] {
  const buckets = Array.from({ length: 2 ** model.articleBucketBits }, (): Article[] => []);
  for (const article of model.articles) buckets[articleBucketOf(article.id, model.articleBucketBits) as number].push(article);
  return buckets;
}
