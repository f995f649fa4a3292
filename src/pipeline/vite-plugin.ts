import { existsSync } from "node:fs";
import { mkdir, readFile, stat, writeFile } from "node:fs/promises";
import { dirname, join, relative, sep } from "node:path";
import { performance } from "node:perf_hooks";
import type { Logger, Plugin, ViteDevServer } from "vite";
import { CONTENT_UPDATE_EVENT, DATA_DIR, dataPaths } from "../contract/paths.ts";
import {
  assertValid,
  createContentStore,
  displayFolder,
  resolveContentOptions,
  summaryLine,
  type ContentBuild,
  type ContentOptions,
} from "./content.ts";
import { dataFiles, type DataFile } from "./data-files.ts";
import { isArticleFile } from "./load.ts";
import { mapLimit } from "./collections.ts";
import { formatProblem, InvalidContentError, type ContentProblem } from "./problems.ts";
import { articlePages, withSiteHead } from "./publish/page-head.ts";
import { publishedContentType, publishedFiles } from "./publish/published-files.ts";
import { contentFolderGuard, securityHeadersPlugin } from "./publish/security.ts";
import { searchIndexFiles, searchSummaryLine } from "./search-index.ts";
import { nameOnDisk } from "./slug.ts";

const MAX_LISTED = 50;

function report(logger: Logger, build: ContentBuild, milliseconds: number, invalid: "fail" | "skip") {
  const list = (problems: ContentProblem[], prefix: string) => {
    for (const problem of problems.slice(0, MAX_LISTED)) logger.warn(`${prefix}${formatProblem(problem)}`);
    if (problems.length > MAX_LISTED) logger.warn(`${prefix}…and ${problems.length - MAX_LISTED} more`);
  };
  list(build.warnings, "warning: ");
  // When invalid files fail the build, the error lists them; said twice they would read as skipped.
  if (invalid === "skip") list(build.invalid, "skipped: ");
  logger.info(summaryLine(build, invalid, milliseconds));
}

/**
 * Writes `files` under `outDir`. `written` holds every path the build wrote before, as a
 * case-insensitive disk compares them: no two files of a build ever share a path, so none
 * silently replaces another (names are made unique upstream; this is the proof).
 */
async function writeDataFiles(outDir: string, files: Iterable<DataFile>, written: Set<string>): Promise<void> {
  // One mkdir per folder, shared by every file that waits for it.
  const folders = new Map<string, Promise<unknown>>();
  const batch: DataFile[] = [];
  const flush = () =>
    mapLimit(batch.splice(0), 32, async (file) => {
      const target = join(outDir, file.path);
      const folder = dirname(target);
      if (!folders.has(folder)) folders.set(folder, mkdir(folder, { recursive: true }));
      await folders.get(folder);
      await writeFile(target, file.render());
    });
  // Rendered a batch at a time: a 100k archive is never held as text all at once.
  for (const file of files) {
    const onDisk = nameOnDisk(file.path);
    if (written.has(onDisk)) throw new Error(`Broadsheet: two files of this build would be written to ${file.path}`);
    written.add(onDisk);
    batch.push(file);
    if (batch.length === 256) await flush();
  }
  await flush();
}

/**
 * Resolves once the file's size and modification time hold still for a moment: an editor or a
 * script writes in steps (truncate, then data), and the watcher reports one change for a
 * burst, so reading during the burst would keep a half-written file until the next save.
 */
async function settled(path: string, quietMs = 60, tries = 30): Promise<void> {
  const signature = async () => {
    const { size, mtimeMs } = await stat(path).catch(() => ({ size: -1, mtimeMs: -1 }));
    return `${size}:${mtimeMs}`;
  };
  let last = await signature();
  for (let attempt = 0; attempt < tries; attempt++) {
    await new Promise((resolve) => setTimeout(resolve, quietMs));
    const now = await signature();
    if (now === last) break;
    last = now;
  }
}

/** Turns the article files of the content folder into the JSON data the app reads. */
export function broadsheetContent(options: ContentOptions = {}): Plugin[] {
  const { dir, invalid, offlineArticleBudget, cacheRoot, siteUrl, siteUrlWarning, prerenderedArticles } = resolveContentOptions(options);
  const store = createContentStore(dir, cacheRoot);
  let logger: Logger;
  let build: ContentBuild | undefined;

  const buildPlugin: Plugin = {
    name: "broadsheet:content-build",
    apply: "build",
    // Content is read while the config resolves: an invalid file then stops the build
    // with the list alone, before the bundler would wrap it in its own stack trace.
    async configResolved(config) {
      logger = config.logger;
      const started = performance.now();
      await store.loadAll();
      build = store.build();
      report(logger, build, performance.now() - started, invalid);
      assertValid(build, invalid, dir);
      if (siteUrlWarning) logger.warn(siteUrlWarning);
    },
    async writeBundle(output) {
      if (!build || !output.dir) return;
      const written = new Set<string>();
      await writeDataFiles(output.dir, dataFiles(build.model, { offlineArticleBudget }), written);
      const started = performance.now();
      const search = searchIndexFiles(build.model);
      await writeDataFiles(output.dir, search.files, written);
      logger.info(searchSummaryLine(search, performance.now() - started));
      const publishing = performance.now();
      await writeDataFiles(output.dir, publishedFiles(build.model, siteUrl), written);
      const html = await readFile(join(output.dir, "index.html"), "utf8");
      const prerendered = build.model.articles.slice(0, prerenderedArticles);
      await writeDataFiles(output.dir, articlePages(prerendered, html, siteUrl), written);
      logger.info(
        `Broadsheet publishing: feeds, sitemap, robots.txt and ${prerendered.length} article pages for ${siteUrl}, ` +
          `in ${Math.round(performance.now() - publishing)} ms`,
      );
    },
  };

  /** The site's title, description, feed links and link previews in index.html, in dev and build alike. */
  const headPlugin: Plugin = {
    name: "broadsheet:page-head",
    transformIndexHtml: (html) => withSiteHead(html, siteUrl),
  };

  const devPlugin: Plugin = {
    name: "broadsheet:content-dev",
    apply: "serve",
    configResolved(config) {
      logger = config.logger;
    },
    async configureServer(server: ViteDevServer) {
      let files = new Map<string, DataFile>();
      // The search index is made when a page first asks for it, not on every edit.
      let searchFiles: Map<string, DataFile> | undefined;
      const searchFile = (path: string) => {
        if (!build || !path.startsWith(dataPaths.search(build.model.buildId))) return undefined;
        if (!searchFiles) {
          const started = performance.now();
          const search = searchIndexFiles(build.model);
          searchFiles = new Map(search.files.map((file) => [file.path, file]));
          logger.info(searchSummaryLine(search, performance.now() - started));
        }
        return searchFiles.get(path);
      };
      let overlay: InvalidContentError | undefined;

      const publish = () => {
        const started = performance.now();
        build = store.build();
        report(logger, build, performance.now() - started, invalid);
        files = new Map([...dataFiles(build.model, { offlineArticleBudget }), ...publishedFiles(build.model, siteUrl)].map((file) => [file.path, file]));
        searchFiles = undefined;
        const wasBroken = overlay !== undefined;
        overlay = build.invalid.length > 0 ? new InvalidContentError(build.invalid, displayFolder(dir)) : undefined;
        if (overlay) return sendOverlay(overlay);
        // An empty update is how Vite's client is told to close its error overlay.
        if (wasBroken) server.ws.send({ type: "update", updates: [] });
        server.ws.send({ type: "custom", event: CONTENT_UPDATE_EVENT });
      };
      const sendOverlay = (error: InvalidContentError) =>
        server.ws.send({
          type: "error",
          err: { message: error.message, stack: "", plugin: "broadsheet:content", id: error.problems[0].file },
        });

      await store.loadAll();
      publish();
      server.ws.on("connection", () => overlay && sendOverlay(overlay));

      // One change at a time, in the order they came: a fast edit never lands before a slower one.
      let queue = Promise.resolve();
      const onFile = (change: "add" | "change" | "unlink") => (path: string) => {
        const file = relative(dir, path).split(sep).join("/");
        if (file.startsWith("..") || !isArticleFile(file)) return;
        queue = queue.then(async () => {
          if (change === "unlink" || !existsSync(path)) store.remove(file);
          else {
            await settled(path);
            await store.update(file);
          }
          publish();
        });
      };
      server.watcher.add(dir);
      server.watcher.on("add", onFile("add"));
      server.watcher.on("change", onFile("change"));
      server.watcher.on("unlink", onFile("unlink"));

      // Data, feeds, sitemaps and robots.txt; every other path is Vite's.
      server.middlewares.use((req, res, next) => {
        const path = req.url?.split("?")[0];
        if (!path?.startsWith(server.config.base)) return next();
        const raw = path.slice(server.config.base.length);
        const type = raw.startsWith(`${DATA_DIR}/`) ? "application/json" : publishedContentType(raw);
        if (!type) return next();
        const dataPath = decodeURIComponent(raw);
        const file = files.get(dataPath) ?? searchFile(dataPath);
        if (!file) {
          res.statusCode = 404;
          res.end("Not found");
          return;
        }
        res.setHeader("Content-Type", type);
        res.setHeader("Cache-Control", "no-store");
        res.end(file.render());
      });
    },
  };

  return [
    buildPlugin,
    devPlugin,
    headPlugin,
    // The headers a host sends with the build; and the dev server never hands out the content files, which hold `secured` values.
    securityHeadersPlugin(() => (build ? [dataPaths.build(build.model.buildId)] : [])),
    contentFolderGuard(dir),
  ];
}
