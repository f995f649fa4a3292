import { describe, expect, it } from "vitest";
import { compareStories, hotScore, RANKED_LIMIT } from "../../src/contract/order.ts";
import { articleBucketOf, dataPaths, FEED_PAGE_SIZE, TOP_TOPICS } from "../../src/contract/paths.ts";
import type { Article, ArticleBucket, FeedPage, SiteIndex, TopicList } from "../../src/contract/types.ts";
import { dataFiles } from "../../src/pipeline/data-files.ts";
import { buildSiteModel } from "../../src/pipeline/site.ts";
import { recordOf, shuffled } from "./helpers.ts";

const TOTAL = 120;
const TOPIC_NAMES = ["AI", "Elections", "Markets", "Climate"];

/** 120 articles an hour apart, in shuffled file order; article i carries topic names by i. */
const records = shuffled(
  Array.from({ length: TOTAL }, (_, i) => {
    const topics = TOPIC_NAMES.filter((_name, t) => i % (t + 2) === 0);
    // Thirty-odd small topics, so the index has more than TOP_TOPICS to choose from.
    topics.push(`Beat ${i % 33}`);
    return recordOf(`${String(i).padStart(4, "0")}.txt`, {
      title: `"Story number ${i}"`,
      publishedDateTime: new Date(Date.UTC(2019, 11, 1) + i * 3_600_000).toISOString(),
      // Every third story from a second outlet, published on its host; heat and quality vary with no relation to age.
      sourceUrl: i % 3 === 0 ? `https://WWW.TheWire.example/story/${i}` : `https://www.livemint.com/story/${i}`,
      topics: topics.map((name) => `\n  - ${name}`).join(""),
      ...(i % 3 === 0 ? { provider: "\n  name: The Wire\n  domain: www.TheWire.example" } : { provider: "\n  name: Mint\n  domain: livemint.com" }),
      heat: i % 7 === 0 ? undefined : String((i * 37) % 101),
      quality: i % 5 === 0 ? undefined : String((i * 53) % 101),
    });
  }),
  7,
);
const model = buildSiteModel(records);
const files = new Map([...dataFiles(model)].map((file) => [file.path, JSON.parse(file.render()) as unknown]));
const read = <T>(path: string): T => {
  expect(files.has(path), `no data file ${path}`).toBe(true);
  return files.get(path) as T;
};
const index = read<SiteIndex>(dataPaths.index);

describe("dataFiles: index.json", () => {
  it("sits at data/index.json and names the build", () => {
    expect(dataPaths.index).toBe("data/index.json");
    expect(index.buildId).toBe(model.buildId);
  });

  it("has the totals, the feed's shape, the top topics and the bucket bits", () => {
    expect(index).toEqual({
      buildId: model.buildId,
      totals: { articles: TOTAL, stories: TOTAL, topics: TOPIC_NAMES.length + 33 },
      feed: { pageCount: 3, pageSize: FEED_PAGE_SIZE },
      topTopics: model.topics.slice(0, TOP_TOPICS),
      articleBucketBits: 2,
      offlineArticles: true,
      newestAt: "2019-12-05T23:00:00.000Z",
    });
    expect(index.topTopics).toHaveLength(TOP_TOPICS);
    expect(index.topTopics.slice(0, 4).map((topic) => [topic.name, topic.count])).toEqual([
      ["AI", 60],
      ["Elections", 40],
      ["Markets", 30],
      ["Climate", 24],
    ]);
  });

  it("every other file lives in the build's own folder", () => {
    for (const path of files.keys()) {
      if (path !== dataPaths.index) expect(path.startsWith(`data/${model.buildId}/`)).toBe(true);
    }
  });
});

describe("dataFiles: the feed", () => {
  const pages = [1, 2, 3].map((page) => read<FeedPage>(dataPaths.feedPage(model.buildId, page)));

  it("has pages of 50, newest first, the last one short", () => {
    expect(pages.map((page) => [page.page, page.pageCount, page.total, page.items.length])).toEqual([
      [1, 3, TOTAL, 50],
      [2, 3, TOTAL, 50],
      [3, 3, TOTAL, 20],
    ]);
    expect(files.has(dataPaths.feedPage(model.buildId, 4))).toBe(false);
    const items = pages.flatMap((page) => page.items);
    expect(items.map((item) => item.title)).toEqual(Array.from({ length: TOTAL }, (_, i) => `Story number ${TOTAL - 1 - i}`));
    expect(pages.every((page) => page.topic === undefined)).toBe(true);
  });

  it("lists summaries, not whole articles", () => {
    const [first] = pages[0].items;
    expect(Object.keys(first).sort()).toEqual(["id", "provider", "providerKey", "publishedAt", "quality", "title", "topics"]);
    expect(first).toMatchObject({ title: "Story number 119", publishedAt: "2019-12-05T23:00:00.000Z" });
  });
});

describe("dataFiles: topic pages", () => {
  const topics = read<TopicList>(dataPaths.topics(model.buildId)).topics;

  it("topics.json lists every topic, most stories first", () => {
    expect(topics).toEqual(model.topics);
    expect(topics.map((topic) => topic.count)).toEqual([...topics.map((topic) => topic.count)].sort((a, b) => b - a));
  });

  it.each(TOPIC_NAMES)("%s: pages of 50 hold exactly its articles, newest first", (name) => {
    const topic = topics.find((candidate) => candidate.name === name);
    expect(topic).toBeDefined();
    const { slug, count } = topic as (typeof topics)[number];
    const pageCount = Math.ceil(count / FEED_PAGE_SIZE);
    const pages = Array.from({ length: pageCount }, (_, i) => read<FeedPage>(dataPaths.topicPage(model.buildId, slug, i + 1)));
    expect(files.has(dataPaths.topicPage(model.buildId, slug, pageCount + 1))).toBe(false);
    const items = pages.flatMap((page) => page.items);
    const step = TOPIC_NAMES.indexOf(name) + 2;
    const expected = Array.from({ length: TOTAL }, (_, i) => TOTAL - 1 - i).filter((i) => i % step === 0);
    expect(items.map((item) => item.title)).toEqual(expected.map((i) => `Story number ${i}`));
    for (const page of pages) {
      expect(page).toMatchObject({ pageCount, total: count, topic: { slug, name, count } });
      for (const item of page.items) expect(item.topics.map((ref) => ref.slug)).toContain(slug);
    }
  });
});

describe("dataFiles: Hot and Top", () => {
  const newestAt = index.newestAt as string;
  const pagesOf = (pathOf: (page: number) => string) => {
    const pages: FeedPage[] = [];
    for (let page = 1; files.has(pathOf(page)); page++) pages.push(read<FeedPage>(pathOf(page)));
    return pages;
  };

  it.each(["hot", "top"] as const)("%s: the whole feed in that order, the same stories as Latest", (sort) => {
    const pages = pagesOf((page) => dataPaths.feedPage(model.buildId, page, sort));
    const items = pages.flatMap((page) => page.items);
    expect(pages).toHaveLength(Math.ceil(TOTAL / FEED_PAGE_SIZE));
    expect(pages.every((page) => page.total === TOTAL)).toBe(true);
    expect(items).toEqual([...items].sort(compareStories(sort, newestAt)));
    expect(new Set(items.map((item) => item.id))).toEqual(new Set(model.articles.map((article) => article.id)));
  });

  it("hot fades heat by age: a fresher story with less heat can lead", () => {
    const [first] = read<FeedPage>(dataPaths.feedPage(model.buildId, 1, "hot")).items;
    expect(first.heat).toBeGreaterThan(0);
    expect(hotScore(first, newestAt)).toBeGreaterThanOrEqual(
      Math.max(...model.articles.map((article) => hotScore(article, newestAt))),
    );
  });

  it("top puts the highest quality first, and stories without one last", () => {
    const items = pagesOf((page) => dataPaths.feedPage(model.buildId, page, "top")).flatMap((page) => page.items);
    expect(items[0].quality).toBe(Math.max(...model.articles.map((article) => article.quality ?? -1)));
    expect(items.at(-1)?.quality).toBeUndefined();
  });

  it("each topic's list comes in every order", () => {
    const slug = model.topics[0].slug;
    for (const sort of ["hot", "top"] as const) {
      const items = pagesOf((page) => dataPaths.topicPage(model.buildId, slug, page, sort)).flatMap((page) => page.items);
      expect(items).toHaveLength(model.topics[0].count);
      expect(items).toEqual([...items].sort(compareStories(sort, newestAt)));
    }
  });

  it(`keeps at most ${RANKED_LIMIT} stories in a ranked list`, () => {
    const many = Array.from({ length: RANKED_LIMIT + 30 }, (_, i) =>
      recordOf(`${i}.txt`, { title: `"Report ${i}"`, sourceUrl: `https://news.example.com/${i}`, heat: String(i % 100) }),
    );
    const big = buildSiteModel(many);
    const rendered = new Map([...dataFiles(big)].map((file) => [file.path, file]));
    const lastRanked = Math.ceil(RANKED_LIMIT / FEED_PAGE_SIZE);
    const page = JSON.parse(rendered.get(dataPaths.feedPage(big.buildId, lastRanked, "hot"))?.render() ?? "null") as FeedPage;
    expect(page).toMatchObject({ total: RANKED_LIMIT, pageCount: lastRanked });
    expect(rendered.has(dataPaths.feedPage(big.buildId, lastRanked + 1, "hot"))).toBe(false);
    expect(rendered.has(dataPaths.feedPage(big.buildId, lastRanked + 1))).toBe(true);
  });
});

describe("dataFiles: outlet pages", () => {
  it("lists each outlet's stories, newest first, under its domain without www. and in lower case", () => {
    const wire = pagesFor("thewire.example");
    expect(wire.map((item) => item.title)).toEqual(
      Array.from({ length: TOTAL }, (_, i) => TOTAL - 1 - i)
        .filter((i) => i % 3 === 0)
        .map((i) => `Story number ${i}`),
    );
    expect(read<FeedPage>(dataPaths.providerPage(model.buildId, "thewire.example", 1)).provider).toEqual({
      key: "thewire.example",
      name: "The Wire",
      count: TOTAL / 3,
    });
  });

  it("every story is on exactly one outlet's pages", () => {
    const listed = model.providers.flatMap((provider) => pagesFor(provider.key).map((item) => item.id));
    expect(listed.sort()).toEqual(model.articles.map((article) => article.id).sort());
    expect(model.providers.map((provider) => [provider.key, provider.name])).toEqual([
      ["livemint.com", "Mint"],
      ["thewire.example", "The Wire"],
    ]);
  });

  function pagesFor(key: string) {
    const items = [];
    for (let page = 1; files.has(dataPaths.providerPage(model.buildId, key, page)); page++) {
      items.push(...read<FeedPage>(dataPaths.providerPage(model.buildId, key, page)).items);
    }
    return items;
  }
});

describe("dataFiles: article buckets", () => {
  const bucketPaths = [...files.keys()].filter((path) => path.startsWith(`data/${model.buildId}/articles/`));
  const buckets = bucketPaths.map((path) => read<ArticleBucket>(path).articles);

  it("hold every article exactly once, under its id", () => {
    const ids = buckets.flatMap((bucket) => Object.keys(bucket));
    expect(ids).toHaveLength(TOTAL);
    expect(new Set(ids)).toEqual(new Set(model.articles.map((article) => article.id)));
    for (const bucket of buckets) for (const [id, article] of Object.entries(bucket)) expect(article.id).toBe(id);
  });

  it("are no more than 2^bits files", () => {
    expect(bucketPaths.length).toBeLessThanOrEqual(2 ** index.articleBucketBits);
    expect(bucketPaths.length).toBeGreaterThan(1);
  });

  it("are found by articleBucketOf, for every id", () => {
    for (const article of model.articles) {
      const bucket = articleBucketOf(article.id, index.articleBucketBits);
      expect(bucket).toBeTypeOf("number");
      const found = read<ArticleBucket>(dataPaths.articleBucket(model.buildId, bucket as number)).articles[article.id];
      expect(found).toEqual(JSON.parse(JSON.stringify(article)) as Article);
    }
  });

  it.each([["no-hash"], ["story-ABCDEF12"], ["story-1234567"], [""]])("articleBucketOf(%j) finds no bucket", (id) => {
    expect(articleBucketOf(id, index.articleBucketBits)).toBeUndefined();
  });
});

describe("dataFiles: output", () => {
  it("is the same files with the same text whatever the input order", () => {
    const again = [...dataFiles(buildSiteModel(shuffled(records, 99)))].map((file) => [file.path, file.render()]);
    const first = [...dataFiles(model)].map((file) => [file.path, file.render()]);
    expect(again).toEqual(first);
  });

  it("has no two files at one path", () => {
    const paths = [...dataFiles(model)].map((file) => file.path);
    expect(new Set(paths).size).toBe(paths.length);
  });

  it("for no articles, still has an index and one empty feed page", () => {
    const empty = buildSiteModel([]);
    const rendered = new Map([...dataFiles(empty)].map((file) => [file.path, JSON.parse(file.render()) as unknown]));
    expect(rendered.get(dataPaths.index)).toMatchObject({ totals: { articles: 0, topics: 0 }, feed: { pageCount: 1 } });
    expect(rendered.get(dataPaths.feedPage(empty.buildId, 1))).toEqual({ page: 1, pageCount: 1, total: 0, items: [] });
    expect(rendered.get(dataPaths.articleBucket(empty.buildId, 0))).toEqual({ articles: {} });
  });

  it("writes every article group from 0 to 2^bits − 1, so the app can save them all without a list", () => {
    const groups = [...files.keys()].filter((path) => path.includes("/articles/"));
    expect(groups).toEqual(Array.from({ length: 2 ** model.articleBucketBits }, (_, bucket) => dataPaths.articleBucket(model.buildId, bucket)));
  });

  it.each([
    ["fit", 5 * 1024 * 1024, true],
    ["do not fit", 1000, false],
  ])("says whether the article groups %s the offline budget", (_, budget, expected) => {
    const [indexFile] = dataFiles(model, { offlineArticleBudget: budget });
    expect((JSON.parse(indexFile.render()) as SiteIndex).offlineArticles).toBe(expected);
  });
});
