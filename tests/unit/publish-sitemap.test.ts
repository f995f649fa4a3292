// @vitest-environment jsdom
import { describe, expect, it } from "vitest";
import { publishedPaths } from "../../src/contract/paths.ts";
import type { ProviderInfo, Topic } from "../../src/contract/types.ts";
import { publishedContentType, publishedFiles } from "../../src/pipeline/publish/published-files.ts";
import { robotsTxt, SITEMAP_URL_LIMIT, sitemapFiles } from "../../src/pipeline/publish/sitemap.ts";
import { buildSiteModel } from "../../src/pipeline/site.ts";
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

const render = (limit?: number) => new Map([...sitemapFiles(model, SITE, limit)].map((file) => [file.path, file.render()]));

/** Each `<url>` of a urlset, as [loc, lastmod]. */
function urlsOf(text: string): [string, string | undefined][] {
  const root = parseXml(text).documentElement;
  expect([root.tagName, root.namespaceURI]).toEqual(["urlset", SITEMAP_NS]);
  return [...root.getElementsByTagName("url")].map((url) => [childText(url, "loc") ?? "", childText(url, "lastmod")]);
}

const day = (n: number) => new Date(Date.UTC(2024, 0, n)).toISOString();

describe("sitemap: one file", () => {
  it("lists the home page, every topic, every outlet and every article, absolute, with dates", () => {
    const files = render();
    expect([...files.keys()]).toEqual(["sitemap.xml"]);
    const urls = urlsOf(files.get("sitemap.xml") ?? "");
    expect(urls.slice(0, 5)).toEqual([
      [SITE, day(10)],
      [`${SITE}topics/ai`, day(5)],
      [`${SITE}topics/climate-energy`, day(10)],
      [`${SITE}providers/even.example.org`, day(9)],
      [`${SITE}providers/odd.example.org`, day(10)],
    ]);
    expect(urls.slice(5)).toEqual(model.articles.map((article) => [`${SITE}articles/${article.id}`, article.publishedAt]));
    expect(urls).toHaveLength(15);
  });

  it("keeps one file at exactly the limit", () => {
    expect([...render(15).keys()]).toEqual(["sitemap.xml"]);
  });
});

describe("sitemap: split past the limit", () => {
  const files = render(4);

  it("writes parts of at most `limit` URLs and sitemap.xml as their index", () => {
    expect([...files.keys()]).toEqual(["sitemap-1.xml", "sitemap-2.xml", "sitemap-3.xml", "sitemap-4.xml", "sitemap.xml"]);
    const index = parseXml(files.get("sitemap.xml") ?? "").documentElement;
    expect([index.tagName, index.namespaceURI]).toEqual(["sitemapindex", SITEMAP_NS]);
    const entries = [...index.getElementsByTagName("sitemap")].map((entry) => childText(entry, "loc"));
    expect(entries).toEqual([1, 2, 3, 4].map((n) => `${SITE}sitemap-${n}.xml`));
  });

  it("lists every URL once across the parts, each part dated by its newest page", () => {
    const parts = [1, 2, 3, 4].map((n) => urlsOf(files.get(`sitemap-${n}.xml`) ?? ""));
    expect(parts.map((part) => part.length)).toEqual([4, 4, 4, 3]);
    expect(parts.flat()).toEqual(urlsOf(render().get("sitemap.xml") ?? ""));
    const index = parseXml(files.get("sitemap.xml") ?? "").documentElement;
    const dates = [...index.getElementsByTagName("sitemap")].map((entry) => childText(entry, "lastmod"));
    expect(dates).toEqual(parts.map((part) => part.map(([, lastmod]) => lastmod ?? "").sort().at(-1)));
  });

  it("splits at 50,000 URLs, the sitemaps.org limit", () => {
    expect(SITEMAP_URL_LIMIT).toBe(50_000);
    /** A home page and `count - 1` articles: only ids and dates matter to a sitemap. */
    const sized = (count: number) => ({
      articles: Array.from({ length: count - 1 }, (_, i) => ({ id: `story-${i}-0000000${i % 10}`, publishedAt: day(1) })),
      topics: [] as Topic[],
      topicArticles: new Map<string, number[]>(),
      providers: [] as ProviderInfo[],
      providerArticles: new Map<string, number[]>(),
    });
    expect([...sitemapFiles(sized(50_000), SITE)].map((file) => file.path)).toEqual(["sitemap.xml"]);
    const split = [...sitemapFiles(sized(50_001), SITE)];
    expect(split.map((file) => file.path)).toEqual(["sitemap-1.xml", "sitemap-2.xml", "sitemap.xml"]);
    expect(urlsOf(split[1].render())).toEqual([[`${SITE}articles/story-49999-00000009`, day(1)]]);
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
    expect(paths.filter((path) => !path.startsWith("feeds/"))).toEqual(["sitemap.xml", "robots.txt"]);
    expect(paths).toContain(publishedPaths.latestFeed("rss"));
    expect(paths).toContain(publishedPaths.topicFeed("climate-energy", "json"));
  });

  it.each([
    ["feeds/latest.xml", "application/rss+xml; charset=utf-8"],
    ["feeds/topics/ai.json", "application/feed+json; charset=utf-8"],
    ["sitemap.xml", "application/xml; charset=utf-8"],
    ["sitemap-12.xml", "application/xml; charset=utf-8"],
    ["robots.txt", "text/plain; charset=utf-8"],
    ["feeds/latest.html", undefined],
    ["sitemap-x.xml", undefined],
    ["articles/x", undefined],
    ["index.html", undefined],
  ])("%s is served as %s", (path, type) => {
    expect(publishedContentType(path)).toBe(type);
  });
});
