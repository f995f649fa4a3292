/**
 * The sitemap (every page a search engine should know: home, topics, outlets, articles)
 * and the robots.txt that points at it.
 */
import { pagePaths } from "../../contract/pages.ts";
import { publishedPaths } from "../../contract/published.ts";
import type { Article } from "../../contract/types.ts";
import { byText } from "../../contract/order.ts";
import { cutByContent, endsRunAt } from "../collections.ts";
import { shardNameOf, type DataFile } from "../shards.ts";
import type { SiteModel } from "../site.ts";
import { escapeMarkup, fileUrl, pageUrl } from "./markup.ts";

/**
 * Articles per sitemap part, on average: parts are cut where the content says (after an
 * article whose id's hash is a multiple of this), counted from the oldest, so a new
 * article changes only the part it lands in, the newest as a rule, of a few dozen kilobytes.
 */
export const SITEMAP_PART_ARTICLES = 250;

const XMLNS = "http://www.sitemaps.org/schemas/sitemap/0.9";

/** One page, or one part of the sitemap: its absolute URL and its date. */
interface SitemapEntry {
  loc: string;
  lastmod?: string;
}

/** What a sitemap needs of the site: its lists, and each article's id and date, newest first. */
type SitemapModel = Pick<SiteModel, "topics" | "outlets"> & {
  articles: readonly Pick<Article, "id" | "publishedAt">[];
};

const entryXml = (tag: "url" | "sitemap", { loc, lastmod }: SitemapEntry) =>
  `  <${tag}><loc>${escapeMarkup(loc)}</loc>${lastmod ? `<lastmod>${lastmod}</lastmod>` : ""}</${tag}>\n`;

const xmlFile = (root: "urlset" | "sitemapindex", body: string) =>
  `<?xml version="1.0" encoding="UTF-8"?>\n<${root} xmlns="${XMLNS}">\n${body}</${root}>\n`;

const urlset = (entries: readonly SitemapEntry[]) => xmlFile("urlset", entries.map((entry) => entryXml("url", entry)).join(""));

/** A part's file, named by its bytes: a part that did not change keeps its name, and a crawler need not read it again. */
const partFile = (xml: string): DataFile => ({ path: publishedPaths.sitemapPart(shardNameOf(xml)), render: () => xml });

/**
 * `sitemap.xml`, a sitemap index, and its parts: one for the home page, the topics and the
 * outlets (without dates: a list changes with every story in it), then the articles, each
 * with its date, oldest first in parts cut by `endsAt` (`SITEMAP_PART_ARTICLES` on average).
 */
export function* sitemapFiles(model: SitemapModel, siteUrl: string, partArticles = SITEMAP_PART_ARTICLES): Generator<DataFile> {
  const page = (path: string, lastmod?: string): SitemapEntry => ({ loc: pageUrl(siteUrl, path), lastmod });
  // By slug and key, not by count: a new story must not reorder the part.
  const lists = [
    page(pagePaths.home),
    ...model.topics.map((topic) => topic.slug).sort(byText).map((slug) => page(pagePaths.topic(slug))),
    ...model.outlets.map((outlet) => outlet.key).sort(byText).map((key) => page(pagePaths.outlet(key))),
  ];
  const parts: SitemapEntry[] = [];
  const listsFile = partFile(urlset(lists));
  yield listsFile;
  parts.push({ loc: fileUrl(siteUrl, listsFile.path), lastmod: model.articles[0]?.publishedAt });
  const endsAt = (article: Pick<Article, "id">) => endsRunAt(article.id, partArticles);
  // A part is closed after four times the average whatever the hashes: far below the 50,000 URLs sitemaps.org allows.
  for (const chunk of cutByContent([...model.articles].reverse(), endsAt, 4 * partArticles)) {
    const file = partFile(urlset(chunk.map((article) => page(pagePaths.article(article.id), article.publishedAt))));
    yield file;
    // Oldest first within the part: its newest article is its last.
    parts.push({ loc: fileUrl(siteUrl, file.path), lastmod: chunk[chunk.length - 1].publishedAt });
  }
  const index = xmlFile("sitemapindex", parts.map((part) => entryXml("sitemap", part)).join(""));
  yield { path: publishedPaths.sitemap, render: () => index };
}

export const robotsTxt = (siteUrl: string): string =>
  `User-agent: *\nAllow: /\n\nSitemap: ${fileUrl(siteUrl, publishedPaths.sitemap)}\n`;
