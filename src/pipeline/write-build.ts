/**
 * A build's output, written: the data, the feeds and sitemaps, the pages (home, topics,
 * articles) with their first screens drawn from that data. The
 * Vite plugin (the full build) and `npm run build:data` (the update) both write through
 * here, so both leave the same files.
 */
import { createHash } from "node:crypto";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { articleBucketOf } from "../contract/buckets.ts";
import { DATA_DIR, dataPaths } from "../contract/data-layout.ts";
import { plural } from "../contract/text.ts";
import type { Article, SiteIndex } from "../contract/types.ts";
import type { BuildLogger } from "./content-report.ts";
import type { ContentBuild } from "./content-store.ts";
import { dataFiles } from "./data-files.ts";
import {
  readManifest,
  retireAndRecord,
  writeFiles,
  writeReport,
  type BuildManifest,
  type BuildReportFile,
  type ContentFigures,
  type RetireResult,
  type WriteResult,
} from "./output.ts";
import { loadRenderer, pagesWithFirstScreens, RENDERER_DIR, type FirstScreenAccount } from "./publish/first-screen.ts";
import { pageTemplate, SHELL_PAGE, sitePages } from "./publish/page-head.ts";
import { publishedFiles } from "./publish/published-files.ts";

export interface WriteOptions {
  siteUrl: string;
  offlineArticleBudget: number;
  prerenderedArticles: number;
  /** Hours a file the data no longer uses stays in the folder. */
  graceHours?: number;
  /** The clock the pages' first screens are drawn with (ms since 1970); the time of the build by default. */
  now?: number;
}

/** What a build did, in numbers: what the summary prints and the benchmark reads. */
export interface BuildResult {
  /** Content files since the previous build in this folder (none: all are new). */
  content: { added: number; edited: number; removed: number };
  write: WriteResult;
  retire: RetireResult;
  /** Article pages written for link previews. */
  articlePages: number;
  /** Pages written as HTML (home, topics, articles): how many, what drawing their first screens came to, and its time. */
  pages: { total: number; milliseconds: number } & FirstScreenAccount;
  milliseconds: number;
}

/** How the content files differ from those the previous build read. */
function contentChanges(previous: BuildManifest | undefined, current: Record<string, string>): BuildResult["content"] {
  const before = previous?.content ?? {};
  let added = 0;
  let edited = 0;
  for (const [file, key] of Object.entries(current)) {
    if (!(file in before)) added++;
    else if (before[file] !== key) edited++;
  }
  const removed = Object.keys(before).filter((file) => !(file in current)).length;
  return { added, edited, removed };
}

/** What the full build knows that the folder alone does not say. */
export interface BundleFacts {
  /** The app's own files: those in the folder that the build did not make. */
  app: (made: ReadonlySet<string>) => Promise<string[]>;
  /** The previous build's manifest, read before the bundler emptied the folder. */
  previous: BuildManifest | undefined;
}

/**
 * The content files as the manifest records them: each path by a digest, so that the
 * manifest (which a host that deploys the whole folder may publish) never names a file
 * of the content folder, drafts included.
 */
const contentDigests = (keys: Record<string, string>) =>
  Object.fromEntries(Object.entries(keys).map(([file, key]) => [createHash("sha256").update(file).digest("hex").slice(0, 16), key]));

/**
 * Writes `build` into `outDir`, which already holds the app (index.html and its assets):
 * only files it does not hold with the same bytes, the index last, then the manifest.
 * Without `bundle` (the data-only update), the app's files and the previous build are
 * those the manifest in the folder lists.
 */
export async function writeBuild(outDir: string, build: ContentBuild, options: WriteOptions, bundle?: BundleFacts): Promise<BuildResult> {
  const started = performance.now();
  const previous = bundle ? bundle.previous : await readManifest(outDir);
  const content = contentDigests(build.contentKeys);
  // The app shell: what index.html was before the home page's first screen went into it.
  const shell = await readFile(join(outDir, SHELL_PAGE), "utf8").catch(() => readFile(join(outDir, "index.html"), "utf8"));
  const prerendered = build.model.articles.slice(0, options.prerenderedArticles);
  function* everything() {
    yield* dataFiles(build.model, { offlineArticleBudget: options.offlineArticleBudget });
    yield* publishedFiles(build.model, options.siteUrl);
  }
  const data = await writeFiles(outDir, everything(), previous);
  // Drawn from the data as the folder now holds it, the index included.
  const assemble = pageTemplate(shell, options.siteUrl);
  // Articles drawn bucket by bucket, so that the renderer reads each bucket once.
  const bucketOf = (article: Article) => articleBucketOf(article.id, build.model.articleBucketBits) ?? 0;
  const pages = sitePages(build.model.topics, [...prerendered].sort((a, b) => bucketOf(a) - bucketOf(b)), options.siteUrl);
  const loaded = await loadRenderer(outDir, pages.length);
  const drawing = performance.now();
  const account: FirstScreenAccount = { renders: 0, kept: 0, failed: 0 };
  if (!loaded) Object.assign(account, { failed: pages.length, firstFailure: `no renderer in ${RENDERER_DIR} (build the site in full once)` });
  let html: WriteResult;
  try {
    const index = JSON.parse(await readFile(join(outDir, dataPaths.index), "utf8")) as SiteIndex;
    const draw = { shell, index, outDir, now: options.now ?? Date.now(), account };
    html = await writeFiles(
      outDir,
      loaded ? pagesWithFirstScreens(loaded, pages, assemble, draw) : pages.map((page) => ({ path: page.file, render: () => assemble(page) })),
      previous,
    );
  } finally {
    loaded?.renderer.close();
  }
  const write: WriteResult = { written: [...data.written, ...html.written], unchanged: data.unchanged + html.unchanged, files: new Map([...data.files, ...html.files]) };
  const files = Object.fromEntries(write.files);
  const appFiles = bundle ? (await bundle.app(new Set(write.files.keys()))).filter((path) => !(path in (previous?.files ?? {})) && !(path.startsWith(`${DATA_DIR}/`) && path in (previous?.retired ?? {}))) : (previous?.app ?? []);
  const retire = await retireAndRecord(outDir, previous, { files, app: appFiles, content }, { graceHours: options.graceHours });
  return {
    content: contentChanges(previous, content),
    write,
    retire,
    articlePages: prerendered.length,
    pages: { total: pages.length, milliseconds: performance.now() - drawing, ...account },
    milliseconds: performance.now() - started,
  };
}

/** What a publisher must hear of pages written without their first screen: they work, but show nothing before the script runs. */
export const firstScreenWarning = ({ pages }: BuildResult): string | undefined =>
  pages.failed > 0 ? `Broadsheet pages: ${number(pages.failed)} ${plural(pages.failed, "page")} written without a first screen; the first: ${pages.firstFailure}` : undefined;

/** A count as the build's report writes it: `1,024`. */
const number = (count: number) => count.toLocaleString("en-US");

const size = (bytes: number) =>
  bytes < 1024 ? `${bytes} B` : bytes < 1024 ** 2 ? `${(bytes / 1024).toFixed(1)} kB` : `${(bytes / 1024 ** 2).toFixed(1)} MB`;

/** What a build did, in a publisher's words: what changed in the content, and what the host must take. */
export function buildReport({ content, write, retire, pages }: BuildResult, graceHours: number): string[] {
  const written = write.written.reduce((total, file) => total + file.bytes, 0);
  const total = [...write.files.values()].reduce((sum, bytes) => sum + bytes, 0);
  return [
    `Broadsheet update: ${number(content.added)} ${plural(content.added, "new article file")}, ${number(content.edited)} edited, ${number(content.removed)} removed`,
    `Broadsheet files: ${number(write.written.length)} ${plural(write.written.length, "file")} written (${size(written)}), ${number(write.unchanged)} ${plural(write.unchanged, "file")} unchanged; ` +
      `the build uses ${number(write.files.size)} ${plural(write.files.size, "file")} (${size(total)})`,
    `Broadsheet pages: ${number(pages.total)} ${plural(pages.total, "page")} as HTML (home, topics, articles), ${number(pages.kept)} left as they were; ` +
      `${number(pages.renders)} ${plural(pages.renders, "first screen")} drawn, in ${(pages.milliseconds / 1000).toFixed(1)} s`,
    `Broadsheet retired: ${number(retire.retired.length)} ${plural(retire.retired.length, "file")} no longer used (kept ${graceHours} hours for readers on the previous index), ` +
      `${number(retire.pruned.length)} ${plural(retire.pruned.length, "file")} past that deleted`,
  ];
}

/** The build's report (`REPORT_PATH`): the content step's figures and what the write did. */
export function reportFile(by: BuildReportFile["by"], content: ContentFigures, result: BuildResult, now = new Date()): BuildReportFile {
  const { write, pages, retire } = result;
  return {
    writtenAt: now.toISOString(),
    by,
    content,
    changes: result.content,
    write: {
      written: write.written.length,
      writtenBytes: write.written.reduce((total, file) => total + file.bytes, 0),
      unchanged: write.unchanged,
      files: write.files.size,
      bytes: [...write.files.values()].reduce((sum, bytes) => sum + bytes, 0),
    },
    pages: { total: pages.total, kept: pages.kept, renders: pages.renders, failed: pages.failed, ms: pages.milliseconds, articlePages: result.articlePages },
    retire: { retired: retire.retired.length, pruned: retire.pruned.length },
    writeMs: result.milliseconds,
  };
}

/**
 * After the write, for the full build and the update alike: the publisher's summary, the
 * warning about pages without a first screen, and the report beside the manifest.
 */
export async function reportWrite(
  logger: BuildLogger,
  outDir: string,
  result: BuildResult,
  { by, content, graceHours }: { by: BuildReportFile["by"]; content: ContentFigures; graceHours: number },
): Promise<void> {
  for (const line of buildReport(result, graceHours)) logger.info(line);
  const warning = firstScreenWarning(result);
  if (warning) logger.warn(warning);
  await writeReport(outDir, reportFile(by, content, result));
}
