import { isAbsolute, relative, resolve } from "node:path";
import { performance } from "node:perf_hooks";
import { parseHttpUrl } from "../contract/urls.ts";
import { DEFAULT_OFFLINE_ARTICLE_BUDGET } from "./data-files.ts";
import { discoverArticleFiles, loadArticleFile, type LoadedFile } from "./load.ts";
import { DEFAULT_GRACE_HOURS } from "./output.ts";
import { openParseCache, type ParseCache } from "./parse-cache.ts";
import { DEFAULT_PRERENDERED_ARTICLES } from "./publish/page-head.ts";
import type { FileResult } from "./parse-file.ts";
import { parseFiles } from "./parse-pool.ts";
import type { Logger } from "vite";
import { formatProblem, InvalidContentError, type ContentProblem } from "./problems.ts";
import { buildSiteModel, type SiteModel } from "./site.ts";

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

export interface ContentBuild {
  model: SiteModel;
  /** Files that are not valid articles, each with every reason. */
  invalid: ContentProblem[];
  warnings: ContentProblem[];
  files: number;
  /** Each readable content file's cache key (its path and bytes): what tells an update what changed. */
  contentKeys: Record<string, string>;
  milliseconds: number;
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

/**
 * The content of one folder, held between builds: each file's result is kept until the
 * file changes, so the dev server re-reads only what was edited. With a `cacheRoot`,
 * results also outlive the process: a build parses only the files whose text changed.
 */
export function createContentStore(dir: string, cacheRoot?: string) {
  const results = new Map<string, FileResult>();
  /** Each readable file's cache key. */
  const keys = new Map<string, string>();
  let cache: ParseCache | undefined;

  const keep = (file: string, { key, result }: LoadedFile) => {
    const settled = result ?? (key === undefined ? undefined : cache?.get(key));
    if (!settled) throw new Error(`${file} was neither parsed nor found in the parse cache`);
    results.set(file, settled);
    if (key === undefined) {
      keys.delete(file);
      return;
    }
    keys.set(file, key);
    if (result) cache?.set(key, result);
  };
  const save = () => cache?.save(new Set(keys.values()));

  return {
    async loadAll(): Promise<void> {
      cache ??= cacheRoot === undefined ? undefined : await openParseCache(cacheRoot, dir);
      const files = await discoverArticleFiles(dir);
      results.clear();
      keys.clear();
      const loaded = await parseFiles(dir, files, cache?.known);
      files.forEach((file, index) => keep(file, loaded[index]));
      await save();
    },
    async update(file: string): Promise<void> {
      keep(file, await loadArticleFile(dir, file, cache?.known));
      await save();
    },
    /** Lets go of every parsed file (a full build has its model and needs them no more); the next `loadAll` reads them again. */
    release(): void {
      results.clear();
      cache = undefined;
    },
    remove(file: string): void {
      results.delete(file);
      keys.delete(file);
    },
    build(): ContentBuild {
      const started = performance.now();
      const sorted = [...results].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
      const invalid: ContentProblem[] = [];
      const warnings: ContentProblem[] = [];
      const records = [];
      for (const [, result] of sorted) {
        warnings.push(...result.warnings);
        if (result.ok) records.push(result.record);
        else invalid.push(...result.problems);
      }
      const model = buildSiteModel(records);
      warnings.push(...model.warnings);
      return { model, invalid, warnings, files: results.size, contentKeys: Object.fromEntries(keys), milliseconds: performance.now() - started };
    },
  };
}

const plural = (count: number, one: string, many = `${one}s`) => `${count} ${count === 1 ? one : many}`;

/** The one line a build prints about its content. */
export function summaryLine(build: ContentBuild, mode: "fail" | "skip", milliseconds = build.milliseconds): string {
  const { model, invalid, warnings } = build;
  const invalidFiles = new Set(invalid.map((problem) => problem.file)).size;
  const invalidPart =
    mode === "skip" || invalidFiles === 0 ? `${plural(invalidFiles, "file")} skipped` : plural(invalidFiles, "invalid file");
  return (
    `Broadsheet content: ${plural(model.articles.length, "article")}, ${plural(model.topics.length, "topic")}, ` +
    `${plural(model.stats.drafts, "draft")} left out, ${plural(model.stats.duplicatesMerged, "duplicate")} merged, ` +
    `${invalidPart}, ${plural(warnings.length, "warning")}, in ${Math.round(milliseconds)} ms`
  );
}

/** Where a build's lines go: Vite's logger, or the console. */
export type BuildLogger = Pick<Logger, "info" | "warn">;

const MAX_LISTED = 50;

/** Prints the warnings (and skipped files), at most `MAX_LISTED` of each, then the summary line. */
export function reportContent(logger: BuildLogger, build: ContentBuild, milliseconds: number, invalid: "fail" | "skip"): void {
  const list = (problems: ContentProblem[], prefix: string) => {
    for (const problem of problems.slice(0, MAX_LISTED)) logger.warn(`${prefix}${formatProblem(problem)}`);
    if (problems.length > MAX_LISTED) logger.warn(`${prefix}…and ${problems.length - MAX_LISTED} more`);
  };
  list(build.warnings, "warning: ");
  // When invalid files fail the build, the error lists them; said twice they would read as skipped.
  if (invalid === "skip") list(build.invalid, "skipped: ");
  logger.info(summaryLine(build, invalid, milliseconds));
}

/** The folder as a message should name it: relative to where the build runs, when inside it. */
export function displayFolder(dir: string): string {
  const inside = relative(process.cwd(), dir);
  return inside && !inside.startsWith("..") && !isAbsolute(inside) ? `${inside}/` : `${dir}/`;
}

/** Fails with every invalid file listed, unless invalid files are to be skipped. */
export function assertValid(build: ContentBuild, invalid: "fail" | "skip", dir: string): void {
  if (invalid === "fail" && build.invalid.length > 0) throw new InvalidContentError(build.invalid, displayFolder(dir));
}
