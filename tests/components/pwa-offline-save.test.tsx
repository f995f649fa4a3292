import { afterEach, beforeEach, describe, expect, it, onTestFinished, vi } from "vitest";
import { dataPaths, type ShardKind } from "../../src/contract/data-layout.ts";
import { CACHE_NAMES } from "../../src/contract/offline.ts";
import type { SiteIndex } from "../../src/contract/types.ts";
import { saveForOffline } from "../../src/features/pwa/save-for-offline.ts";

/**
 * The offline save against the Cache API and a host, both in memory: which files it fetches,
 * which it keeps and which it deletes, as the index changes under it.
 */

/** The Cache API as far as the save uses it. */
class FakeCache {
  readonly entries = new Map<string, Response>();
  async keys() {
    return [...this.entries.keys()].map((url) => new Request(url));
  }
  async match(key: RequestInfo) {
    return this.entries.get(typeof key === "string" ? key : key.url)?.clone();
  }
  async put(key: RequestInfo, response: Response) {
    this.entries.set(typeof key === "string" ? key : key.url, response);
  }
  async delete(key: RequestInfo) {
    return this.entries.delete(typeof key === "string" ? key : key.url);
  }
}

const ORIGIN = location.origin;
const json = (data: unknown) => new Response(JSON.stringify(data), { headers: { "content-type": "application/json" } });
const url = (path: string) => `${ORIGIN}/${path}`;

/** A site's data files by path, each named by a counter rather than a hash: names are all the save reads. */
class Site {
  files = new Map<string, unknown>();
  private next = 0;
  add(kind: ShardKind, data: unknown): string {
    const name = (++this.next + 0x1000).toString(16).padStart(16, "0");
    this.files.set(dataPaths.shard(kind, name), data);
    return name;
  }
  path = (kind: ShardKind, name: string) => dataPaths.shard(kind, name);
}

/** A small site: a feed of two pages, one topic, one outlet, four buckets in two tables, a search manifest and its word file. */
function makeSite() {
  const site = new Site();
  const buckets = [0, 1, 2, 3].map((bucket) => site.add("articles", { articles: { [`story-${bucket}`]: { id: `story-${bucket}` } } }));
  const tables = [site.add("tables", { groups: buckets.slice(0, 2) }), site.add("tables", { groups: buckets.slice(2) })];
  const pages = [site.add("pages", { items: [] }), site.add("pages", { items: [] })];
  const pageTable = site.add("tables", { pages, counts: pages.map(() => 50) });
  const hot = site.add("lists", { total: 1, items: [], pages: null });
  const top = site.add("lists", { total: 1, items: [], pages: null });
  const feed = site.add("lists", { total: 100, items: [], pages: pageTable, orders: { hot, top } });
  const topicList = site.add("lists", { total: 1, items: [], pages: null });
  const outletList = site.add("lists", { total: 1, items: [], pages: null });
  const topics = site.add("catalogs", { topics: [{ slug: "climate", name: "Climate", count: 1, list: topicList }] });
  const providers = site.add("catalogs", { providers: [{ key: "example.com", name: "Example", count: 1, list: outletList }] });
  const words = site.add("search", { words: { climate: [4] } });
  const search = site.add("search", { stories: 1, words: ["a"], files: [words], summaries: [], ranks: {} });
  const index: SiteIndex = {
    buildId: "b1",
    format: 4,
    totals: { articles: 4, stories: 4, topics: 1 },
    feed,
    topTopics: [],
    topics,
    providers,
    articles: { bits: 2, tables },
    search,
    offlineArticles: true,
    newestAt: null,
  };
  return { site, index, buckets, tables, pages, pageTable, feed, hot, top, topicList, outletList, topics, providers, words, search };
}

let data: FakeCache;
let indexCache: FakeCache;
let served: Map<string, unknown>;
let fetched: string[];
let failing: Set<string>;
let read: string[];

beforeEach(() => {
  data = new FakeCache();
  indexCache = new FakeCache();
  served = new Map();
  fetched = [];
  failing = new Set();
  read = [];
  vi.stubGlobal("caches", { open: async (name: string) => (name === CACHE_NAMES.data ? data : name === CACHE_NAMES.index ? indexCache : new FakeCache()) });
  vi.stubGlobal(
    "fetch",
    vi.fn(async (input: RequestInfo) => {
      const asked = String(input);
      fetched.push(asked);
      const path = asked.slice(ORIGIN.length + 1);
      if (failing.has(path)) throw new TypeError("Failed to fetch");
      // A host's SPA fallback for anything it does not hold.
      return served.has(path) ? json(served.get(path)) : new Response("<!doctype html>", { headers: { "content-type": "text/html" } });
    }),
  );
  vi.spyOn(performance, "getEntriesByType").mockImplementation(() => read.map((name) => ({ name }) as PerformanceEntry));
});
afterEach(() => vi.restoreAllMocks());

/** Publishes `files` and `index` on the host. */
function publish(files: Map<string, unknown>, index: SiteIndex) {
  served = new Map(files);
  served.set(dataPaths.index, index);
}

const cachedPaths = () => [...data.entries.keys()].map((key) => key.slice(ORIGIN.length + 1)).sort();

describe("saving for offline reading", () => {
  it("saves what the visit read and every bucket through the bucket tables, and fetches nothing it holds", async () => {
    const s = makeSite();
    publish(s.site.files, s.index);
    read = [url(s.site.path("lists", s.feed)), url(s.site.path("tables", s.pageTable)), url(s.site.path("pages", s.pages[0])), url("assets/app.js")];
    expect(await saveForOffline(s.index)).toBe("everything");
    expect(cachedPaths()).toEqual(
      [
        s.site.path("lists", s.feed),
        s.site.path("tables", s.pageTable),
        s.site.path("pages", s.pages[0]),
        ...s.tables.map((name) => s.site.path("tables", name)),
        ...s.buckets.map((name) => s.site.path("articles", name)),
      ].sort(),
    );
    expect(indexCache.entries.has(url(dataPaths.index))).toBe(true);

    fetched = [];
    expect(await saveForOffline(s.index)).toBe("everything");
    expect(fetched).toEqual([]);
  });

  it("after one new article, fetches only the changed files, keeps every cached file the new index uses and deletes the ones only the old one used", async () => {
    const s = makeSite();
    publish(s.site.files, s.index);
    read = [s.site.path("lists", s.feed), s.site.path("tables", s.pageTable), ...s.pages.map((name) => s.site.path("pages", name)), s.site.path("search", s.search), s.site.path("search", s.words)].map(url);
    await saveForOffline(s.index);
    const before = cachedPaths();

    // One new article: it lands in bucket 1 (so table 0) and the feed's newest page.
    const bucket1 = s.site.add("articles", { articles: { "story-1": {}, "story-new": {} } });
    const table0 = s.site.add("tables", { groups: [s.buckets[0], bucket1] });
    const page1 = s.site.add("pages", { items: [{ id: "story-new" }] });
    const pageTable = s.site.add("tables", { pages: [s.pages[0], page1], counts: [50, 51] });
    const feed = s.site.add("lists", { total: 101, items: [], pages: pageTable, orders: { hot: s.hot, top: s.top } });
    const index = { ...s.index, buildId: "b2", feed, articles: { bits: 2, tables: [table0, s.tables[1]] } };
    publish(s.site.files, index);

    fetched = [];
    // The reader refreshes: the app reads the new feed head, its page table and the page that changed.
    read = [s.site.path("lists", feed), s.site.path("tables", pageTable), s.site.path("pages", page1)].map(url);
    await saveForOffline(index);
    const changed = [s.site.path("lists", feed), s.site.path("tables", pageTable), s.site.path("pages", page1), s.site.path("tables", table0), s.site.path("articles", bucket1)];
    expect(fetched.map((asked) => asked.slice(ORIGIN.length + 1)).sort()).toEqual(changed.sort());

    const gone = [s.site.path("lists", s.feed), s.site.path("tables", s.pageTable), s.site.path("pages", s.pages[1]), s.site.path("tables", s.tables[0]), s.site.path("articles", s.buckets[1])];
    expect(cachedPaths()).toEqual([...before.filter((path) => !gone.includes(path)), ...changed].sort());
    // Unchanged and still used: the first page, the other table and its buckets, the search files.
    expect(cachedPaths()).toEqual(expect.arrayContaining([s.site.path("pages", s.pages[0]), s.site.path("articles", s.buckets[3]), s.site.path("search", s.words)]));
  });

  it("deletes a file reachable only through one that is not cached, files of the old layout, and a cached copy that does not parse", async () => {
    const s = makeSite();
    publish(s.site.files, { ...s.index, offlineArticles: false });
    const index = { ...s.index, offlineArticles: false };
    // A page whose table was never cached, a v3 file, and a damaged list head.
    await data.put(url(s.site.path("pages", s.pages[0])), json({ items: [] }));
    await data.put(url("data/0123abcd/feed/latest/1.json"), json({ items: [] }));
    await data.put(url(s.site.path("lists", s.feed)), new Response("{ truncated", { headers: { "content-type": "application/json" } }));
    await data.put(url(s.site.path("catalogs", s.topics)), json({ topics: [{ list: s.topicList }] }));
    await data.put(url(s.site.path("lists", s.topicList)), json({ total: 1, items: [], pages: null }));

    expect(await saveForOffline(index)).toBe("read");
    expect(cachedPaths()).toEqual([s.site.path("catalogs", s.topics), s.site.path("lists", s.topicList)].sort());
  });

  it("keeps every file when the save is cut short, and never keeps a host's fallback page as data", async () => {
    const s = makeSite();
    publish(s.site.files, s.index);
    await saveForOffline(s.index);
    const saved = cachedPaths();

    const table0 = s.site.add("tables", { groups: [s.buckets[0], s.buckets[1]] });
    const index = { ...s.index, buildId: "b2", articles: { bits: 2, tables: [table0, s.tables[1]] } };
    publish(s.site.files, index);
    failing.add(s.site.path("tables", table0));
    await saveForOffline(index);
    // The old table is no longer named, but the new one could not be had: nothing is deleted yet.
    expect(cachedPaths()).toEqual(saved);

    failing.clear();
    served.delete(s.site.path("tables", table0));
    await saveForOffline(index);
    expect(cachedPaths()).toEqual(saved);

    publish(s.site.files, index);
    fetched = [];
    await saveForOffline(index);
    expect(fetched.map((asked) => asked.slice(ORIGIN.length + 1))).toEqual([s.site.path("tables", table0)]);
    expect(cachedPaths()).toEqual([...saved.filter((path) => path !== s.site.path("tables", s.tables[0])), s.site.path("tables", table0)].sort());
  });

  it("keeps the first pages of the topics and outlets the reader follows, through the catalogs, and keeps them after", async () => {
    const s = makeSite();
    publish(s.site.files, { ...s.index, offlineArticles: false });
    const index = { ...s.index, offlineArticles: false };
    localStorage.setItem("broadsheet-following", JSON.stringify([{ source: { topic: "climate" }, name: "Climate" }, { source: { provider: "example.com" }, name: "Example" }]));
    onTestFinished(() => localStorage.clear());

    await saveForOffline(index);
    const followed = [s.site.path("catalogs", s.topics), s.site.path("catalogs", s.providers), s.site.path("lists", s.topicList), s.site.path("lists", s.outletList)];
    expect(cachedPaths()).toEqual(followed.sort());
    fetched = [];
    await saveForOffline(index);
    expect(fetched).toEqual([]);
    expect(cachedPaths()).toEqual(followed.sort());
  });
});
