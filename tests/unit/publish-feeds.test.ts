// @vitest-environment jsdom
import { describe, expect, it } from "vitest";
import { FEED_TYPES, PUBLISHED_FEED_SIZE, publishedPaths } from "../../src/contract/published.ts";
import type { Article } from "../../src/contract/types.ts";
import { feedFiles, JSON_FEED_VERSION } from "../../src/pipeline/publish/feeds.ts";
import { buildSiteModel } from "../../src/pipeline/site.ts";
import { recordOf, shuffled } from "./helpers.ts";
import { childText, childTexts, parseXml } from "./xml.ts";

const SITE = "https://news.example.com/";
const TOTAL = 60;
/** Markup, both quotes and an ampersand: a title that must reach a reader as these characters. */
const NASTY_TITLE = `Chips <script>alert("x")</script> & 'fries'`;
/** An HTML tag and characters XML 1.0 forbids (a control character, U+FFFE). */
const NASTY_EXCERPT = "Fish <b>bold</b> & chips\u0001\uFFFE, \"served\"";

/** Sixty stories an hour apart, in shuffled file order; the newest has a nasty title and excerpt. */
const records = shuffled(
  Array.from({ length: TOTAL }, (_, i) => {
    const topics = [...(i % 2 === 0 ? ["AI"] : []), ...(i % 3 === 0 ? ["Climate"] : [])];
    const record = recordOf(`${String(i).padStart(3, "0")}.txt`, {
      title: `"Story number ${i}"`,
      excerpt: `"What happened in story ${i}."`,
      publishedDateTime: new Date(Date.UTC(2024, 0, 1) + i * 3_600_000).toISOString(),
      sourceUrl: `https://outlet.example.org/story/${i}`,
      topics: topics.map((name) => `\n  - ${name}`).join(""),
    });
    return i === TOTAL - 1 ? { ...record, title: NASTY_TITLE, excerpt: NASTY_EXCERPT } : record;
  }),
  3,
);
const model = buildSiteModel(records);
const files = new Map([...feedFiles(model, SITE)].map((file) => [file.path, file.render()]));
const text = (path: string) => {
  const found = files.get(path);
  if (found === undefined) throw new Error(`no feed at ${path}; there are ${[...files.keys()].join(", ")}`);
  return found;
};

const articleUrl = (article: Article) => `${SITE}articles/${article.id}`;
const rssOf = (path: string) => parseXml(text(path)).documentElement;
const itemsOf = (rss: Element) => [...rss.getElementsByTagName("item")];
const jsonOf = (path: string) =>
  JSON.parse(text(path)) as {
    version: string;
    title: string;
    home_page_url: string;
    feed_url: string;
    items: { id: string; url: string; external_url: string; title: string; content_text: string; date_published: string; tags: string[] }[];
  };

describe("feeds: where they are", () => {
  it("publishes RSS and JSON Feed for the site and for each topic", () => {
    expect([...files.keys()]).toEqual([
      "feeds/latest.xml",
      "feeds/latest.json",
      "feeds/topics/ai.xml",
      "feeds/topics/ai.json",
      "feeds/topics/climate.xml",
      "feeds/topics/climate.json",
    ]);
    expect(publishedPaths.latestFeed("rss")).toBe("feeds/latest.xml");
    expect(publishedPaths.topicFeed("ai", "json")).toBe("feeds/topics/ai.json");
  });
});

describe("feeds: RSS 2.0", () => {
  const rss = rssOf("feeds/latest.xml");
  const channel = rss.getElementsByTagName("channel")[0];
  const newest = model.articles[0];

  it("is well-formed XML with the declaration, version 2.0 and the Atom namespace", () => {
    expect(text("feeds/latest.xml").startsWith('<?xml version="1.0" encoding="UTF-8"?>\n')).toBe(true);
    expect(rss.tagName).toBe("rss");
    expect(rss.getAttribute("version")).toBe("2.0");
    expect(rss.getAttribute("xmlns:atom")).toBe("http://www.w3.org/2005/Atom");
  });

  it("has the channel's required elements, its language, date and self link", () => {
    expect(childText(channel, "title")).toBe("Broadsheet");
    expect(childText(channel, "link")).toBe(SITE);
    expect(childText(channel, "description")).toMatch(/newest stories on Broadsheet/);
    expect(childText(channel, "language")).toBe("en");
    expect(childText(channel, "lastBuildDate")).toBe(new Date(newest.publishedAt).toUTCString());
    const self = channel.getElementsByTagNameNS("http://www.w3.org/2005/Atom", "link")[0];
    expect([self.getAttribute("href"), self.getAttribute("rel"), self.getAttribute("type")]).toEqual([
      `${SITE}feeds/latest.xml`,
      "self",
      FEED_TYPES.rss,
    ]);
  });

  it("lists the newest PUBLISHED_FEED_SIZE articles only, newest first", () => {
    const items = itemsOf(rss);
    expect(items).toHaveLength(PUBLISHED_FEED_SIZE);
    expect(items.map((item) => childText(item, "link"))).toEqual(model.articles.slice(0, PUBLISHED_FEED_SIZE).map(articleUrl));
    expect(text("feeds/latest.xml")).not.toContain("Story number 9<");
  });

  it("gives each item a title, link, permalink guid, RFC 822 pubDate, description and categories", () => {
    const item = itemsOf(rss)[1];
    const article = model.articles[1];
    expect(childText(item, "title")).toBe("Story number 58");
    expect(childText(item, "link")).toBe(articleUrl(article));
    const guid = item.getElementsByTagName("guid")[0];
    expect([guid.textContent, guid.getAttribute("isPermaLink")]).toEqual([articleUrl(article), "true"]);
    expect(childText(item, "pubDate")).toBe("Wed, 03 Jan 2024 10:00:00 GMT");
    expect(childText(item, "description")).toBe("What happened in story 58.");
    expect(childTexts(item, "category")).toEqual(["AI"]);
  });

  it("keeps a title with markup and quotes as text, and drops characters XML forbids", () => {
    const item = itemsOf(rss)[0];
    expect(childText(item, "title")).toBe(NASTY_TITLE);
    expect(text("feeds/latest.xml")).not.toContain("<script>");
    // A description is HTML to a feed reader: escaped for HTML inside the XML, the tag stays text there too.
    expect(childText(item, "description")).toBe("Fish &lt;b&gt;bold&lt;/b&gt; &amp; chips, &quot;served&quot;");
  });
});

describe("feeds: JSON Feed 1.1", () => {
  const feed = jsonOf("feeds/latest.json");

  it("names its version, title, home page and own address", () => {
    expect(JSON_FEED_VERSION).toBe("https://jsonfeed.org/version/1.1");
    expect(feed).toMatchObject({
      version: "https://jsonfeed.org/version/1.1",
      title: "Broadsheet",
      home_page_url: SITE,
      feed_url: `${SITE}feeds/latest.json`,
    });
  });

  it("lists the newest PUBLISHED_FEED_SIZE with id, url, title, date_published, the original source and the topics", () => {
    expect(feed.items).toHaveLength(PUBLISHED_FEED_SIZE);
    expect(feed.items.map((item) => item.url)).toEqual(model.articles.slice(0, PUBLISHED_FEED_SIZE).map(articleUrl));
    expect(feed.items[1]).toEqual({
      id: articleUrl(model.articles[1]),
      url: articleUrl(model.articles[1]),
      external_url: "https://outlet.example.org/story/58",
      title: "Story number 58",
      content_text: "What happened in story 58.",
      date_published: "2024-01-03T10:00:00.000Z",
      tags: ["AI"],
    });
  });

  it("carries the nasty title as the same text", () => {
    expect(feed.items[0].title).toBe(NASTY_TITLE);
  });
});

describe("feeds: one per topic", () => {
  it.each([
    ["AI", "ai", (i: number) => i % 2 === 0],
    ["Climate", "climate", (i: number) => i % 3 === 0],
  ])("%s lists its own newest stories, up to PUBLISHED_FEED_SIZE, in both formats", (name, slug, tagged) => {
    const expected = model.articles.filter((article) => article.topics.some((topic) => topic.slug === slug)).slice(0, PUBLISHED_FEED_SIZE);
    expect(expected.length).toBe(Math.min(PUBLISHED_FEED_SIZE, Array.from({ length: TOTAL }, (_, i) => i).filter(tagged).length));

    const channel = rssOf(`feeds/topics/${slug}.xml`).getElementsByTagName("channel")[0];
    expect(childText(channel, "title")).toBe(`${name} · Broadsheet`);
    expect(childText(channel, "link")).toBe(`${SITE}topics/${slug}`);
    expect(itemsOf(channel).map((item) => childText(item, "link"))).toEqual(expected.map(articleUrl));

    const json = jsonOf(`feeds/topics/${slug}.json`);
    expect([json.home_page_url, json.feed_url]).toEqual([`${SITE}topics/${slug}`, `${SITE}feeds/topics/${slug}.json`]);
    expect(json.items.map((item) => item.url)).toEqual(expected.map(articleUrl));
  });

  it("caps a topic at the newest PUBLISHED_FEED_SIZE", () => {
    const many = buildSiteModel(
      Array.from({ length: 55 }, (_, i) =>
        recordOf(`${i}.txt`, {
          title: `"Markets story ${i}"`,
          publishedDateTime: new Date(Date.UTC(2024, 0, 1) + i * 60_000).toISOString(),
          sourceUrl: `https://outlet.example.org/markets/${i}`,
          topics: "\n  - Markets",
        }),
      ),
    );
    const feed = new Map([...feedFiles(many, SITE)].map((file) => [file.path, file.render()]));
    const items = JSON.parse(feed.get("feeds/topics/markets.json") ?? "null").items as { title: string }[];
    expect(items.map((item) => item.title)).toEqual(Array.from({ length: PUBLISHED_FEED_SIZE }, (_, i) => `Markets story ${54 - i}`));
  });
});

describe("feeds: a site under a path", () => {
  it("links below that path, with non-ASCII slugs percent-encoded", () => {
    const site = buildSiteModel([recordOf("a.txt", { sourceUrl: "https://outlet.example.org/a", topics: "\n  - Économie" })]);
    const feed = new Map([...feedFiles(site, "https://example.com/news/")].map((file) => [file.path, file.render()]));
    const json = JSON.parse(feed.get("feeds/topics/economie.json") ?? "null");
    expect(json.home_page_url).toBe("https://example.com/news/topics/economie");
    expect(json.items[0].url).toBe(`https://example.com/news/articles/${site.articles[0].id}`);

    const slavic = buildSiteModel([recordOf("b.txt", { sourceUrl: "https://outlet.example.org/b", topics: "\n  - Новости" })]);
    const channel = parseXml(
      [...feedFiles(slavic, "https://example.com/news/")].find((file) => file.path === "feeds/topics/новости.xml")?.render() ?? "",
    ).getElementsByTagName("channel")[0];
    expect(childText(channel, "link")).toBe("https://example.com/news/topics/%D0%BD%D0%BE%D0%B2%D0%BE%D1%81%D1%82%D0%B8");
  });
});
