import { describe, expect, it } from "vitest";
import { ID_HASH_LENGTH } from "../../src/contract/buckets.ts";
import { isOutletKey } from "../../src/contract/names.ts";
import type { ArticleRecord } from "../../src/pipeline/parse-file.ts";
import { outletKeyOf } from "../../src/pipeline/outlets.ts";
import { toSummary } from "../../src/contract/summary.ts";
import type { SiteIndex } from "../../src/contract/types.ts";
import { dataFiles } from "../../src/pipeline/data-files.ts";
import { articleId, buildSiteModel, type SiteModel } from "../../src/pipeline/site.ts";
import { shortHash, slugify } from "../../src/pipeline/slug.ts";
import { normaliseUrl } from "../../src/pipeline/urls.ts";
import { recordOf, shuffled } from "./helpers.ts";

const topicsYaml = (...names: string[]) => names.map((name) => `\n  - "${name}"`).join("");
const relatedYaml = (...urls: string[]) =>
  urls.map((url, i) => `\n  - title: "Coverage ${i + 1} of ${url}"\n    sourceUrl: "${url}"`).join("");

describe("buildSiteModel: drafts", () => {
  it("leaves drafts out and counts them", () => {
    const model = buildSiteModel([
      recordOf("a.txt", { title: "Published story", sourceUrl: "https://example.com/a", topics: topicsYaml("AI") }),
      recordOf("b.txt", { title: "Draft one", sourceUrl: "https://example.com/b", published: "false", topics: topicsYaml("Embargo") }),
      recordOf("c.txt", { title: "Draft two", sourceUrl: "https://example.com/c", published: "false" }),
    ]);
    expect(model.articles.map((article) => article.title)).toEqual(["Published story"]);
    expect(model.stats).toEqual({ drafts: 2, duplicatesMerged: 0 });
    // A topic only a draft carries does not exist on the site.
    expect(model.topics.map((topic) => topic.name)).toEqual(["AI"]);
    expect(JSON.stringify(model)).not.toContain("Draft");
  });

  it("a draft does not merge into the published file with its sourceUrl", () => {
    const model = buildSiteModel([
      recordOf("a.txt", { sourceUrl: "https://example.com/a", topics: topicsYaml("AI") }),
      recordOf("b.txt", { sourceUrl: "https://example.com/a", published: "false", topics: topicsYaml("Secret plans") }),
    ]);
    expect(model.articles).toHaveLength(1);
    expect(model.articles[0].topics.map((topic) => topic.name)).toEqual(["AI"]);
    expect(model.stats).toEqual({ drafts: 1, duplicatesMerged: 0 });
  });
});

describe("buildSiteModel: one article per normalised sourceUrl", () => {
  const original = "https://www.livemint.com/technology/facebook-ai-faces-11577018518743.html";

  it.each([
    ["the same URL", original],
    ["http instead of https", original.replace("https:", "http:")],
    ["a trailing slash", `${original}/`],
    ["utm_ parameters", `${original}?utm_source=twitter&utm_medium=social&utm_campaign=x`],
    ["fbclid and gclid", `${original}?fbclid=IwAR0abc&gclid=xyz`],
    ["a fragment", `${original}#comments`],
    ["host case", original.replace("www.livemint.com", "WWW.LiveMint.COM")],
    ["the default port", original.replace("www.livemint.com", "www.livemint.com:443")],
    ["all of them at once", `HTTP://WWW.LIVEMINT.COM${new URL(original).pathname}/?utm_source=rss#top`],
  ])("merges two files whose sourceUrl differs by %s", (_case, other) => {
    const model = buildSiteModel([
      recordOf("001.txt", {
        title: "Facebook says group used AI-generated faces",
        sourceUrl: original,
        topics: topicsYaml("AI", "Facebook"),
        related: relatedYaml("https://www.pressdemocrat.com/a", "https://www.marketwatch.com/b"),
      }),
      recordOf("002.txt", {
        title: "Facebook takes down AI faces network",
        sourceUrl: `"${other}"`,
        topics: topicsYaml("facebook", "Disinformation"),
        related: relatedYaml("https://www.marketwatch.com/b/", "https://www.reuters.com/c", original),
      }),
    ]);
    expect(model.articles).toHaveLength(1);
    expect(model.stats.duplicatesMerged).toBe(1);
    const [article] = model.articles;
    expect(article.title).toBe("Facebook says group used AI-generated faces");
    expect(article.topics.map((topic) => topic.name)).toEqual(["AI", "Facebook", "Disinformation"]);
    // Coverage is unioned by normalised URL, and the article is not its own coverage.
    expect(article.related.map((item) => item.sourceUrl)).toEqual([
      "https://www.pressdemocrat.com/a",
      "https://www.marketwatch.com/b",
      "https://www.reuters.com/c",
    ]);
    expect(model.topics.find((topic) => topic.name === "Facebook")?.count).toBe(1);
  });

  it.each([
    ["a different path", "https://www.livemint.com/technology/another-story.html"],
    ["a different query value", `${original}?page=2`],
    ["a different host", original.replace("www.livemint.com", "livemint.com")],
  ])("keeps two files apart when the sourceUrl has %s", (_case, other) => {
    const model = buildSiteModel([
      recordOf("001.txt", { sourceUrl: original }),
      recordOf("002.txt", { sourceUrl: `"${other}"` }),
    ]);
    expect(model.articles).toHaveLength(2);
    expect(model.stats.duplicatesMerged).toBe(0);
  });

  it("counts every extra file merged, and the first file by path leads whatever the input order", () => {
    const records = ["c.txt", "a.txt", "b/z.txt"].map((file, i) =>
      recordOf(file, { title: `Lead is ${file}`, sourceUrl: `"${original}?utm_content=${i}"` }),
    );
    for (const seed of [1, 2, 3]) {
      const model = buildSiteModel(shuffled(records, seed));
      expect(model.stats.duplicatesMerged).toBe(2);
      expect(model.articles.map((article) => article.title)).toEqual(["Lead is a.txt"]);
    }
  });

  it("takes the lead image from the first file that has one", () => {
    const model = buildSiteModel([
      recordOf("a.txt", { sourceUrl: original }),
      recordOf("b.txt", { sourceUrl: original, images: "\n  - url: https://www.bing.com/th?id=ON.B\n    width: 600" }),
    ]);
    expect(model.articles[0].images).toEqual([{ url: "https://www.bing.com/th?id=ON.B", width: 600 }]);
  });
});

describe("buildSiteModel: many copies of one article", () => {
  it("still make one article within the format's limits: 20 topics, 50 related items", () => {
    const copies = Array.from({ length: 30 }, (_, i) =>
      recordOf(`copy-${String(i).padStart(2, "0")}.txt`, {
        topics: `[Topic ${i}, topic ${i}]`,
        related: `\n  - title: Related ${i}\n    sourceUrl: https://r${i}.example/a\n  - title: Also ${i}\n    sourceUrl: https://s${i}.example/a`,
      }),
    );
    const [article] = buildSiteModel(copies).articles;
    expect(article.topics.map((topic) => topic.name)).toEqual(Array.from({ length: 20 }, (_, i) => `Topic ${i}`));
    expect(article.related).toHaveLength(50);
  });
});

describe("buildSiteModel: topics", () => {
  const model = buildSiteModel([
    recordOf("1.txt", { sourceUrl: "https://example.com/1", topics: topicsYaml("AI", "Elections") }),
    recordOf("2.txt", { sourceUrl: "https://example.com/2", topics: topicsYaml("ai") }),
    recordOf("3.txt", { sourceUrl: "https://example.com/3", topics: topicsYaml("AI", "Ai", "elections") }),
    recordOf("4.txt", { sourceUrl: "https://example.com/4", topics: topicsYaml("  AI  ", "Facebook AI") }),
    recordOf("5.txt", { sourceUrl: "https://example.com/5", topics: topicsYaml("Elections") }),
  ]);

  it("are matched case-insensitively, shown in the most common spelling, counted once per article", () => {
    expect(model.topics).toEqual([
      { slug: "ai", name: "AI", count: 4 },
      { slug: "elections", name: "Elections", count: 3 },
      { slug: "facebook-ai", name: "Facebook AI", count: 1 },
    ]);
  });

  it("are shown on every article in the site-wide spelling", () => {
    const byUrl = new Map(model.articles.map((article) => [article.sourceUrl, article.topics]));
    expect(byUrl.get("https://example.com/2")).toEqual([{ slug: "ai", name: "AI" }]);
    expect(byUrl.get("https://example.com/3")).toEqual([
      { slug: "ai", name: "AI" },
      { slug: "elections", name: "Elections" },
    ]);
  });

  it("index their articles newest first", () => {
    for (const topic of model.topics) {
      const indexes = model.topicArticles.get(topic.slug) ?? [];
      expect(indexes).toHaveLength(topic.count);
      expect(indexes).toEqual([...indexes].sort((a, b) => a - b));
      for (const index of indexes) expect(model.articles[index].topics.map((ref) => ref.slug)).toContain(topic.slug);
    }
  });

  it("break a tie in spelling by code-point order", () => {
    const tied = buildSiteModel([
      recordOf("1.txt", { sourceUrl: "https://example.com/1", topics: topicsYaml("ai") }),
      recordOf("2.txt", { sourceUrl: "https://example.com/2", topics: topicsYaml("Ai") }),
      recordOf("3.txt", { sourceUrl: "https://example.com/3", topics: topicsYaml("AI") }),
    ]);
    expect(tied.topics).toEqual([{ slug: "ai", name: "AI", count: 3 }]);
  });

  it("get distinct slugs when two names slug alike", () => {
    const clash = buildSiteModel([
      recordOf("1.txt", { sourceUrl: "https://example.com/1", topics: topicsYaml("C") }),
      recordOf("2.txt", { sourceUrl: "https://example.com/2", topics: topicsYaml("C++") }),
    ]);
    const slugs = clash.topics.map((topic) => topic.slug);
    expect(new Set(slugs).size).toBe(2);
    expect(clash.topics.find((topic) => topic.name === "C")?.slug).toBe("c");
    expect(clash.topics.find((topic) => topic.name === "C++")?.slug).toMatch(/^c--[0-9a-f]{6}$/);
  });

  it("are sorted by count, then by name", () => {
    const sorted = buildSiteModel([
      recordOf("1.txt", { sourceUrl: "https://example.com/1", topics: topicsYaml("Zebra", "Markets", "Apple") }),
      recordOf("2.txt", { sourceUrl: "https://example.com/2", topics: topicsYaml("Markets") }),
    ]);
    expect(sorted.topics.map((topic) => topic.name)).toEqual(["Markets", "Apple", "Zebra"]);
  });
});

describe("buildSiteModel: order and identity", () => {
  const records: ArticleRecord[] = [
    ["2019-12-22T12:58:00Z", "Facebook says group used AI-generated faces"],
    ["2019-12-23T16:45:00Z", "Twitter disables inauthentic operation"],
    ["2019-12-22T15:31:00+05:30", "Fake accounts pushing pro-Trump messages"],
    ["2019-12-21", "Graphika report on fake profiles"],
    ["2019-12-22T12:58:00Z", "A second story at the same minute"],
    ["2020-01-02T08:00:00Z", "¿Qué pasó? Élections à Paris"],
  ].map(([date, title], i) => recordOf(`${String(i).padStart(3, "0")}.txt`, {
    title: `"${title}"`,
    publishedDateTime: date,
    sourceUrl: `https://news.example.com/${i}`,
  }));
  const model = buildSiteModel(records);

  it("lists articles newest first, a tie in time broken by id", () => {
    expect(model.articles.map((article) => article.publishedAt)).toEqual([
      "2020-01-02T08:00:00.000Z",
      "2019-12-23T16:45:00.000Z",
      "2019-12-22T12:58:00.000Z",
      "2019-12-22T12:58:00.000Z",
      "2019-12-22T10:01:00.000Z",
      "2019-12-21T00:00:00.000Z",
    ]);
    const [third, fourth] = model.articles.slice(2, 4).map((article) => article.id);
    expect(third < fourth).toBe(true);
  });

  /** The build id the data's index carries: the model has none of its own. */
  const buildIdOf = (of: SiteModel) => (JSON.parse([...dataFiles(of)].at(-1)?.render() ?? "null") as SiteIndex).buildId;

  it.each([1, 2, 3, 4, 5])("gives the same ids, order and build id for input order #%i", (seed) => {
    const again = buildSiteModel(shuffled(records, seed));
    expect(again.articles).toEqual(model.articles);
    expect(buildIdOf(again)).toBe(buildIdOf(model));
    expect(JSON.stringify(again.topics)).toBe(JSON.stringify(model.topics));
  });

  it("gives ids that read as the title's slug plus an 8-hex hash of the source URL", () => {
    for (const article of model.articles) {
      expect(article.id).toMatch(new RegExp(`^[\\p{Ll}\\p{Lo}\\p{N}-]+-[0-9a-f]{${ID_HASH_LENGTH}}$`, "u"));
      expect(article.id).toBe(`${slugify(article.title, 60)}-${shortHash(normaliseUrl(article.sourceUrl), 8)}`);
    }
    expect(model.articles[0].id).toMatch(/^que-paso-elections-a-paris-[0-9a-f]{8}$/);
  });

  it("changes the index's build id when an article changes, and keeps it when nothing does", () => {
    const edited = records.map((record, i) => (i === 0 ? { ...record, title: `${record.title} (updated)` } : record));
    expect(buildIdOf(buildSiteModel(edited))).not.toBe(buildIdOf(model));
    const excerpt = records.map((record, i) => (i === 3 ? { ...record, excerpt: "A new first line" } : record));
    expect(buildIdOf(buildSiteModel(excerpt))).not.toBe(buildIdOf(model));
    expect(buildIdOf(buildSiteModel(records.slice(1)))).not.toBe(buildIdOf(model));
    expect(buildIdOf(buildSiteModel([...records]))).toBe(buildIdOf(model));
    expect(buildIdOf(model)).toMatch(/^[0-9a-f]{16}$/);
    expect("buildId" in model).toBe(false);
  });
});

describe("articleId", () => {
  const key = normaliseUrl("https://www.livemint.com/technology/facebook-ai-faces-11577018518743.html");

  it("is a readable slug of the title plus 8 hex digits", () => {
    expect(articleId("Facebook says group used AI-generated faces!", key)).toMatch(
      /^facebook-says-group-used-ai-generated-faces-[0-9a-f]{8}$/,
    );
  });

  it("hashes only the normalised source URL", () => {
    const hashOf = (id: string) => id.slice(-ID_HASH_LENGTH);
    expect(hashOf(articleId("One title", key))).toBe(hashOf(articleId("Another title", key)));
    expect(hashOf(articleId("One title", key))).not.toBe(hashOf(articleId("One title", `${key}-2`)));
    expect(articleId("One title", key)).toBe(articleId("One title", key));
  });

  it.each([["!!!"], [""], ["   "]])("falls back to 'article' for a title with no letters: %j", (title) => {
    expect(articleId(title, key)).toMatch(/^article-[0-9a-f]{8}$/);
  });

  it("keeps the slug short", () => {
    const id = articleId("word ".repeat(40), key);
    expect(id.length).toBeLessThanOrEqual(60 + 1 + ID_HASH_LENGTH);
    expect(id).toMatch(/^word(-word)*-[0-9a-f]{8}$/);
  });
});

describe("toSummary", () => {
  it("carries what a feed card needs, with the first image as its image", () => {
    const [article] = buildSiteModel([
      recordOf("a.txt", {
        excerpt: "Short text",
        topics: topicsYaml("AI"),
        images: "\n  - url: https://www.bing.com/th?id=ON.A\n  - url: https://www.bing.com/th?id=ON.B",
        related: relatedYaml("https://www.reuters.com/c"),
      }),
    ]).articles;
    expect(toSummary(article)).toEqual({
      id: article.id,
      title: article.title,
      excerpt: "Short text",
      provider: { name: "Mint", domain: "livemint.com" },
      providerKey: "livemint.com",
      publishedAt: "2019-12-22T12:58:00.000Z",
      topics: [{ slug: "ai", name: "AI" }],
      image: { url: "https://www.bing.com/th?id=ON.A" },
      // Mint, and Reuters in its related coverage: the card's "2 outlets".
      outlets: 2,
    });
  });

  it("carries heat and quality for the Hot and Top orders", () => {
    const [article] = buildSiteModel([recordOf("a.txt", { heat: "40", quality: "75" })]).articles;
    expect(toSummary(article)).toMatchObject({ heat: 40, quality: 75 });
  });
});

describe("outletKeyOf", () => {
  it.each([
    ["the provider's domain, when the source's host is on it", { name: "Mint", domain: "livemint.com" }, "https://www.livemint.com/a", "livemint.com"],
    ["the source's host when the domain is above it", { name: "BBC", domain: "bbc.co.uk" }, "https://news.bbc.co.uk/a", "news.bbc.co.uk"],
    ["the source's host when a blog claims its platform", { name: "Medium", domain: "medium.com" }, "https://someone.medium.com/a", "someone.medium.com"],
    ["without www. and in lower case", { name: "BBC", domain: " WWW.BBC.co.uk " }, "https://WWW.bbc.co.uk/a", "bbc.co.uk"],
    ["the source's host when the domain is another outlet's", { name: "Mint", domain: "livemint.com" }, "https://evil.example/a", "evil.example"],
    ["the source's host when the domain only ends like it", { name: "Mint", domain: "livemint.com" }, "https://notlivemint.com/a", "notlivemint.com"],
    ["the source's host when the domain is below it", { name: "Mint", domain: "news.livemint.com" }, "https://livemint.com/a", "livemint.com"],
    ["a hash of a host too long to name a folder", undefined, `https://${"a".repeat(60)}.${"b".repeat(60)}.example/a`, "b12cd2f4d8a6fc84.invalid"],
    ["the source's host when there is no domain", { name: "Mint" }, "https://www.livemint.com/a", "livemint.com"],
    ["the source's host when the domain is not one", { name: "X", domain: "not a domain/../" }, "https://news.example.com/a", "news.example.com"],
    ["the source's host when there is no provider", undefined, "http://Example.ORG:8080/a", "example.org"],
    ["a hash of the host when it is an IPv6 address", undefined, "http://[::1]/a", "28603805304972ba.invalid"],
    ["a hash of the host when it has one label", undefined, "http://intranet/a", `${shortHash("intranet", 16)}.invalid`],
  ])("%s", (_case, _provider, sourceUrl, key) => {
    expect(outletKeyOf(sourceUrl)).toBe(key);
    expect(isOutletKey(key)).toBe(true);
  });
});
