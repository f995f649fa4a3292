// @vitest-environment jsdom
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { Article, Topic } from "../../src/contract/types.ts";
import { articlePagePath, PAGE_HEAD_MARKER, pageTemplate, sitePages, topicPagePath, withSiteHead } from "../../src/pipeline/publish/page-head.ts";
import { parseArticleFile } from "../../src/pipeline/parse-file.ts";
import { buildSiteModel } from "../../src/pipeline/site.ts";
import { recordOf, ROOT, securedValuesOf, seedText, SEED_FILE } from "./helpers.ts";

const SITE = "https://news.example.com/";
const NASTY_TITLE = `Chips <script>alert("x")</script> & 'fries'`;
const source = readFileSync(join(ROOT, "index.html"), "utf8");
/** index.html as the build writes it: the site's head, then Vite's script tags. */
const built = withSiteHead(source, SITE).replace("</head>", '<script type="module" src="/assets/index-abc.js"></script></head>');

/** The pages the build writes for these topics and articles, by file, each with its head alone. */
const pagesOf = (topics: readonly Topic[], articles: readonly Article[]) => {
  const assemble = pageTemplate(built, SITE);
  return new Map(sitePages(topics, articles, SITE).map((page) => [page.file, assemble(page)]));
};
const articlePages = (articles: readonly Article[]) => [...pagesOf([], articles)].filter(([file]) => file.startsWith("articles/")).map(([, html]) => html);

/** The head as a link preview reads it: no script runs. */
function headOf(html: string) {
  const document = new DOMParser().parseFromString(html, "text/html");
  const attr = (selector: string, name: string) => document.head.querySelector(selector)?.getAttribute(name) ?? undefined;
  return {
    document,
    title: document.title,
    description: attr('meta[name="description"]', "content"),
    canonical: attr('link[rel="canonical"]', "href"),
    og: Object.fromEntries(
      [...document.head.querySelectorAll('meta[property^="og:"], meta[property^="article:"]')].map((meta) => [
        meta.getAttribute("property"),
        meta.getAttribute("content"),
      ]),
    ),
    twitterCard: attr('meta[name="twitter:card"]', "content"),
    feeds: [...document.head.querySelectorAll('link[rel="alternate"]')].map((link) => [link.getAttribute("type"), link.getAttribute("href")]),
    scripts: [...document.querySelectorAll("script")].map((script) => script.getAttribute("src") ?? "inline"),
  };
}

describe("the site's head (index.html)", () => {
  const head = headOf(built);

  it("index.html asks for it with the marker", () => {
    expect(source).toContain(PAGE_HEAD_MARKER);
    expect(built).not.toContain(PAGE_HEAD_MARKER);
  });

  it("has the title, description, Open Graph and Twitter card tags, absolute with SITE_URL", () => {
    expect(head.title).toBe("Broadsheet");
    expect(head.description).toMatch(/related coverage from other outlets/);
    expect(head.og).toEqual({
      "og:site_name": "Broadsheet",
      "og:type": "website",
      "og:title": "Broadsheet",
      "og:description": head.description,
      "og:url": SITE,
      "og:image": `${SITE}pwa-512x512.png`,
    });
    expect(head.twitterCard).toBe("summary");
    expect(head.canonical).toBeUndefined();
  });

  it("links the site's RSS and JSON feeds as alternates", () => {
    expect(head.feeds).toEqual([
      ["application/rss+xml", "/feeds/latest.xml"],
      ["application/feed+json", "/feeds/latest.json"],
    ]);
  });
});

describe("article pages", () => {
  const model = buildSiteModel([
    recordOf("quiet.txt", {
      title: '"Quiet story"',
      sourceUrl: "https://outlet.example.org/quiet",
      provider: "\n  name: Outlet Daily\n  domain: outlet.example.org",
    }),
    { ...recordOf("nasty.txt", { sourceUrl: "https://outlet.example.org/nasty", excerpt: '"Fish & <b>chips</b>"' }), title: NASTY_TITLE },
  ]);
  const pages = pagesOf([], model.articles);
  const byTitle = (title: string) => model.articles.find((article) => article.title === title) ?? model.articles[0];

  it("writes articles/<id>.html for every article", () => {
    expect([...pages.keys()].sort()).toEqual(["index.html", ...model.articles.map((article) => `articles/${article.id}.html`)].sort());
    expect(articlePagePath("новости-1a2b3c4d")).toBe("articles/новости-1a2b3c4d.html");
  });

  it("gives each its own title, description, canonical URL and article preview", () => {
    const article = byTitle("Quiet story");
    const head = headOf(pages.get(articlePagePath(article.id)) ?? "");
    const url = `${SITE}articles/${article.id}`;
    expect(head.title).toBe("Quiet story · Broadsheet");
    // No excerpt: a sentence naming the outlet.
    expect(head.description).toBe("From Outlet Daily, with its coverage from other outlets, on Broadsheet.");
    expect(head.canonical).toBe(url);
    expect(head.og).toEqual({
      "og:site_name": "Broadsheet",
      "og:type": "article",
      "og:title": "Quiet story",
      "og:description": head.description,
      "og:url": url,
      "og:image": `${SITE}pwa-512x512.png`,
      "article:published_time": article.publishedAt,
    });
    expect(head.twitterCard).toBe("summary");
  });

  it("keeps markup in a title or excerpt as text, and the page's scripts as they were", () => {
    const head = headOf(pages.get(articlePagePath(byTitle(NASTY_TITLE).id)) ?? "");
    expect(head.title).toBe(`${NASTY_TITLE} · Broadsheet`);
    expect(head.og["og:title"]).toBe(NASTY_TITLE);
    expect(head.description).toBe("Fish & <b>chips</b>");
    expect(head.scripts).toEqual(headOf(built).scripts);
    expect(head.feeds).toEqual(headOf(built).feeds);
  });

  it("shows the article's own picture large", () => {
    const picture = buildSiteModel([
      recordOf("picture.txt", { images: "\n  - url: https://images.example.org/p.jpg\n    width: 600\n    height: 300" }),
    ]);
    const [page] = articlePages(picture.articles);
    const head = headOf(page);
    expect(head.og["og:image"]).toBe("https://images.example.org/p.jpg");
    expect(head.twitterCard).toBe("summary_large_image");
  });

  it("never carries a secured value", () => {
    const secrets = securedValuesOf(seedText);
    expect(secrets.length).toBeGreaterThan(0);
    const seed = parseArticleFile(SEED_FILE, seedText);
    if (!seed.ok) throw new Error("the seed article does not parse");
    const [page] = articlePages(buildSiteModel([seed.record]).articles);
    expect(headOf(page).title).toMatch(/^Facebook says group used AI-generated faces/);
    for (const secret of secrets) expect(page).not.toContain(secret.slice(0, 24));
  });

  it("refuses an index.html without the site's head to replace", () => {
    expect(() => pageTemplate("<html><head></head></html>", SITE)).toThrow(PAGE_HEAD_MARKER);
  });
});

describe("topic pages", () => {
  const topic: Topic = { slug: "climate-change", name: "Climate <change> & co", count: 3 };
  const pages = pagesOf([topic], []);

  it("writes topics/<slug>.html, served at /topics/<slug>, with the topic's title, description and canonical URL", () => {
    expect(topicPagePath(topic.slug)).toBe("topics/climate-change.html");
    const head = headOf(pages.get("topics/climate-change.html") ?? "");
    expect(head.title).toBe("Climate <change> & co · Broadsheet");
    expect(head.description).toBe("The latest stories about Climate <change> & co, and every outlet's coverage of them, on Broadsheet.");
    expect(head.canonical).toBe(`${SITE}topics/climate-change`);
    expect(head.og["og:type"]).toBe("website");
    expect(head.scripts).toEqual(headOf(built).scripts);
  });

  it("puts a first screen inside the app's root, in place of the shell's header, and its data after the root", () => {
    const [home] = sitePages([], [], SITE);
    const page = pageTemplate(built, SITE)(home, { body: "<main>Stories</main>", data: '<script type="application/json">{}</script>' });
    const document = new DOMParser().parseFromString(page, "text/html");
    expect(document.getElementById("root")?.innerHTML).toBe("<main>Stories</main>");
    expect(document.getElementById("root")?.nextElementSibling?.getAttribute("type")).toBe("application/json");
    expect(document.querySelectorAll(".site-header")).toHaveLength(0);
  });
});
