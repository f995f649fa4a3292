import { existsSync } from "node:fs";
import { stat } from "node:fs/promises";
import { relative, resolve, sep } from "node:path";
import { performance } from "node:perf_hooks";
import type { Logger, Plugin, ViteDevServer } from "vite";
import { contentMediaType } from "../contract/media-types.ts";
import { DATA_DIR, SHARD_KINDS } from "../contract/data-layout.ts";
import { CONTENT_UPDATE_EVENT } from "../contract/dev-events.ts";
import { resolveContentOptions, type ContentOptions } from "./content-options.ts";
import { displayFolder, readContent, reportContent } from "./content-report.ts";
import { createContentStore, type ContentBuild } from "./content-store.ts";
import { dataFiles } from "./data-files.ts";
import { isArticleFile } from "./load.ts";
import { filesIn, readManifest, type BuildManifest, type ContentFigures } from "./output.ts";
import { InvalidContentError } from "./problems.ts";
import { bundleRenderer } from "./publish/first-screen.ts";
import { SHELL_PAGE, withSiteHead } from "./publish/page-head.ts";
import { publishedFiles } from "./publish/published-files.ts";
import { contentFolderGuard, securityHeadersPlugin } from "./publish/security.ts";
import type { DataFile } from "./shards.ts";
import { reportWrite, writeBuild } from "./write-build.ts";

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
  const { dir, invalid, offlineArticleBudget, cacheRoot, siteUrl, siteUrlWarning, prerenderedArticles, graceHours } = resolveContentOptions(options);
  const writeOptions = { siteUrl, offlineArticleBudget, prerenderedArticles, graceHours };
  const store = createContentStore(dir, cacheRoot);
  let logger: Logger;
  let build: ContentBuild | undefined;
  let figures: ContentFigures | undefined;
  let previous: BuildManifest | undefined;
  let outDir = "";
  let app = { root: "", base: "/", mode: "production" };

  const buildPlugin: Plugin = {
    name: "broadsheet:content-build",
    apply: "build",
    // Content is read while the config resolves: an invalid file then stops the build
    // with the list alone, before the bundler would wrap it in its own stack trace.
    async configResolved(config) {
      logger = config.logger;
      ({ build, figures } = await readContent(store, logger, { dir, invalid, siteUrlWarning }));
      outDir = resolve(config.root, config.build.outDir);
      app = { root: config.root, base: config.base, mode: config.mode };
      // Read now: the bundler empties the folder before it writes.
      previous = await readManifest(outDir);
    },
    // Once every other plugin has written its files (vite-plugin-pwa writes the service worker and its icons
    // as the bundle closes): what is in the folder then and not written here is the app's own.
    closeBundle: {
      order: "post",
      sequential: true,
      async handler(error) {
        if (!build || !figures || error) return;
        // The app once more, for Node: what draws the pages' first screens now and at every update.
        await bundleRenderer(app, outDir);
        const appFiles = async (made: ReadonlySet<string>) => (await filesIn(outDir)).filter((path) => !made.has(path));
        const result = await writeBuild(outDir, build, writeOptions, { app: appFiles, previous });
        await reportWrite(logger, outDir, result, { by: "build", content: figures, graceHours: writeOptions.graceHours });
      },
    },
  };

  /** The site's title, description, feed links and link previews in index.html, in dev and build alike. */
  const headPlugin: Plugin = {
    name: "broadsheet:page-head",
    transformIndexHtml: (html) => withSiteHead(html, siteUrl),
  };

  /**
   * The app shell beside index.html, byte for byte what index.html is once every plugin has
   * changed it (the security policy last): emitted with the bundle, so the service worker
   * precaches it, before the home page's first screen goes into index.html.
   */
  const shellPlugin: Plugin = {
    name: "broadsheet:app-shell",
    apply: "build",
    enforce: "post",
    generateBundle: {
      order: "post",
      handler(_options, bundle) {
        const page = bundle["index.html"];
        if (page?.type === "asset") this.emitFile({ type: "asset", fileName: SHELL_PAGE, source: page.source });
      },
    },
  };

  const devPlugin: Plugin = {
    name: "broadsheet:content-dev",
    apply: "serve",
    configResolved(config) {
      logger = config.logger;
    },
    async configureServer(server: ViteDevServer) {
      let files = new Map<string, DataFile>();
      let overlay: InvalidContentError | undefined;

      const publish = () => {
        const started = performance.now();
        build = store.build();
        reportContent(logger, build, performance.now() - started, invalid);
        files = new Map([...dataFiles(build.model, { offlineArticleBudget }), ...publishedFiles(build.model, siteUrl)].map((file) => [file.path, file]));
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
        const type = contentMediaType(raw);
        if (!type) return next();
        const dataPath = decodeURIComponent(raw);
        const file = files.get(dataPath);
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
    securityHeadersPlugin(() => SHARD_KINDS.map((kind) => `${DATA_DIR}/${kind}/`)),
    shellPlugin,
    contentFolderGuard(dir),
  ];
}
