/**
 * The sitemap (every page a search engine should know: home, topics, outlets, articles)
 * and the robots.txt that points at it.
 */
import { pagePaths } from "../../contract/pages.ts";
import { publishedPaths } from "../../contract/paths.ts";
import type { Article } from "../../contract/types.ts";
import type { DataFile } from "../shards.ts";
import type { SiteModel } from "../site.ts";
import { escapeMarkup, fileUrl, pageUrl } from "./markup.ts";

/** The most URLs one sitemap file may list (sitemaps.org); past it, parts and a sitemap index. */
export const SITEMAP_URL_LIMIT = 50_000;

const XMLNS = "http://www.sitemaps.org/schemas/sitemap/0.9";

/** One page, or one part of a split sitemap: its absolute URL and its date. */
interface SitemapEntry {
  loc: string;
  lastmod?: string;
}

/** What a sitemap needs of the site: its lists, and each article's id and date. */
type SitemapModel = Pick<SiteModel, "topics" | "topicArticles" | "providers" | "providerArticles"> & {
  articles: readonly Pick<Article, "id" | "publishedAt">[];
};

const urlCount = (model: SitemapModel) => 1 + model.topics.length + model.providers.length + model.articles.length;

/** Every page, each list dated by its newest story and each article by its own date. */
function* sitemapEntries(model: SitemapModel, siteUrl: string): Generator<SitemapEntry> {
  const { articles } = model;
  const newestOf = (list: readonly number[] | undefined) => (list?.length ? articles[list[0]].publishedAt : undefined);
  const page = (path: string, lastmod: string | undefined) => ({ loc: pageUrl(siteUrl, path), lastmod });
  yield page(pagePaths.home, articles[0]?.publishedAt);
  for (const topic of model.topics) yield page(pagePaths.topic(topic.slug), newestOf(model.topicArticles.get(topic.slug)));
  for (const provider of model.providers) yield page(pagePaths.provider(provider.key), newestOf(model.providerArticles.get(provider.key)));
  for (const article of articles) yield page(pagePaths.article(article.id), article.publishedAt);
}

const entryXml = (tag: "url" | "sitemap", { loc, lastmod }: SitemapEntry) =>
  `  <${tag}><loc>${escapeMarkup(loc)}</loc>${lastmod ? `<lastmod>${lastmod}</lastmod>` : ""}</${tag}>\n`;

const xmlFile = (root: "urlset" | "sitemapindex", body: string) =>
  `<?xml version="1.0" encoding="UTF-8"?>\n<${root} xmlns="${XMLNS}">\n${body}</${root}>\n`;

const urlset = (entries: readonly SitemapEntry[]) => xmlFile("urlset", entries.map((entry) => entryXml("url", entry)).join(""));

/** The newest date among `entries` (ISO dates in UTC compare as text). */
const newest = (entries: readonly SitemapEntry[]) =>
  entries.reduce<string | undefined>((latest, { lastmod }) => (lastmod && (!latest || lastmod > latest) ? lastmod : latest), undefined);

/**
 * `sitemap.xml` listing every page when they fit `limit`; otherwise `sitemap-1.xml`,
 * `sitemap-2.xml`, … of `limit` URLs each, and `sitemap.xml` as their index.
 */
export function* sitemapFiles(model: SitemapModel, siteUrl: string, limit = SITEMAP_URL_LIMIT): Generator<DataFile> {
  let entries: SitemapEntry[] | undefined;
  const all = () => (entries ??= [...sitemapEntries(model, siteUrl)]);
  const total = urlCount(model);
  if (total <= limit) {
    yield { path: publishedPaths.sitemap, render: () => urlset(all()) };
    return;
  }
  const parts = Math.ceil(total / limit);
  const part = (n: number) => all().slice((n - 1) * limit, n * limit);
  for (let n = 1; n <= parts; n++) {
    yield { path: publishedPaths.sitemapPart(n), render: () => urlset(part(n)) };
  }
  yield {
    path: publishedPaths.sitemap,
    render: () =>
      xmlFile(
        "sitemapindex",
        Array.from({ length: parts }, (_, i) => entryXml("sitemap", { loc: fileUrl(siteUrl, publishedPaths.sitemapPart(i + 1)), lastmod: newest(part(i + 1)) })).join(""),
      ),
  };
}

export const robotsTxt = (siteUrl: string): string =>
  `User-agent: *\nAllow: /\n\nSitemap: ${fileUrl(siteUrl, publishedPaths.sitemap)}\n`;
