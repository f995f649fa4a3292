import { isAbsolute, relative, resolve } from "node:path";
import { performance } from "node:perf_hooks";
import { DEFAULT_OFFLINE_ARTICLE_BUDGET } from "./data-files.ts";
import { discoverArticleFiles, loadArticleFile } from "./load.ts";
import { parseFiles } from "./parse-pool.ts";
import type { FileResult } from "./parse-file.ts";
import { InvalidContentError, type ContentProblem } from "./problems.ts";
import { buildSiteModel, type SiteModel } from "./site.ts";

export interface ContentOptions {
  /** The content folder; default `CONTENT_DIR` or `content/`. */
  dir?: string;
  /** What an invalid file does to the build; default `CONTENT_INVALID` or `fail`. */
  invalid?: "fail" | "skip";
  /** Gzipped bytes of article data saved whole for offline reading; default `OFFLINE_ARTICLES_MAX_BYTES` or 5 MB. */
  offlineArticleBudget?: number;
}

export interface ContentBuild {
  model: SiteModel;
  /** Files that are not valid articles, each with every reason. */
  invalid: ContentProblem[];
  warnings: ContentProblem[];
  files: number;
  milliseconds: number;
}

export function resolveContentOptions(options: ContentOptions = {}, env = process.env) {
  const invalid = options.invalid ?? (env.CONTENT_INVALID === "skip" ? "skip" : "fail");
  const budget = options.offlineArticleBudget ?? Number(env.OFFLINE_ARTICLES_MAX_BYTES || DEFAULT_OFFLINE_ARTICLE_BUDGET);
  if (!Number.isFinite(budget) || budget < 0) {
    throw new Error(`OFFLINE_ARTICLES_MAX_BYTES must be a number of bytes, such as 5242880; it is "${env.OFFLINE_ARTICLES_MAX_BYTES}"`);
  }
  return { dir: resolve(options.dir ?? env.CONTENT_DIR ?? "content"), invalid, offlineArticleBudget: budget } as const;
}

/**
 * The content of one folder, held between builds: each file's result is kept until the
 * file changes, so the dev server re-reads only what was edited.
 */
export function createContentStore(dir: string) {
  const results = new Map<string, FileResult>();
  return {
    async loadAll(): Promise<void> {
      const files = await discoverArticleFiles(dir);
      results.clear();
      const loaded = await parseFiles(dir, files);
      files.forEach((file, index) => results.set(file, loaded[index]));
    },
    async update(file: string): Promise<void> {
      results.set(file, await loadArticleFile(dir, file));
    },
    remove(file: string): void {
      results.delete(file);
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
      return { model, invalid, warnings, files: results.size, milliseconds: performance.now() - started };
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

/** The folder as a message should name it: relative to where the build runs, when inside it. */
export function displayFolder(dir: string): string {
  const inside = relative(process.cwd(), dir);
  return inside && !inside.startsWith("..") && !isAbsolute(inside) ? `${inside}/` : `${dir}/`;
}

/** Fails with every invalid file listed, unless invalid files are to be skipped. */
export function assertValid(build: ContentBuild, invalid: "fail" | "skip", dir: string): void {
  if (invalid === "fail" && build.invalid.length > 0) throw new InvalidContentError(build.invalid, displayFolder(dir));
}
