import { performance } from "node:perf_hooks";
import { discoverArticleFiles, loadArticleFile, type LoadedFile } from "./load.ts";
import { openParseCache, type ParseCache } from "./parse-cache.ts";
import type { FileResult } from "./parse-file.ts";
import { parseFiles } from "./parse-pool.ts";
import type { ContentProblem } from "./problems.ts";
import { buildSiteModel, type SiteModel } from "./site.ts";

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

export type ContentStore = ReturnType<typeof createContentStore>;
