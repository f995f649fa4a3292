// @vitest-environment jsdom
import { describe, expect, it } from "vitest";
import { publishedPaths } from "../../src/contract/published.ts";
import type { OutletInfo, Topic } from "../../src/contract/types.ts";
import { publishedMediaType } from "../../src/contract/media-types.ts";
import { publishedFiles } from "../../src/pipeline/publish/published-files.ts";
import { robotsTxt, SITEMAP_PART_ARTICLES, sitemapFiles } from "../../src/pipeline/publish/sitemap.ts";
import { articleId, buildSiteModel } from "../../src/pipeline/site.ts";
import { recordOf } from "./helpers.ts";
import { childText, parseXml } from "./xml.ts";

const SITE = "https://news.example.com/";
const SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9";

/** Ten stories a day apart: two topics, two outlets. */
const model = buildSiteModel(
  Array.from({ length: 10 }, (_, i) =>
    recordOf(`${i}.txt`, {
      title: `"Story ${i}"`,
      publishedDateTime: new Date(Date.UTC(2024, 0, 1 + i)).toISOString(),
      sourceUrl: `https://${i % 2 ? "odd" : "even"}.example.org/story/${i}`,
      provider: `\n  name: ${i % 2 ? "Odd" : "Even"} News\n  domain: ${i % 2 ? "odd" : "even"}.example.org`,
      topics: i < 5 ? "\n  - AI" : "\n  - Climate & Energy",
    }),
  ),
);

const render = (partArticles?: number) => new Map([...sitemapFiles(model, SITE, partArticles)].map((file) => [file.path, file.render()]));

/** Each `<url>` of a urlset, as [loc, lastmod]. */
function urlsOf(text: string): [string, string | undefined][] {
  const root = parseXml(text).documentElement;
  expect([root.tagName, root.namespaceURI]).toEqual(["urlset", SITEMAP_NS]);
  return [...root.getElementsByTagName("url")].map((url) => [childText(url, "loc") ?? "", childText(url, "lastmod")]);
}

/** The sitemap index's parts, as [file path, lastmod]. */
function partsOf(files: Map<string, string>): [string, string | undefined][] {
  const index = parseXml(files.get("sitemap.xml") ?? "").documentElement;
  expect([index.tagName, index.namespaceURI]).toEqual(["sitemapindex", SITEMAP_NS]);
  return [...index.getElementsByTagName("sitemap")].map((entry) => [(childText(entry, "loc") ?? "").slice(SITE.length), childText(entry, "lastmod")]);
}

const day = (n: number) => new Date(Date.UTC(2024, 0, n)).toISOString();

/** A site of `count` articles a minute apart: only ids and dates matter to a sitemap. */
const sized = (count: number, skip = -1) => ({
  articles: Array.from({ length: count }, (_, i) => count - 1 - i)
    .filter((i) => i !== skip)
    .map((i) => ({ id: articleId(`Story ${i}`, `https://news.example.com/story/${i}`), publishedAt: new Date(Date.UTC(2024, 0, 1) + i * 60_000).toISOString() })),
  topics: [] as Topic[],
  outlets: [] as OutletInfo[],
});

describe("sitemap", () => {
  it("is an index of parts: the lists first, undated, then every article, absolute, with its date", () => {
    const files = render();
    const parts = partsOf(files);
    expect(parts).toHaveLength(2);
    expect([...files.keys()].sort()).toEqual([...parts.map(([path]) => path), "sitemap.xml"].sort());
    expect(urlsOf(files.get(parts[0][0]) ?? "")).toEqual([
      [SITE, undefined],
      [`${SITE}topics/ai`, undefined],
      [`${SITE}topics/climate-energy`, undefined],
      [`${SITE}providers/even.example.org`, undefined],
      [`${SITE}providers/odd.example.org`, undefined],
    ]);
    expect(urlsOf(files.get(parts[1][0]) ?? "")).toEqual([...model.articles].reverse().map((article) => [`${SITE}articles/${article.id}`, article.publishedAt]));
    expect(parts.map(([, lastmod]) => lastmod)).toEqual([day(10), day(10)]);
  });

  it("names each part by its content", () => {
    for (const [path] of partsOf(render())) expect(path).toMatch(/^sitemap-[0-9a-f]{16}\.xml$/);
  });

  it("cuts the articles where their ids say, every URL once, each part dated by its newest article", () => {
    const site = sized(5000);
    const files = new Map([...sitemapFiles(site, SITE)].map((file) => [file.path, file.render()]));
    const parts = partsOf(files).slice(1);
    expect(parts.length).toBeGreaterThan(3);
    const urls = parts.map(([path]) => urlsOf(files.get(path) ?? ""));
    expect(urls.flat().map(([loc]) => loc)).toEqual([...site.articles].reverse().map((article) => `${SITE}articles/${article.id}`));
    for (const [i, part] of urls.entries()) {
      expect(part.length).toBeLessThanOrEqual(4 * SITEMAP_PART_ARTICLES);
      expect(parts[i][1]).toBe(part.at(-1)?.[1]);
    }
  });

  it("changes only the newest part when a new article comes, and one part when an old one goes", () => {
    const paths = (site: ReturnType<typeof sized>) => new Set([...sitemapFiles(site, SITE)].map((file) => file.path));
    const before = paths(sized(5000));
    const changed = (after: Set<string>) => [...after].filter((path) => !before.has(path));
    // One more article (the newest): a new newest part (and sitemap.xml, at its own path, names it).
    expect(changed(paths(sized(5001)))).toEqual([expect.stringMatching(/^sitemap-[0-9a-f]+\.xml$/)]);
    // One article from the middle removed: the part it was in (or it and the next, when it ended its part).
    expect(changed(paths(sized(5000, 2500))).length).toBeLessThanOrEqual(3);
  });
});

describe("robots.txt", () => {
  it.each([
    [SITE, "https://news.example.com/sitemap.xml"],
    ["https://example.com/news/", "https://example.com/news/sitemap.xml"],
  ])("at %s points at the sitemap", (siteUrl, sitemap) => {
    expect(robotsTxt(siteUrl)).toBe(`User-agent: *\nAllow: /\n\nSitemap: ${sitemap}\n`);
  });
});

describe("published files", () => {
  it("are the feeds, the sitemap and robots.txt", () => {
    const paths = [...publishedFiles(model, SITE)].map((file) => file.path);
    expect(paths.filter((path) => !path.startsWith("feeds/") && !path.startsWith("sitemap-"))).toEqual(["sitemap.xml", "robots.txt"]);
    expect(paths).toContain(publishedPaths.latestFeed("rss"));
    expect(paths).toContain(publishedPaths.topicFeed("climate-energy", "json"));
  });

  it.each([
    ["feeds/latest.xml", "application/rss+xml; charset=utf-8"],
    ["feeds/topics/ai.json", "application/feed+json; charset=utf-8"],
    ["sitemap.xml", "application/xml; charset=utf-8"],
    ["sitemap-0123456789abcdef.xml", "application/xml; charset=utf-8"],
    ["robots.txt", "text/plain; charset=utf-8"],
    ["feeds/latest.html", undefined],
    ["sitemap-x.xml", undefined],
    ["articles/x", undefined],
    ["index.html", undefined],
  ])("%s is served as %s", (path, type) => {
    expect(publishedMediaType(path)).toBe(type);
  });
});
