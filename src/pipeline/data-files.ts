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

const pageCountOf = (total: number) => Math.max(1, Math.ceil(total / FEED_PAGE_SIZE));

function siteIndex(model: SiteModel): SiteIndex {
  return {
    buildId: model.buildId,
    totals: { articles: model.articles.length, topics: model.topics.length },
    feed: { pageCount: pageCountOf(model.articles.length), pageSize: FEED_PAGE_SIZE },
    topTopics: model.topics.slice(0, TOP_TOPICS),
    articleBucketBits: model.articleBucketBits,
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
export function* dataFiles(model: SiteModel): Generator<DataFile> {
  const { buildId, articles } = model;
  yield file(dataPaths.index, () => siteIndex(model));
  yield file(dataPaths.topics(buildId), (): TopicList => ({ topics: model.topics }));
  yield* feedPages(articles, (page) => dataPaths.feedPage(buildId, page));
  for (const topic of model.topics) {
    const tagged = (model.topicArticles.get(topic.slug) ?? []).map((index) => articles[index]);
    yield* feedPages(tagged, (page) => dataPaths.topicPage(buildId, topic.slug, page), topic);
  }
  for (const [bucket, grouped] of articleBuckets(model)) {
    yield file(dataPaths.articleBucket(buildId, bucket), (): ArticleBucket => ({
      articles: Object.fromEntries(grouped.map((article) => [article.id, article])),
    }));
  }
}
