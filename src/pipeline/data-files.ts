import { gzipSync } from "node:zlib";
import { dataPaths, FEED_PAGE_SIZE, TOP_TOPICS } from "../contract/paths.ts";
import { compareStories, RANKED_LIMIT, SORT_ORDERS, type SortOrder } from "../contract/order.ts";
import type { Article, ArticleBucket, FeedPage, SiteIndex, TopicList } from "../contract/types.ts";
import { toSummary } from "../contract/summary.ts";
import { articleBuckets, type SiteModel } from "./site.ts";

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

const newestAt = (model: SiteModel) => model.articles[0]?.publishedAt ?? null;

function siteIndex(model: SiteModel, offlineArticles: boolean): SiteIndex {
  return {
    buildId: model.buildId,
    totals: { articles: model.articles.length, stories: model.stories.length, topics: model.topics.length },
    feed: { pageCount: pageCountOf(model.stories.length), pageSize: FEED_PAGE_SIZE },
    topTopics: model.topics.slice(0, TOP_TOPICS),
    articleBucketBits: model.articleBucketBits,
    offlineArticles,
    newestAt: newestAt(model),
  };
}

/** What a list's pages say about the list itself. */
type ListMeta = Pick<FeedPage, "topic" | "provider">;

function feedPage(articles: readonly Article[], page: number, meta: ListMeta): FeedPage {
  const start = (page - 1) * FEED_PAGE_SIZE;
  const items = articles.slice(start, start + FEED_PAGE_SIZE).map(toSummary);
  return { page, pageCount: pageCountOf(articles.length), total: articles.length, items, ...meta };
}

const file = (path: string, data: () => unknown): DataFile => ({ path, render: () => JSON.stringify(data()) });

/** The first article of each story in `indexes`, in their order: a story shows once in a list. */
function onePerStory(model: SiteModel, indexes: readonly number[]): number[] {
  const seen = new Set<number>();
  return indexes.filter((index) => {
    const story = model.storyOf[index];
    if (seen.has(story)) return false;
    seen.add(story);
    return true;
  });
}

interface ListOptions {
  /** What every page says about the list. */
  meta?: ListMeta;
  /** Each story once (feed and topics), or every article (an outlet's own list). */
  stories?: boolean;
}

/**
 * One list (indexes into the newest-first articles) in every order: all of it Latest,
 * its best `RANKED_LIMIT` Hot and Top. Ranked lists are sorted when their first page renders.
 */
function* listPages(model: SiteModel, latest: readonly number[], pathOf: (page: number, sort: SortOrder) => string, { meta = {}, stories = true }: ListOptions = {}) {
  const { articles } = model;
  const cut = (indexes: readonly number[]) => (stories ? onePerStory(model, indexes) : indexes).map((index) => articles[index]);
  const latestList = cut(latest);
  for (const sort of SORT_ORDERS) {
    let ordered: readonly Article[] | undefined;
    const list = () => {
      if (sort === "latest") return latestList;
      const compare = compareStories(sort, newestAt(model) ?? "");
      return (ordered ??= cut([...latest].sort((a, b) => compare(articles[a], articles[b]))).slice(0, RANKED_LIMIT));
    };
    const count = Math.min(latestList.length, sort === "latest" ? Infinity : RANKED_LIMIT);
    for (let page = 1; page <= pageCountOf(count); page++) {
      yield file(pathOf(page, sort), () => feedPage(list(), page, meta));
    }
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
  yield* listPages(model, articles.map((_article, index) => index), (page, sort) => dataPaths.feedPage(buildId, page, sort));
  for (const topic of model.topics) {
    const tagged = model.topicArticles.get(topic.slug) ?? [];
    yield* listPages(model, tagged, (page, sort) => dataPaths.topicPage(buildId, topic.slug, page, sort), { meta: { topic } });
  }
  for (const provider of model.providers) {
    const theirs = model.providerArticles.get(provider.key) ?? [];
    yield* listPages(model, theirs, (page, sort) => dataPaths.providerPage(buildId, provider.key, page, sort), { meta: { provider }, stories: false });
  }
  for (const [bucket, grouped] of buckets.entries()) {
    yield { path: dataPaths.articleBucket(buildId, bucket), render: () => bucketJson(grouped) };
  }
}
