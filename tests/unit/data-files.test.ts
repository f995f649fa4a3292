import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { compareStories, RANKED_LIMIT } from "../../src/contract/order.ts";
import { articleBucketOf, bucketTableSlot } from "../../src/contract/buckets.ts";
import { DATA_FORMAT_VERSION, dataPaths, FEED_PAGE_SIZE, isShardName, LIST_HEAD_SIZE, SHARD_KINDS, type ShardKind, TOP_TOPICS } from "../../src/contract/data-layout.ts";
import type {
  Article,
  ArticleBucket,
  BucketTable,
  ListHead,
  ListPage,
  PageTable,
  OutletCatalog,
  SiteIndex,
  Summary,
  TopicCatalog,
} from "../../src/contract/types.ts";
import { dataFiles, MAX_PAGE_ARTICLES } from "../../src/pipeline/data-files.ts";
import type { ArticleRecord } from "../../src/pipeline/parse-file.ts";
import { shardNameOf } from "../../src/pipeline/shards.ts";
import { buildSiteModel, type SiteModel } from "../../src/pipeline/site.ts";
import { recordOf, shuffled } from "./helpers.ts";

const TOTAL = 120;
const TOPIC_NAMES = ["AI", "Elections", "Markets", "Climate"];

/** Article i of the fixture set: topic names by i, every third from a second outlet, heat and quality unrelated to age. */
function numbered(i: number): ArticleRecord {
  const topics = TOPIC_NAMES.filter((_name, t) => i % (t + 2) === 0);
  // Thirty-odd small topics, so the index has more than TOP_TOPICS to choose from.
  topics.push(`Beat ${i % 33}`);
  return recordOf(`${String(i).padStart(4, "0")}.txt`, {
    title: `"Story number ${i}"`,
    publishedDateTime: new Date(Date.UTC(2019, 11, 1) + i * 3_600_000).toISOString(),
    // Every third story from a second outlet, published on its host.
    sourceUrl: i % 3 === 0 ? `https://WWW.TheWire.example/story/${i}` : `https://www.livemint.com/story/${i}`,
    topics: topics.map((name) => `\n  - ${name}`).join(""),
    ...(i % 3 === 0 ? { provider: "\n  name: The Wire\n  domain: www.TheWire.example" } : { provider: "\n  name: Mint\n  domain: livemint.com" }),
    heat: i % 7 === 0 ? undefined : String((i * 37) % 101),
    quality: i % 5 === 0 ? undefined : String((i * 53) % 101),
  });
}

/** 120 articles an hour apart, in shuffled file order. */
const records = shuffled(
  Array.from({ length: TOTAL }, (_, i) => numbered(i)),
  7,
);

type Files = Map<string, unknown>;

/** A build's data files, parsed, by path. */
const filesOf = (model: SiteModel, options?: Parameters<typeof dataFiles>[1]): Files =>
  new Map([...dataFiles(model, options)].map((file) => [file.path, JSON.parse(file.render()) as unknown]));

/** Reads what the index and the files it names name, as the app does: by kind and name. */
function reader(files: Files) {
  const shard = <T>(kind: ShardKind, name: string | null | undefined): T => {
    expect(isShardName(name), `${kind}/${name} is not a shard name`).toBe(true);
    const path = dataPaths.shard(kind, name as string);
    expect(files.has(path), `no data file ${path}`).toBe(true);
    return files.get(path) as T;
  };
  const index = files.get(dataPaths.index) as SiteIndex;
  /** A list's whole run of stories: the head's alone, or every page its table names. */
  const storiesOf = (head: ListHead): Summary[] => {
    if (head.pages === null) return head.items;
    const table = shard<PageTable>("tables", head.pages);
    expect(table.counts).toHaveLength(table.pages.length);
    return table.pages.flatMap((name, i) => {
      const page = shard<ListPage>("pages", name);
      expect(page.items, name).toHaveLength(table.counts[i]);
      return page.items;
    });
  };
  const head = (name: string) => shard<ListHead>("lists", name);
  /** A list's Latest head and the heads of its other orders. */
  const orders = (latestName: string) => {
    const latest = head(latestName);
    expect(latest.orders, latestName).toBeDefined();
    const { hot, top } = latest.orders as NonNullable<ListHead["orders"]>;
    return { latest, hot: head(hot), top: head(top) };
  };
  const topics = () => shard<TopicCatalog>("catalogs", index.topics).topics;
  const outlets = () => shard<OutletCatalog>("catalogs", index.providers).providers;
  const topicHead = (slug: string) => {
    const entry = topics().find((topic) => topic.slug === slug);
    expect(entry, slug).toBeDefined();
    return orders((entry as { list: string }).list);
  };
  const outletHead = (key: string) => {
    const entry = outlets().find((outlet) => outlet.key === key);
    expect(entry, key).toBeDefined();
    return orders((entry as { list: string }).list);
  };
  /** Every bucket's name, in bucket order, through the bucket tables. */
  const bucketNames = () => index.articles.tables.flatMap((table) => shard<BucketTable>("tables", table).groups);
  const articleById = (id: string): Article | undefined => {
    const bucket = articleBucketOf(id, index.articles.bits);
    if (bucket === undefined) return undefined;
    const { table, slot } = bucketTableSlot(bucket, index.articles.bits);
    const name = shard<BucketTable>("tables", index.articles.tables[table]).groups[slot];
    return shard<ArticleBucket>("articles", name).articles[id];
  };
  return { index, shard, storiesOf, head, orders, topics, outlets, topicHead, outletHead, bucketNames, articleById, feed: () => orders(index.feed) };
}

const model = buildSiteModel(records);
const files = filesOf(model);
const data = reader(files);
const { index } = data;

const titlesOf = (items: readonly Summary[]) => items.map((item) => item.title);
const newestFirst = (keep: (i: number) => boolean = () => true) =>
  Array.from({ length: TOTAL }, (_, i) => TOTAL - 1 - i)
    .filter(keep)
    .map((i) => `Story number ${i}`);
/** Where a Latest page must end: after an article whose id's hash is a multiple of FEED_PAGE_SIZE. */
const endsPage = (id: string) => parseInt(id.slice(-8), 16) % FEED_PAGE_SIZE === 0;

describe("dataFiles: index.json", () => {
  it("sits at data/index.json and is the last file made, after every file it names", () => {
    expect(dataPaths.index).toBe("data/index.json");
    expect([...dataFiles(model)].at(-1)?.path).toBe(dataPaths.index);
  });

  it("has the format, the totals, the top topics and the buckets' bits", () => {
    const { buildId, feed, topics, providers, search, articles, ...rest } = index;
    expect(rest).toEqual({
      format: DATA_FORMAT_VERSION,
      totals: { articles: TOTAL, stories: TOTAL, topics: TOPIC_NAMES.length + 33 },
      topTopics: data.topics().slice(0, TOP_TOPICS),
      offlineArticles: true,
      newestAt: "2019-12-05T23:00:00.000Z",
    });
    for (const name of [buildId, feed, topics, providers, search, ...articles.tables]) expect(isShardName(name), name).toBe(true);
    expect(articles.bits).toBe(2);
    expect(index.topTopics).toHaveLength(TOP_TOPICS);
    expect(index.topTopics.slice(0, 4).map((topic) => [topic.name, topic.count])).toEqual([
      ["AI", 60],
      ["Elections", 40],
      ["Markets", 30],
      ["Climate", 24],
    ]);
  });

  it("names its version by a hash of everything else in it", () => {
    const { buildId, ...rest } = index;
    expect(buildId).toBe(shardNameOf(JSON.stringify(rest)));
  });

  it("every other file is data/<kind>/<16 hex>.json, named by its bytes", () => {
    const pattern = new RegExp(`^data/(${SHARD_KINDS.join("|")})/([0-9a-f]{16})\\.json$`);
    for (const file of dataFiles(model)) {
      if (file.path === dataPaths.index) continue;
      const [, , name] = pattern.exec(file.path) ?? [];
      expect(name, file.path).toBeDefined();
      expect(shardNameOf(file.render()), file.path).toBe(name);
    }
  });
});

describe("dataFiles: the feed", () => {
  const { latest } = data.feed();
  const stories = data.storiesOf(latest);

  it(`holds every story newest first, its head the first ${LIST_HEAD_SIZE}`, () => {
    expect(latest.total).toBe(TOTAL);
    expect(titlesOf(stories)).toEqual(newestFirst());
    expect(latest.items).toEqual(stories.slice(0, LIST_HEAD_SIZE));
    expect(latest.topic).toBeUndefined();
    expect(latest.provider).toBeUndefined();
  });

  it("cuts its pages where the content says: after an article whose id's hash is a multiple of 50, or after MAX_PAGE_ARTICLES", () => {
    const pages = data.shard<PageTable>("tables", latest.pages).pages.map((name) => data.shard<ListPage>("pages", name).items);
    pages.forEach((items, p) => {
      expect(items.length).toBeGreaterThan(0);
      expect(items.length).toBeLessThanOrEqual(MAX_PAGE_ARTICLES);
      // Only a page's newest article may end it (pages are cut counting from the oldest).
      items.slice(1).forEach((item) => expect(endsPage(item.id), item.id).toBe(false));
      // Every page but the newest was closed by its newest article, or by being full.
      if (p > 0) expect(endsPage(items[0].id) || items.length === MAX_PAGE_ARTICLES, `page ${p}`).toBe(true);
    });
  });

  it("lists summaries, not whole articles", () => {
    const [first] = latest.items;
    expect(Object.keys(first).sort()).toEqual(["id", "provider", "providerKey", "publishedAt", "quality", "title", "topics"]);
    expect(first).toMatchObject({ title: "Story number 119", publishedAt: "2019-12-05T23:00:00.000Z" });
  });
});

describe("dataFiles: topic lists", () => {
  const topics = data.topics();

  it("the topic catalog lists every topic, most stories first, each with its list", () => {
    expect(topics.map(({ list: _list, ...topic }) => topic)).toEqual(model.topics);
    expect(topics.map((topic) => topic.count)).toEqual([...topics.map((topic) => topic.count)].sort((a, b) => b - a));
    expect(index.topTopics).toEqual(topics.slice(0, TOP_TOPICS));
  });

  it.each(TOPIC_NAMES)("%s: its list holds exactly its articles, newest first", (name) => {
    const topic = topics.find((candidate) => candidate.name === name);
    expect(topic).toBeDefined();
    const { slug, count } = topic as (typeof topics)[number];
    const { latest } = data.topicHead(slug);
    const items = data.storiesOf(latest);
    const step = TOPIC_NAMES.indexOf(name) + 2;
    expect(titlesOf(items)).toEqual(newestFirst((i) => i % step === 0));
    expect(latest).toMatchObject({ total: count, topic: { slug, name, count } });
    expect(latest.items).toEqual(items.slice(0, LIST_HEAD_SIZE));
    for (const item of items) expect(item.topics.map((ref) => ref.slug)).toContain(slug);
  });

  it(`a list of ${LIST_HEAD_SIZE} or fewer stories is its head alone, with no page table`, () => {
    const small = topics.find((topic) => topic.count <= LIST_HEAD_SIZE) as (typeof topics)[number];
    const { latest } = data.topicHead(small.slug);
    expect(latest.pages).toBeNull();
    expect(latest.items).toHaveLength(small.count);
  });
});

describe("dataFiles: Hot and Top", () => {
  const feed = data.feed();

  it.each(["hot", "top"] as const)("%s: the whole feed in that order, the same stories as Latest", (sort) => {
    const head = feed[sort];
    const items = data.storiesOf(head);
    expect(head.total).toBe(TOTAL);
    expect(head.orders).toBeUndefined();
    expect(head.items).toEqual(items.slice(0, LIST_HEAD_SIZE));
    expect(items).toEqual([...items].sort(compareStories(sort)));
    expect(new Set(items.map((item) => item.id))).toEqual(new Set(model.articles.map((article) => article.id)));
  });

  it("cuts Hot and Top pages where the content says too, counted from the best: a story rising into them moves no page boundary", () => {
    for (const sort of ["hot", "top"] as const) {
      const pages = data.shard<PageTable>("tables", feed[sort].pages).pages.map((name) => data.shard<ListPage>("pages", name).items);
      pages.forEach((items, p) => {
        items.slice(0, -1).forEach((item) => expect(endsPage(item.id), `${sort} ${item.id}`).toBe(false));
        if (p < pages.length - 1) expect(endsPage(items[items.length - 1].id) || items.length === MAX_PAGE_ARTICLES, `${sort} page ${p}`).toBe(true);
      });
    }
  });

  it("hot fades heat by age, halving it each day: a fresher story with less heat can lead", () => {
    const TITLES = ["", "Tides rise in Lisbon", "Chess final drawn", "Wheat prices fall", "Comet seen over Oslo", "Library reopens downtown"];
    const story = (n: number, hoursOld: number, heat?: number) =>
      recordOf(`hot-${n}.txt`, {
        title: `"${TITLES[n]}"`,
        publishedDateTime: new Date(Date.UTC(2020, 5, 10) - hoursOld * 3_600_000).toISOString(),
        sourceUrl: `https://hot.example/${n}`,
        heat: heat === undefined ? undefined : String(heat),
      });
    const hot = reader(filesOf(buildSiteModel([story(1, 0, 40), story(2, 48, 70), story(3, 24, 90), story(4, 72, 100), story(5, 1)]))).feed().hot;
    // Heat after fading: 40, 17.5, 45, 12.5; no heat last.
    expect(titlesOf(hot.items)).toEqual([3, 1, 2, 4, 5].map((n) => TITLES[n]));
  });

  it("top puts the highest quality first, and stories without one last", () => {
    const items = data.storiesOf(feed.top);
    expect(items[0].quality).toBe(Math.max(...model.articles.map((article) => article.quality ?? -1)));
    expect(items.at(-1)?.quality).toBeUndefined();
  });

  it("each topic's and each outlet's list comes in every order", () => {
    const heads = [data.topicHead(model.topics[0].slug), data.outletHead("thewire.example")];
    for (const list of heads) {
      const count = list.latest.total;
      for (const sort of ["hot", "top"] as const) {
        const items = data.storiesOf(list[sort]);
        expect(items).toHaveLength(count);
        expect(items).toEqual([...items].sort(compareStories(sort)));
        expect([list[sort].topic, list[sort].provider]).toEqual([list.latest.topic, list.latest.provider]);
      }
    }
  });

  it(`keeps at most ${RANKED_LIMIT} stories in a ranked list`, () => {
    const many = Array.from({ length: RANKED_LIMIT + 30 }, (_, i) =>
      recordOf(`${i}.txt`, { title: `"Report ${i}"`, sourceUrl: `https://news.example.com/${i}`, heat: String(i % 100) }),
    );
    const big = reader(filesOf(buildSiteModel(many)));
    const { latest, hot, top } = big.feed();
    expect(latest.total).toBe(RANKED_LIMIT + 30);
    expect(big.storiesOf(latest)).toHaveLength(RANKED_LIMIT + 30);
    const everyone = big.storiesOf(latest);
    for (const [sort, head] of [["hot", hot], ["top", top]] as const) {
      // The best RANKED_LIMIT, and at most the rest of the page the last of them is on.
      expect(head.total).toBeGreaterThanOrEqual(RANKED_LIMIT);
      expect(head.total).toBeLessThan(RANKED_LIMIT + MAX_PAGE_ARTICLES);
      const ranked = big.storiesOf(head);
      expect(ranked).toHaveLength(head.total);
      expect(ranked).toEqual([...everyone].sort(compareStories(sort)).slice(0, head.total));
      for (const count of big.shard<PageTable>("tables", head.pages).counts) expect(count).toBeLessThanOrEqual(MAX_PAGE_ARTICLES);
    }
  });
});

describe("dataFiles: outlet lists", () => {
  it("lists each outlet's stories, newest first, under its domain without www. and in lower case", () => {
    const { latest } = data.outletHead("thewire.example");
    expect(titlesOf(data.storiesOf(latest))).toEqual(newestFirst((i) => i % 3 === 0));
    expect(latest.provider).toEqual({ key: "thewire.example", name: "The Wire", count: TOTAL / 3 });
  });

  it("every story is on exactly one outlet's list", () => {
    const listed = data.outlets().flatMap((outlet) => data.storiesOf(data.orders(outlet.list).latest).map((item) => item.id));
    expect(listed.sort()).toEqual(model.articles.map((article) => article.id).sort());
    expect(data.outlets().map(({ key, name, count }) => [key, name, count])).toEqual([
      ["livemint.com", "Mint", 80],
      ["thewire.example", "The Wire", 40],
    ]);
  });
});

describe("dataFiles: buckets", () => {
  const names = data.bucketNames();
  const buckets = names.map((name) => data.shard<ArticleBucket>("articles", name).articles);

  it("hold every article exactly once, under its id", () => {
    const ids = buckets.flatMap((bucket) => Object.keys(bucket));
    expect(ids).toHaveLength(TOTAL);
    expect(new Set(ids)).toEqual(new Set(model.articles.map((article) => article.id)));
    for (const bucket of buckets) for (const [id, article] of Object.entries(bucket)) expect(article.id).toBe(id);
  });

  it("are 2^bits, every one named through the bucket tables, so the app can save them all without a list", () => {
    expect(names).toHaveLength(2 ** index.articles.bits);
    expect(index.articles.tables).toHaveLength(2);
    expect(new Set(names).size).toBeGreaterThan(1);
  });

  it("are found by articleBucketOf and bucketTableSlot, for every id", () => {
    for (const article of model.articles) {
      expect(data.articleById(article.id), article.id).toEqual(JSON.parse(JSON.stringify(article)) as Article);
    }
  });

  it.each([["no-hash"], ["story-ABCDEF12"], ["story-1234567"], [""]])("articleBucketOf(%j) finds no bucket", (id) => {
    expect(articleBucketOf(id, index.articles.bits)).toBeUndefined();
  });
});

describe("dataFiles: output", () => {
  it("is the same files with the same text whatever the input order", () => {
    const again = [...dataFiles(buildSiteModel(shuffled(records, 99)))].map((file) => [file.path, file.render()]);
    const first = [...dataFiles(model)].map((file) => [file.path, file.render()]);
    expect(again).toEqual(first);
  });

  it("never gives two contents one path: a path made twice is the same file", () => {
    const texts = new Map<string, string>();
    for (const file of dataFiles(model)) {
      const text = file.render();
      expect(texts.get(file.path) ?? text, file.path).toBe(text);
      texts.set(file.path, text);
    }
  });

  it("for no articles, still has an index, an empty feed and one empty bucket", () => {
    const empty = reader(filesOf(buildSiteModel([])));
    expect(empty.index).toMatchObject({ totals: { articles: 0, stories: 0, topics: 0 }, newestAt: null, articles: { bits: 0 } });
    const { latest, hot, top } = empty.feed();
    for (const head of [latest, hot, top]) expect(head).toMatchObject({ total: 0, items: [], pages: null });
    expect(empty.topics()).toEqual([]);
    expect(empty.outlets()).toEqual([]);
    expect(empty.bucketNames()).toHaveLength(1);
    expect(empty.shard<ArticleBucket>("articles", empty.bucketNames()[0])).toEqual({ articles: {} });
  });

  it.each([
    ["fit", 5 * 1024 * 1024, true],
    ["do not fit", 1000, false],
  ])("says whether the buckets %s the offline budget", (_, budget, expected) => {
    expect((filesOf(model, { offlineArticleBudget: budget }).get(dataPaths.index) as SiteIndex).offlineArticles).toBe(expected);
  });
});

describe("dataFiles: one new article", () => {
  /** The kind and name of every data file, but the index. */
  const namesOf = (files: Files) => new Set([...files.keys()].filter((path) => path !== dataPaths.index));

  /** Each list of a build by what it lists (the feed, a topic, an outlet), with its heads and the names of its pages in each order. */
  function listsOf(files: Files) {
    const read = reader(files);
    const pagesOf = (head: ListHead) => (head.pages === null ? [] : read.shard<PageTable>("tables", head.pages).pages);
    const lists = new Map<string, { latest: string; hot: string; top: string; pages: Record<"latest" | "hot" | "top", string[]> }>();
    const add = (key: string, latestName: string) => {
      const heads = read.orders(latestName);
      const orders = heads.latest.orders as NonNullable<ListHead["orders"]>;
      lists.set(key, { latest: latestName, ...orders, pages: { latest: pagesOf(heads.latest), hot: pagesOf(heads.hot), top: pagesOf(heads.top) } });
    };
    add("feed", read.index.feed);
    for (const topic of read.topics()) add(`topic:${topic.slug}`, topic.list);
    for (const outlet of read.outlets()) add(`outlet:${outlet.key}`, outlet.list);
    return lists;
  }

  const TOPICS = ["Alpha", "Beta", "Gamma", "Delta"];
  /** An article that tells a story of its own: "Story number n" titles share two significant words, too few to join one story. */
  interface Spec {
    hour: number;
    topics: string[];
    outlet: number;
    heat?: number;
    quality?: number;
  }
  const arbitraryArticle: fc.Arbitrary<Spec> = fc.record({
    hour: fc.integer({ min: 0, max: 24 * 400 }),
    topics: fc.subarray(TOPICS),
    outlet: fc.integer({ min: 0, max: 2 }),
    heat: fc.option(fc.integer({ min: 0, max: 100 }), { nil: undefined }),
    quality: fc.option(fc.integer({ min: 0, max: 100 }), { nil: undefined }),
  });
  const toRecord = (spec: Spec, n: number) =>
    recordOf(`${n}.txt`, {
      title: `"Story number ${n}"`,
      publishedDateTime: new Date(Date.UTC(2020, 0, 1) + spec.hour * 3_600_000 + n * 1000).toISOString(),
      sourceUrl: `https://outlet${spec.outlet}.example/story/${n}`,
      provider: `\n  name: Outlet ${spec.outlet}\n  domain: outlet${spec.outlet}.example`,
      topics: spec.topics.length > 0 ? spec.topics.map((name) => `\n  - ${name}`).join("") : undefined,
      heat: spec.heat === undefined ? undefined : String(spec.heat),
      quality: spec.quality === undefined ? undefined : String(spec.quality),
    });

  it("changes at most two Latest pages and three Hot and Top pages of each list it is in, and nothing of a list it is not in", () => {
    fc.assert(
      fc.property(fc.array(arbitraryArticle, { minLength: 40, maxLength: 260 }), arbitraryArticle, (specs, added) => {
        const before = specs.map((spec, n) => toRecord(spec, n));
        const extra = toRecord(added, specs.length);
        const oldModel = buildSiteModel(before);
        const newModel = buildSiteModel([...before, extra]);
        const [oldFiles, newFiles] = [filesOf(oldModel), filesOf(newModel)];
        const [oldLists, newLists] = [listsOf(oldFiles), listsOf(newFiles)];
        const id = newModel.articles.find((article) => article.sourceUrl.endsWith(`/story/${specs.length}`))?.id as string;
        const inList = new Set(["feed", `outlet:outlet${added.outlet}.example`, ...added.topics.map((name) => `topic:${name.toLowerCase()}`)]);
        for (const [key, list] of newLists) {
          const old = oldLists.get(key);
          if (!inList.has(key)) {
            expect(old, key).toBeDefined();
            expect(list.latest, key).toBe(old?.latest);
            // Hot ranks by heat and date alone: a new story, however new, reorders no other list.
            expect(list.hot, key).toBe(old?.hot);
            expect(list.top, key).toBe(old?.top);
            continue;
          }
          const oldPages = new Set(old?.pages.latest ?? []);
          const fresh = list.pages.latest.filter((name) => !oldPages.has(name));
          expect(fresh.length, key).toBeLessThanOrEqual(2);
          // Every page but the one the article landed in (or the two it split into) is kept, in order.
          const kept = list.pages.latest.filter((name) => oldPages.has(name));
          expect(kept, key).toEqual((old?.pages.latest ?? []).filter((name) => kept.includes(name)));
          expect((old?.pages.latest.length ?? 0) - kept.length, key).toBeLessThanOrEqual(1);
          // The new article is on one of the fresh pages, or in the head alone.
          const holding = fresh.map((name) => reader(newFiles).shard<ListPage>("pages", name).items.some((item) => item.id === id));
          if (list.pages.latest.length > 0) expect(holding.some(Boolean), key).toBe(true);
          // Hot and Top: the page it lands on (or the two that page splits into), and the last, which may lose a story.
          for (const sort of ["hot", "top"] as const) {
            const before = new Set(old?.pages[sort] ?? []);
            expect(list.pages[sort].filter((name) => !before.has(name)).length, `${key} ${sort}`).toBeLessThanOrEqual(3);
          }
        }
        // Buckets: only the new article's bucket changes, unless the number of buckets did.
        if (oldModel.articleBucketBits === newModel.articleBucketBits) {
          const oldNames = namesOf(oldFiles);
          const freshBuckets = [...namesOf(newFiles)].filter((path) => path.startsWith("data/articles/") && !oldNames.has(path));
          expect(freshBuckets).toHaveLength(1);
        }
      }),
      { numRuns: 25 },
    );
  });
});
