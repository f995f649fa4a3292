import { gzipSync } from "node:zlib";
import { dataPaths, FEED_PAGE_SIZE, TOP_TOPICS } from "../contract/paths.ts";
import type { Article, ArticleBucket, FeedPage, SiteIndex, Topic, TopicList } from "../contract/types.ts";
import { articleBuckets, toSummary, type SiteModel } from "./site.ts";

/**
 * One JSON file of the built data: its path relative to the site root, and how to make
 * it. Rendering is deferred so a build streams files one at a time and the dev server
 * renders only what is asked for.
 */
export interface DataFile {
  path: string;
  render(): string;
}

export interface DataOptions {
  /** Article data, gzipped, that a reader's device saves whole for offline reading; default 5 MB. */
  offlineArticleBudget?: number;
}

export const DEFAULT_OFFLINE_ARTICLE_BUDGET = 5 * 1024 * 1024;

const pageCountOf = (total: number) => Math.max(1, Math.ceil(total / FEED_PAGE_SIZE));

const bucketJson = (articles: readonly Article[]) =>
  JSON.stringify({ articles: Object.fromEntries(articles.map((article) => [article.id, article])) } satisfies ArticleBucket);

/** Whether every article group, gzipped as a host serves it, fits the budget. Stops counting once it does not. */
function fitsOffline(buckets: readonly Article[][], budget: number): boolean {
  let bytes = 0;
  for (const bucket of buckets) {
    bytes += gzipSync(bucketJson(bucket)).length;
    if (bytes > budget) return false;
  }
  return true;
}

function siteIndex(model: SiteModel, offlineArticles: boolean): SiteIndex {
  return {
    buildId: model.buildId,
    totals: { articles: model.articles.length, topics: model.topics.length },
    feed: { pageCount: pageCountOf(model.articles.length), pageSize: FEED_PAGE_SIZE },
    topTopics: model.topics.slice(0, TOP_TOPICS),
    articleBucketBits: model.articleBucketBits,
    offlineArticles,
  };
}

function feedPage(articles: readonly Article[], page: number, topic?: Topic): FeedPage {
  const start = (page - 1) * FEED_PAGE_SIZE;
  const items = articles.slice(start, start + FEED_PAGE_SIZE).map(toSummary);
  return { page, pageCount: pageCountOf(articles.length), total: articles.length, items, topic };
}

const file = (path: string, data: () => unknown): DataFile => ({ path, render: () => JSON.stringify(data()) });

function* feedPages(articles: readonly Article[], pathOf: (page: number) => string, topic?: Topic) {
  for (let page = 1; page <= pageCountOf(articles.length); page++) {
    yield file(pathOf(page), () => feedPage(articles, page, topic));
  }
}

/** Every data file of a build, in a fixed order. */
export function* dataFiles(model: SiteModel, options: DataOptions = {}): Generator<DataFile> {
  const { buildId, articles } = model;
  const buckets = articleBuckets(model);
  const budget = options.offlineArticleBudget ?? DEFAULT_OFFLINE_ARTICLE_BUDGET;
  let offline: boolean | undefined;
  yield file(dataPaths.index, () => siteIndex(model, (offline ??= fitsOffline(buckets, budget))));
  yield file(dataPaths.topics(buildId), (): TopicList => ({ topics: model.topics }));
  yield* feedPages(articles, (page) => dataPaths.feedPage(buildId, page));
  for (const topic of model.topics) {
    const tagged = (model.topicArticles.get(topic.slug) ?? []).map((index) => articles[index]);
    yield* feedPages(tagged, (page) => dataPaths.topicPage(buildId, topic.slug, page), topic);
  }
  for (const [bucket, grouped] of buckets.entries()) {
    yield { path: dataPaths.articleBucket(buildId, bucket), render: () => bucketJson(grouped) };
  }
}
