import { gzipSync } from "node:zlib";
import { compareStories, RANKED_LIMIT, SORT_ORDERS, type SortOrder } from "../contract/order.ts";
import { bucketTableBitsFor } from "../contract/buckets.ts";
import { DATA_FORMAT_VERSION, dataPaths, FEED_PAGE_SIZE, LIST_HEAD_SIZE, TOP_TOPICS } from "../contract/data-layout.ts";
import type {
  Article,
  ArticleBucket,
  BucketTable,
  ListHead,
  ListPage,
  PageTable,
  OutletCatalog,
  OutletEntry,
  ShardName,
  SiteIndex,
  Summary,
  TopicCatalog,
  TopicEntry,
} from "../contract/types.ts";
import { toSummary } from "../contract/summary.ts";
import { cutByContent, endsRunAt } from "./collections.ts";
import { searchShards } from "./search-index.ts";
import { shard, shardNameOf, shardText, type DataFile } from "./shards.ts";
import { articleBuckets, type SiteModel } from "./site.ts";

export interface DataOptions {
  /** Article data, gzipped, that a reader's device saves whole for offline reading; default 5 MB. */
  offlineArticleBudget?: number;
}

export const DEFAULT_OFFLINE_ARTICLE_BUDGET = 5 * 1024 * 1024;

/**
 * Where a list's Latest pages end, counted over its articles from the oldest: after an
 * article whose id's hash is a multiple of `FEED_PAGE_SIZE` (one in fifty, so pages hold
 * fifty articles on average), or after `MAX_PAGE_ARTICLES` with none. The content decides,
 * not the position: a new article changes only the page it lands in, wherever it lands,
 * and every other page keeps its bytes and its name.
 */
export const MAX_PAGE_ARTICLES = 2 * FEED_PAGE_SIZE;

const endsPage = (article: Article) => endsRunAt(article.id, FEED_PAGE_SIZE);

/** `entries` (newest first) cut into the pages that `endsPage` marks, counted from the oldest; newest page first. */
const latestPages = <T>(entries: readonly T[], articleOf: (entry: T) => Article): T[][] =>
  cutByContent([...entries].reverse(), (entry) => endsPage(articleOf(entry)), MAX_PAGE_ARTICLES)
    .map((page) => page.reverse())
    .reverse();

/**
 * A ranked list's pages: cut where the content says, counted from the best, up to the page
 * that holds its `RANKED_LIMIT`th story. A story rising into the list changes the page it
 * lands on, and no other: the pages after it keep their stories, and the list ends where
 * a page ends, not at a count that would drop a story from the last page each time.
 */
function rankedPages(order: readonly number[], articles: readonly Article[]): number[][] {
  const pages: number[][] = [];
  let count = 0;
  for (const page of cutByContent(order.slice(0, RANKED_LIMIT + MAX_PAGE_ARTICLES), (index) => endsPage(articles[index]), MAX_PAGE_ARTICLES)) {
    if (count >= RANKED_LIMIT) break;
    pages.push(page);
    count += page.length;
  }
  return pages;
}

/**
 * Whether every bucket, gzipped as a host serves it, fits the budget: told one bucket
 * at a time, as they are written. Stops counting once they do not fit, or once their text
 * could not fit even shrunk tenfold (JSON of news records gzips four- to sixfold).
 */
function offlineBudget(budget: number) {
  let raw = 0;
  let gzipped = 0;
  let fits = true;
  return {
    add(text: string) {
      if (!fits) return;
      raw += text.length;
      gzipped += raw > 10 * budget ? Infinity : gzipSync(text).length;
      fits = gzipped <= budget;
    },
    fits: () => fits,
  };
}

const newestAt = (model: SiteModel) => model.articles[0]?.publishedAt ?? null;

/** What a list's first page says about the list itself. */
type ListMeta = Pick<ListHead, "topic" | "provider">;

interface ListOptions {
  meta?: ListMeta;
  /** Each story once (feed and topics), or every article (an outlet's own list). */
  stories?: boolean;
}

/** A list's head and its page table, from its pages (in the list's order). */
function* headOf(pages: readonly Summary[][], meta: ListMeta, orders?: ListHead["orders"]): Generator<DataFile, ShardName> {
  const all = pages.flat();
  let table: ShardName | null = null;
  if (all.length > LIST_HEAD_SIZE) {
    const names: ShardName[] = [];
    for (const page of pages) names.push(yield* shard("pages", { items: page } satisfies ListPage));
    table = yield* shard("tables", { pages: names, counts: pages.map((page) => page.length) } satisfies PageTable);
  }
  const head: ListHead = { total: all.length, items: all.slice(0, LIST_HEAD_SIZE), pages: table, ...(orders ? { orders } : {}), ...meta };
  return yield* shard("lists", head);
}

/**
 * One list (indexes into the newest-first articles) in every order, and the name of its
 * Latest head, which names the others. Latest is cut where `endsPage` says, counted from
 * the oldest; Hot and Top (its best `RANKED_LIMIT`, worked out afresh each build: they are
 * small) where it says too, counted from the best.
 */
function* listFiles(model: SiteModel, latest: readonly number[], { meta = {}, stories = true }: ListOptions = {}): Generator<DataFile, ShardName> {
  const { articles } = model;
  const entries = stories ? onePerStory(model, latest) : latest;
  const ranked = {} as Record<Exclude<SortOrder, "latest">, ShardName>;
  for (const sort of SORT_ORDERS) {
    if (sort === "latest") continue;
    const compare = compareStories(sort);
    const order = (stories ? onePerStory(model, [...latest].sort((a, b) => compare(articles[a], articles[b]))) : [...entries].sort((a, b) => compare(articles[a], articles[b])));
    ranked[sort] = yield* headOf(rankedPages(order, articles).map((page) => page.map((index) => summaryOf(model, index))), meta);
  }
  const pages = latestPages(entries, (index) => articles[index]).map((page) => page.map((index) => summaryOf(model, index)));
  return yield* headOf(pages, meta, ranked);
}

/** Each article's summary, made once however many lists show it. */
const summaries = new WeakMap<Article, Summary>();
function summaryOf(model: SiteModel, index: number): Summary {
  const article = model.articles[index];
  let summary = summaries.get(article);
  if (!summary) summaries.set(article, (summary = toSummary(article)));
  return summary;
}

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

/** The buckets, then the tables that name them; returns the tables' names, for the index. */
function* articleFiles(model: SiteModel, budget: number): Generator<DataFile, { tables: ShardName[]; offline: boolean }> {
  const bits = model.articleBucketBits;
  const offline = offlineBudget(budget);
  const buckets: ShardName[] = [];
  // One bucket's text at a time: the 100k archive's buckets are 350 MB of JSON.
  for (const bucket of articleBuckets(model)) {
    const text = JSON.stringify({ articles: Object.fromEntries(bucket.map((article) => [article.id, article])) } satisfies ArticleBucket);
    offline.add(text);
    buckets.push(yield* shardText("articles", text));
  }
  const perTable = 2 ** (bits - bucketTableBitsFor(bits));
  const tables: ShardName[] = [];
  for (let start = 0; start < buckets.length; start += perTable) {
    // `groups`: the bucket table's field, a wire name.
    tables.push(yield* shard("tables", { groups: buckets.slice(start, start + perTable) } satisfies BucketTable));
  }
  return { tables, offline: offline.fits() };
}

/**
 * Every data file of a build, each named by its content and made after the files it
 * names; `data/index.json` last, naming the rest.
 */
export function* dataFiles(model: SiteModel, options: DataOptions = {}): Generator<DataFile> {
  const feed = yield* listFiles(model, model.articles.map((_article, index) => index));
  const topics: TopicEntry[] = [];
  for (const topic of model.topics) {
    const list = yield* listFiles(model, model.topicArticles.get(topic.slug) ?? [], { meta: { topic } });
    topics.push({ ...topic, list });
  }
  const outlets: OutletEntry[] = [];
  for (const outlet of model.outlets) {
    // `provider`: an outlet list's field, a wire name.
    const list = yield* listFiles(model, model.outletArticles.get(outlet.key) ?? [], { meta: { provider: outlet }, stories: false });
    outlets.push({ ...outlet, list });
  }
  const articles = yield* articleFiles(model, options.offlineArticleBudget ?? DEFAULT_OFFLINE_ARTICLE_BUDGET);
  const index: Omit<SiteIndex, "buildId"> = {
    format: DATA_FORMAT_VERSION,
    totals: { articles: model.articles.length, stories: model.stories.length, topics: model.topics.length },
    feed,
    topTopics: topics.slice(0, TOP_TOPICS),
    topics: yield* shard("catalogs", { topics } satisfies TopicCatalog),
    // `providers`, here and in the catalog: wire names.
    providers: yield* shard("catalogs", { providers: outlets } satisfies OutletCatalog),
    articles: { bits: model.articleBucketBits, tables: articles.tables },
    search: yield* searchShards(model),
    offlineArticles: articles.offline,
    newestAt: newestAt(model),
  };
  const text = JSON.stringify({ buildId: shardNameOf(JSON.stringify(index)), ...index } satisfies SiteIndex);
  yield { path: dataPaths.index, render: () => text };
}
