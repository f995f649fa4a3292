import { mkdtemp, readdir, readFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { dataPaths } from "../../src/contract/data-layout.ts";
import type { SiteIndex, TopicCatalog } from "../../src/contract/types.ts";
import type { ContentOptions } from "../../src/pipeline/content-options.ts";
import { broadsheetContent } from "../../src/pipeline/vite-plugin.ts";
import { FIXTURES, removeDir } from "../unit/helpers.ts";
import { viteBuild } from "./vite-build.ts";

/** Two published articles, four topics, a draft and `secured` values. */
const CONTENT = join(FIXTURES, "build-private");
const BUILD_TIMEOUT = 120_000;
const outDirs: string[] = [];

/** The real Vite build of the app (`viteBuild`) of `CONTENT` into a fresh folder; the warnings it logged. */
async function viteBuildIntoTemp(options: ContentOptions): Promise<{ outDir: string; warnings: string[] }> {
  const outDir = await mkdtemp(join(tmpdir(), "broadsheet-publish-"));
  outDirs.push(outDir);
  const { warnings } = await viteBuild({ dir: CONTENT, ...options }, outDir);
  return { outDir, warnings };
}

const read = (outDir: string, path: string) => readFile(join(outDir, path), "utf8");

afterEach(() => {
  vi.unstubAllEnvs();
});

afterAll(async () => {
  await Promise.all(outDirs.map(removeDir));
});

describe("vite build with SITE_URL", { timeout: BUILD_TIMEOUT }, () => {
  let outDir: string;
  let warnings: string[];
  beforeAll(async () => {
    ({ outDir, warnings } = await viteBuildIntoTemp({ siteUrl: "https://news.example.com/edition" }));
  }, BUILD_TIMEOUT);

  it("writes the site's feeds and each topic's, linking under SITE_URL", async () => {
    const rss = await read(outDir, "feeds/latest.xml");
    expect(rss).toContain('<rss version="2.0"');
    expect(rss).toContain("<link>https://news.example.com/edition/</link>");
    const json = JSON.parse(await read(outDir, "feeds/latest.json"));
    expect(json.version).toBe("https://jsonfeed.org/version/1.1");
    expect(json.items).toHaveLength(2);
    const data = JSON.parse(await read(outDir, dataPaths.index)) as SiteIndex;
    const { topics } = JSON.parse(await read(outDir, dataPaths.shard("catalogs", data.topics))) as TopicCatalog;
    expect(topics).toHaveLength(4);
    const feeds = (await readdir(join(outDir, "feeds/topics"))).sort();
    expect(feeds).toEqual(topics.flatMap((topic) => [`${topic.slug}.json`, `${topic.slug}.xml`]).sort());
  });

  it("writes the sitemap and a robots.txt that points at it", async () => {
    // sitemap.xml is the sitemap itself, or an index of its parts, each a file under SITE_URL.
    const sitemap = await read(outDir, "sitemap.xml");
    const partUrls = [...sitemap.matchAll(/<sitemap><loc>([^<]+)<\/loc>/g)].map(([, url]) => url);
    for (const url of partUrls) expect(url.startsWith("https://news.example.com/edition/"), url).toBe(true);
    const parts = await Promise.all(partUrls.map((url) => read(outDir, url.slice("https://news.example.com/edition/".length))));
    const urls = [sitemap, ...parts].join("");
    expect(urls).toContain("<loc>https://news.example.com/edition/</loc>");
    expect(urls.match(/<url>/g)).toHaveLength(1 + 4 + 2 + 2);
    expect(await read(outDir, "robots.txt")).toContain("Sitemap: https://news.example.com/edition/sitemap.xml");
  });

  it("gives every article a page of its own, and the site its link preview", async () => {
    const json = JSON.parse(await read(outDir, "feeds/latest.json")) as { items: { url: string; title: string }[] };
    for (const item of json.items) {
      const id = item.url.split("/").at(-1);
      const page = await read(outDir, `articles/${id}.html`);
      expect(page).toContain(`<meta property="og:url" content="${item.url}" />`);
      expect(page).toContain(`<link rel="canonical" href="${item.url}" />`);
    }
    const index = await read(outDir, "index.html");
    expect(index).toContain('<meta property="og:url" content="https://news.example.com/edition/" />');
    expect(index).toContain('<meta property="og:image" content="https://news.example.com/edition/pwa-512x512.png" />');
  });

  it("prints no warning about SITE_URL", () => {
    expect(warnings.filter((warning) => warning.includes("SITE_URL"))).toEqual([]);
  });
});

describe("vite build without SITE_URL", { timeout: BUILD_TIMEOUT }, () => {
  it("still builds, with the local placeholder and exactly one warning saying so", async () => {
    vi.stubEnv("SITE_URL", "");
    const { outDir, warnings } = await viteBuildIntoTemp({});
    expect(warnings.filter((warning) => warning.includes("SITE_URL"))).toEqual([
      expect.stringMatching(/^SITE_URL is not set: the feeds, sitemap and link previews carry the placeholder http:\/\/localhost:4173\/\./),
    ]);
    expect(await read(outDir, "robots.txt")).toContain("Sitemap: http://localhost:4173/sitemap.xml");
    expect(await read(outDir, "feeds/latest.xml")).toContain("<link>http://localhost:4173/</link>");
  });

  it("fails on an invalid SITE_URL, naming it and the value, before building anything", () => {
    vi.stubEnv("SITE_URL", "news.example.com");
    expect(() => broadsheetContent({ dir: CONTENT })).toThrow(`SITE_URL must be the site's http(s) address`);
    expect(() => broadsheetContent({ dir: CONTENT })).toThrow('it is "news.example.com"');
  });
});

describe("vite build: article pages", { timeout: BUILD_TIMEOUT }, () => {
  it("gives pages to the newest PRERENDERED_ARTICLES articles only", async () => {
    const { outDir } = await viteBuildIntoTemp({ siteUrl: "https://news.example.com", prerenderedArticles: 1 });
    const json = JSON.parse(await read(outDir, "feeds/latest.json")) as { items: { url: string }[] };
    const ids = json.items.map((item) => item.url.split("/").at(-1));
    expect(ids).toHaveLength(2);
    expect(await readdir(join(outDir, "articles"))).toEqual([`${ids[0]}.html`]);
  });
});
