/** What a build says about its content: the warnings, the summary line, and the error that lists every invalid file. */
import { isAbsolute, relative } from "node:path";
import { performance } from "node:perf_hooks";
import type { Logger } from "vite";
import { plural } from "../contract/text.ts";
import type { ContentBuild, ContentStore } from "./content-store.ts";
import type { ContentFigures } from "./output.ts";
import { formatProblem, InvalidContentError, type ContentProblem } from "./problems.ts";

/** The one line a build prints about its content. */
export function summaryLine(build: ContentBuild, mode: "fail" | "skip", milliseconds = build.milliseconds): string {
  const figures = contentFigures(build, milliseconds);
  const invalidPart =
    mode === "skip" || figures.skipped === 0 ? `${figures.skipped} ${plural(figures.skipped, "file")} skipped` : `${figures.skipped} ${plural(figures.skipped, "invalid file")}`;
  return (
    `Broadsheet content: ${figures.articles} ${plural(figures.articles, "article")}, ${figures.topics} ${plural(figures.topics, "topic")}, ` +
    `${figures.drafts} ${plural(figures.drafts, "draft")} left out, ${figures.duplicates} ${plural(figures.duplicates, "duplicate")} merged, ` +
    `${invalidPart}, ${figures.warnings} ${plural(figures.warnings, "warning")}, in ${Math.round(figures.ms)} ms`
  );
}

/** The content step in numbers, as the summary line says them and the build's report records them. */
export function contentFigures(build: ContentBuild, milliseconds = build.milliseconds): ContentFigures {
  const { model, invalid, warnings } = build;
  return {
    ms: milliseconds,
    articles: model.articles.length,
    topics: model.topics.length,
    drafts: model.stats.drafts,
    duplicates: model.stats.duplicatesMerged,
    // Files with at least one problem: skipped, or (when invalid files fail the build) the ones it fails on.
    skipped: new Set(invalid.map((problem) => problem.file)).size,
    warnings: warnings.length,
  };
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

export interface ReadOptions {
  dir: string;
  invalid: "fail" | "skip";
  /** Said once the content is read, when the site's address is the placeholder. */
  siteUrlWarning?: string;
}

/**
 * The content step of a full build and of the data-only update alike: reads every file of the
 * store's folder (the parse cache's results taken as they are), builds the model, lets go of
 * the parsed files, prints the warnings and the summary line, fails on invalid files unless they
 * are to be skipped, and warns of a missing SITE_URL. Its figures go into the build's report.
 */
export async function readContent(store: ContentStore, logger: BuildLogger, { dir, invalid, siteUrlWarning }: ReadOptions): Promise<{ build: ContentBuild; figures: ContentFigures }> {
  const started = performance.now();
  await store.loadAll();
  const build = store.build();
  store.release();
  const milliseconds = performance.now() - started;
  reportContent(logger, build, milliseconds, invalid);
  assertValid(build, invalid, dir);
  if (siteUrlWarning) logger.warn(siteUrlWarning);
  return { build, figures: contentFigures(build, milliseconds) };
}
