/**
 * What a build reads and writes, resolved once from its options and the environment: the
 * content folder, what invalid files do, the parse cache, the site's address, the budgets.
 */
import { resolve } from "node:path";
import { parseHttpUrl } from "../contract/urls.ts";
import { DEFAULT_OFFLINE_ARTICLE_BUDGET } from "./data-files.ts";
import { DEFAULT_GRACE_HOURS } from "./output.ts";
import { DEFAULT_PRERENDERED_ARTICLES } from "./publish/page-head.ts";

export interface ContentOptions {
  /** The content folder; default `CONTENT_DIR` or `content/`. */
  dir?: string;
  /** What an invalid file does to the build; default `CONTENT_INVALID` or `fail`. */
  invalid?: "fail" | "skip";
  /** Gzipped bytes of article data saved whole for offline reading; default `OFFLINE_ARTICLES_MAX_BYTES` or 5 MB. */
  offlineArticleBudget?: number;
  /** Where parsed files are kept between builds, or false for nowhere; default `CONTENT_CACHE` or `node_modules/.cache/broadsheet`. */
  cache?: string | false;
  /** The site's public address, for the absolute links in feeds, sitemaps and link previews; default `SITE_URL`. */
  siteUrl?: string;
  /** How many of the newest articles get a page of their own with their link preview; default `PRERENDERED_ARTICLES` or 10,000. */
  prerenderedArticles?: number;
  /** Hours a file the data no longer uses stays in the output folder; default `DATA_GRACE_HOURS` or 72. */
  graceHours?: number;
}

const DEFAULT_CACHE = "node_modules/.cache/broadsheet";

export function resolveContentOptions(options: ContentOptions = {}, env = process.env) {
  const invalid = options.invalid ?? (env.CONTENT_INVALID === "skip" ? "skip" : "fail");
  const budget = options.offlineArticleBudget ?? Number(env.OFFLINE_ARTICLES_MAX_BYTES || DEFAULT_OFFLINE_ARTICLE_BUDGET);
  if (!Number.isFinite(budget) || budget < 0) {
    throw new Error(`OFFLINE_ARTICLES_MAX_BYTES must be a number of bytes, such as 5242880; it is "${env.OFFLINE_ARTICLES_MAX_BYTES}"`);
  }
  const cache = options.cache ?? (env.CONTENT_CACHE === "off" ? false : (env.CONTENT_CACHE ?? DEFAULT_CACHE));
  const prerendered = options.prerenderedArticles ?? Number(env.PRERENDERED_ARTICLES || DEFAULT_PRERENDERED_ARTICLES);
  if (!Number.isSafeInteger(prerendered) || prerendered < 0) {
    throw new Error(`PRERENDERED_ARTICLES must be a whole number of articles, such as 10000; it is "${env.PRERENDERED_ARTICLES}"`);
  }
  const graceHours = options.graceHours ?? Number(env.DATA_GRACE_HOURS || DEFAULT_GRACE_HOURS);
  if (!Number.isFinite(graceHours) || graceHours < 0) {
    throw new Error(`DATA_GRACE_HOURS must be a number of hours, such as 72; it is "${env.DATA_GRACE_HOURS}"`);
  }
  return {
    dir: resolve(options.dir ?? env.CONTENT_DIR ?? "content"),
    invalid,
    offlineArticleBudget: budget,
    cacheRoot: cache === false ? undefined : resolve(cache),
    ...resolveSiteUrl(options.siteUrl ?? env.SITE_URL),
    prerenderedArticles: prerendered,
    graceHours,
  } as const;
}

/** What `vite preview` serves: a site built without SITE_URL links there, and says so. */
export const PLACEHOLDER_SITE_URL = "http://localhost:4173/";

/**
 * The site's address, ending in `/` so that page paths append to it (a site may live under
 * a path, such as `https://example.com/news/`). Without one the build still succeeds, with a
 * local placeholder and a warning to print; a value that is not an http(s) address fails it.
 */
export function resolveSiteUrl(value: string | undefined): { siteUrl: string; siteUrlWarning?: string } {
  if (!value?.trim()) {
    return {
      siteUrl: PLACEHOLDER_SITE_URL,
      siteUrlWarning:
        `SITE_URL is not set: the feeds, sitemap and link previews carry the placeholder ${PLACEHOLDER_SITE_URL}. ` +
        "Set SITE_URL to the site's public address when building, such as SITE_URL=https://news.example.com npm run build",
    };
  }
  const url = parseHttpUrl(value);
  if (!url || url.search || url.hash || url.username || url.password) {
    throw new Error(`SITE_URL must be the site's http(s) address, such as https://news.example.com or https://example.com/news/; it is "${value}"`);
  }
  return { siteUrl: `${url.origin}${url.pathname.replace(/\/?$/, "/")}` };
}

export type ResolvedContentOptions = ReturnType<typeof resolveContentOptions>;
