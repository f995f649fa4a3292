import { describe, expect, it } from "vitest";
import { namesOtherFiles, referencesOf, shardAt, type DataKind } from "../../src/contract/data-references.ts";
import { SHARD_KINDS } from "../../src/contract/data-layout.ts";
import type { BucketTable, ListHead, PageTable, OutletCatalog, SiteIndex, TopicCatalog } from "../../src/contract/types.ts";

/** A name for `n`, as a data file would have one: 16 hex digits. */
const name = (n: number) => n.toString(16).padStart(16, "0");

const topic = (slug: string, list: string) => ({ slug, name: slug, count: 1, list });

const index: SiteIndex = {
  buildId: name(999),
  format: 4,
  totals: { articles: 3, stories: 3, topics: 2 },
  feed: name(1),
  topTopics: [topic("climate", name(2)), topic("ai", name(3))],
  topics: name(4),
  providers: name(5),
  articles: { bits: 2, tables: [name(6), name(7)] },
  search: name(8),
  offlineArticles: true,
  newestAt: "2024-06-01T08:00:00.000Z",
};

describe("what each kind of data file names", () => {
  it("the index: the feed, the top topics' lists, both catalogs, the bucket tables and the search manifest (not its own build id)", () => {
    expect(referencesOf("index", index)).toEqual([
      { kind: "lists", name: name(1) },
      { kind: "lists", name: name(2) },
      { kind: "lists", name: name(3) },
      { kind: "catalogs", name: name(4) },
      { kind: "catalogs", name: name(5) },
      { kind: "tables", name: name(6) },
      { kind: "tables", name: name(7) },
      { kind: "search", name: name(8) },
    ]);
  });

  it("a list head: its page table and its other orders' heads; a short list has no table, Hot and Top heads no orders", () => {
    const head: ListHead = { total: 120, items: [], pages: name(10), orders: { hot: name(11), top: name(12) } };
    expect(referencesOf("lists", head)).toEqual([
      { kind: "tables", name: name(10) },
      { kind: "lists", name: name(11) },
      { kind: "lists", name: name(12) },
    ]);
    expect(referencesOf("lists", { total: 3, items: [], pages: null } satisfies ListHead)).toEqual([]);
  });

  it("a table: a page table its pages, a bucket table its buckets (one folder holds both)", () => {
    const pages: PageTable = { pages: [name(20), name(21)], counts: [50, 7] };
    const bucketTable: BucketTable = { groups: [name(30), name(31), name(32)] };
    expect(referencesOf("tables", pages)).toEqual([
      { kind: "pages", name: name(20) },
      { kind: "pages", name: name(21) },
    ]);
    expect(referencesOf("tables", bucketTable)).toEqual([
      { kind: "articles", name: name(30) },
      { kind: "articles", name: name(31) },
      { kind: "articles", name: name(32) },
    ]);
  });

  it("a catalog: each topic's or outlet's list", () => {
    const topics: TopicCatalog = { topics: [topic("climate", name(40)), topic("ai", name(41))] };
    const providers: OutletCatalog = { providers: [{ key: "example.com", name: "Example", count: 2, list: name(42) }] };
    expect(referencesOf("catalogs", topics)).toEqual([
      { kind: "lists", name: name(40) },
      { kind: "lists", name: name(41) },
    ]);
    expect(referencesOf("catalogs", providers)).toEqual([{ kind: "lists", name: name(42) }]);
  });

  it("list pages and buckets name nothing, whatever their stories say, and a walk need not read them", () => {
    const story = { id: `a-story-${name(50).slice(-8)}`, title: name(51), topics: [], providerKey: "example.com", publishedAt: "2024-06-01T08:00:00.000Z" };
    expect(referencesOf("pages", { items: [story] })).toEqual([]);
    expect(referencesOf("articles", { articles: { [story.id]: story } })).toEqual([]);
    expect(SHARD_KINDS.filter((kind) => !namesOtherFiles(kind))).toEqual(["pages", "articles"]);
    expect(namesOtherFiles("index")).toBe(true);
  });

  it("a search file: every name anywhere in it, as search files, whatever the manifest's shape", () => {
    const manifest = { stories: 3, words: ["a", "m"], files: [name(60), name(61)], summaries: [name(62)], ranks: { hot: name(63), top: name(64) }, recent: { segment: name(65) } };
    expect(referencesOf("search", manifest).map((reference) => reference.name)).toEqual([60, 61, 62, 63, 64, 65].map(name));
    expect(new Set(referencesOf("search", manifest).map((reference) => reference.kind))).toEqual(new Set(["search"]));
    // A word file: words are keys, and its postings are numbers.
    expect(referencesOf("search", { words: { [name(66)]: [4, 9] } })).toEqual([]);
  });

  it("names each file once", () => {
    expect(referencesOf("tables", { groups: [name(1), name(1), name(2)] })).toEqual([
      { kind: "articles", name: name(1) },
      { kind: "articles", name: name(2) },
    ]);
    expect(referencesOf("index", { ...index, topTopics: [topic("climate", name(1))] }).filter((reference) => reference.name === name(1))).toHaveLength(1);
  });
});

describe("a damaged file", () => {
  const kinds: DataKind[] = ["index", ...SHARD_KINDS];
  const junk: unknown[] = [undefined, null, 0, 42, "", "text", name(1), true, [], [name(1)], {}, { feed: 7 }, new Date(0), () => name(1), Symbol("x")];

  it.each(kinds)("never throws on junk, and names nothing from it (%s)", (kind) => {
    for (const value of junk) {
      // A search file's names are wherever they are: a bare name, or one in a list, is one.
      const named = kind === "search" && (value === name(1) || (Array.isArray(value) && value.length > 0));
      expect(referencesOf(kind, value)).toEqual(named ? [{ kind: "search", name: name(1) }] : []);
    }
  });

  it("names what its readable parts name, and nothing where a name is not a name", () => {
    const damaged = {
      ...index,
      feed: 12,
      topTopics: [null, "climate", { list: name(2) }, { list: "../../etc/passwd" }, { list: name(0xabc).toUpperCase() }, { list: `${name(3)}0` }],
      topics: { name: name(4) },
      articles: { bits: 2, tables: `${name(6)}` },
      search: [name(8)],
    };
    expect(referencesOf("index", damaged)).toEqual([
      { kind: "lists", name: name(2) },
      { kind: "catalogs", name: name(5) },
    ]);
    expect(referencesOf("index", { articles: null, topTopics: {} })).toEqual([]);
    expect(referencesOf("lists", { pages: [name(10)], orders: [name(11)] })).toEqual([]);
    expect(referencesOf("lists", { pages: name(10), orders: { hot: name(11) } })).toEqual([
      { kind: "tables", name: name(10) },
      { kind: "lists", name: name(11) },
    ]);
    expect(referencesOf("tables", { pages: [{ name: name(20) }, name(21), { count: 3 }, null], groups: [name(30), 31, null, { name: name(32) }] })).toEqual([
      { kind: "pages", name: name(21) },
      { kind: "articles", name: name(30) },
    ]);
    expect(referencesOf("catalogs", { topics: "all", providers: [{ list: name(42) }, [name(43)]] })).toEqual([{ kind: "lists", name: name(42) }]);
  });

  it("is read only as far as it can be: a throwing getter, a cycle, a nesting too deep", () => {
    const hostile = { feed: name(1) } as Record<string, unknown>;
    Object.defineProperty(hostile, "topTopics", {
      enumerable: true,
      get() {
        throw new Error("boom");
      },
    });
    expect(referencesOf("index", hostile)).toEqual([{ kind: "lists", name: name(1) }]);

    const cycle: Record<string, unknown> = { files: [name(60)] };
    cycle.self = cycle;
    expect(referencesOf("search", cycle)).toEqual([{ kind: "search", name: name(60) }]);

    let deep: unknown = name(70);
    for (let level = 0; level < 10_000; level++) deep = [deep];
    expect(() => referencesOf("search", deep)).not.toThrow();
    expect(referencesOf("search", { files: [name(61)], deep })).toEqual([{ kind: "search", name: name(61) }]);
  });
});

describe("which data file a URL names", () => {
  it("a shard of each kind, under any base path; nothing else", () => {
    for (const kind of SHARD_KINDS) expect(shardAt(`/data/${kind}/${name(5)}.json`)).toEqual({ kind, name: name(5) });
    expect(shardAt(`/news/data/lists/${name(5)}.json`)).toEqual({ kind: "lists", name: name(5) });
    expect(shardAt("/data/index.json")).toBeUndefined();
    // The old layout's files, under a build id.
    expect(shardAt("/data/0123abcd/feed/latest/1.json")).toBeUndefined();
    expect(shardAt(`/data/${name(5)}/index.json`)).toBeUndefined();
    expect(shardAt(`/data/other/${name(5)}.json`)).toBeUndefined();
    expect(shardAt(`/data/lists/${name(0xabc).toUpperCase()}.json`)).toBeUndefined();
    expect(shardAt(`/data/lists/${name(5)}0.json`)).toBeUndefined();
    expect(shardAt(`/data/lists/${name(5)}.json.html`)).toBeUndefined();
    expect(shardAt(`/data/lists/${name(5)}.json/`)).toBeUndefined();
  });
});
