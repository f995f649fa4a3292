/**
 * The first screen of the home page, of each topic's page and of each prerendered article's
 * page, as HTML the app then hydrates: stories paint before any script runs, and a crawler
 * or a reader without JavaScript sees them. The full build bundles the app's renderer
 * (src/prerender/server.tsx) for Node into the out folder's `.broadsheet/` (never served,
 * never uploaded), so `npm run build:data` draws the pages again from new data without
 * bundling anything.
 */
import { createHash } from "node:crypto";
import { mkdir, readdir, readFile, writeFile } from "node:fs/promises";
import { join, normalize, sep } from "node:path";
import { availableParallelism } from "node:os";
import { pathToFileURL } from "node:url";
import { pageStateIn, pageStateScript, rekeyed, type PageRenderer, type PageState, type RenderedPage } from "../../contract/page-state.ts";
import { DATA_DIR } from "../../contract/data-layout.ts";
import type { SiteIndex } from "../../contract/types.ts";
import { STATE_DIR } from "../output.ts";
import type { DataFile } from "../shards.ts";
import type { FirstScreen, SitePage } from "./page-head.ts";
import { startTsWorker } from "../ts-worker.ts";

/** Where the renderer's bundle lives in the out folder. */
export const RENDERER_DIR = `${STATE_DIR}/server`;
/** The bundle's entry, named by its content: a new bundle is a new module, even to a process that imported the last one. */
const RENDERER_FILE = /^first-screen-[\w-]+\.mjs$/;
const RENDERER_SOURCE = "src/prerender/server.tsx";

/**
 * Bundles the renderer for Node, everything in it (React included), so it runs wherever
 * the out folder is, with React's production build and JSX whatever NODE_ENV says.
 */
export async function bundleRenderer(config: { root: string; base: string; mode: string }, outDir: string): Promise<void> {
  // Imported here: the workers that draw pages import this module, and need none of Vite.
  const { build } = await import("vite");
  await build({
    configFile: false,
    root: config.root,
    base: config.base,
    mode: config.mode,
    logLevel: "warn",
    publicDir: false,
    define: { "process.env.NODE_ENV": JSON.stringify("production") },
    oxc: { jsx: { runtime: "automatic", development: false } },
    ssr: { noExternal: true },
    build: {
      ssr: RENDERER_SOURCE,
      outDir: join(outDir, RENDERER_DIR),
      emptyOutDir: true,
      target: "node20",
      minify: false,
      rollupOptions: {
        // .mjs: modules wherever the folder is, with no package.json to say so.
        output: { entryFileNames: "first-screen-[hash].mjs", chunkFileNames: "chunks/[name]-[hash].mjs" },
        // React Router marks its modules "use client", which means nothing to a bundle for Node.
        onwarn: (warning, warn) => void (warning.code === "MODULE_LEVEL_DIRECTIVE" || warn(warning)),
      },
    },
  });
}

/** A data file of the out folder by its path below the base, as the host would answer it; never a file outside `data/`. */
function dataReader(outDir: string) {
  const root = join(outDir, DATA_DIR) + sep;
  return async (path: string): Promise<string | undefined> => {
    const file = normalize(join(outDir, path));
    return file.startsWith(root) ? readFile(file, "utf8").catch(() => undefined) : undefined;
  };
}

/** The renderer the full build left in an out folder, and its bundle's name (its content's hash). */
export interface LoadedRenderer {
  renderer: PageRenderer;
  bundle: string;
}

/** The name of the renderer's bundle the full build left in `outDir`, if it left one. */
const bundleIn = async (outDir: string) => (await readdir(join(outDir, RENDERER_DIR)).catch(() => [])).find((name) => RENDERER_FILE.test(name));

/** The renderer `bundle` of `outDir`, in this thread, reading that folder's data. */
export async function rendererIn(outDir: string, bundle: string): Promise<PageRenderer> {
  const module = (await import(pathToFileURL(join(outDir, RENDERER_DIR, bundle)).href)) as {
    createRenderer(readData: (path: string) => Promise<string | undefined>): PageRenderer;
  };
  return module.createRenderer(dataReader(outDir));
}

/** Pages being drawn at once: two for each of up to eight workers. */
const PAGES_AT_ONCE = 16;

/** What a page drawing worker (first-screen-worker.ts) starts with. */
export interface FirstScreenWorkerData {
  outDir: string;
  bundle: string;
}

/** A page the pool asks a worker to draw. */
export interface FirstScreenAsk {
  id: number;
  path: string;
  renderedAt: number;
}

/** A worker's answer to a `FirstScreenAsk`. */
export interface FirstScreenDrawn {
  id: number;
  page: RenderedPage;
}

/** Below this many pages a worker's start costs more than it saves. */
const WORKER_THRESHOLD = 500;


/**
 * The renderer on every core, one per worker thread: React draws a page in a few
 * milliseconds, and a 100k archive has some 11,000 pages. Pages go to the worker with the
 * fewest waiting, each draws one at a time.
 */
function renderPool(outDir: string, bundle: string, threads: number): PageRenderer {
  const workerData: FirstScreenWorkerData = { outDir, bundle };
  const workers = Array.from({ length: threads }, () => {
    const worker = startTsWorker(new URL("./first-screen-worker.ts", import.meta.url), workerData);
    const waiting = new Map<number, { resolve: (page: RenderedPage) => void; reject: (error: unknown) => void }>();
    worker.on("message", ({ id, page }: FirstScreenDrawn) => {
      waiting.get(id)?.resolve(page);
      waiting.delete(id);
    });
    const fail = (error: unknown) => {
      for (const { reject } of waiting.values()) reject(error);
      waiting.clear();
    };
    worker.on("error", fail);
    worker.on("exit", (code) => fail(new Error(`a page drawing worker stopped (exit code ${code})`)));
    return { worker, waiting };
  });
  let next = 0;
  return {
    render: (path, renderedAt) => {
      const least = workers.reduce((best, candidate) => (candidate.waiting.size < best.waiting.size ? candidate : best));
      const id = next++;
      return new Promise<RenderedPage>((resolve, reject) => {
        least.waiting.set(id, { resolve, reject });
        const ask: FirstScreenAsk = { id, path, renderedAt };
        least.worker.postMessage(ask);
      });
    },
    close: () => void Promise.all(workers.map(({ worker }) => worker.terminate())),
  };
}

/** The renderer the full build left in `outDir`, reading that folder's data (on every core for `pages` many); none when no build left one. */
export async function loadRenderer(outDir: string, pages: number): Promise<LoadedRenderer | undefined> {
  const bundle = await bundleIn(outDir);
  if (!bundle) return undefined;
  const threads = Math.min(availableParallelism(), 8);
  const renderer = pages < WORKER_THRESHOLD || threads < 2 ? await rendererIn(outDir, bundle) : renderPool(outDir, bundle, threads);
  return { renderer, bundle };
}

/** The state as the build that wrote `earlier` would have written it: that build's id, in its keys. */
const asOf = (state: PageState, earlier: PageState): PageState => ({
  ...state,
  buildId: earlier.buildId,
  queries: rekeyed(state.queries, state.buildId, earlier.buildId),
});

/**
 * What the build knows of each page it wrote, kept in `.broadsheet/` (never served): the
 * fields of the index the page was drawn from, and a digest of what drew it from them (their
 * values, the renderer and shell, the page's head). Pages drawn from the same fields share
 * one list of them.
 */
interface FirstScreenRecord {
  reads: string[][];
  pages: Record<string, [reads: number, digest: string]>;
}

export const FIRST_SCREENS_PATH = `${STATE_DIR}/first-screens.json`;

async function readRecord(outDir: string): Promise<FirstScreenRecord> {
  const record = JSON.parse(await readFile(join(outDir, FIRST_SCREENS_PATH), "utf8").catch(() => "null")) as Partial<FirstScreenRecord> | null;
  return Array.isArray(record?.reads) && typeof record.pages === "object" && record.pages !== null ? (record as FirstScreenRecord) : { reads: [], pages: {} };
}

/** The index's value at a path a page read (`articles.tables.3`, `topTopics.*`), as JSON. */
function indexValueAt(index: SiteIndex, path: string): string | undefined {
  let value: unknown = index;
  for (const step of path.split(".")) {
    if (step === "*") break;
    value = value !== null && typeof value === "object" ? (value as Record<string, unknown>)[step] : undefined;
  }
  return JSON.stringify(value);
}

/** What drawing the pages came to. */
export interface FirstScreenAccount {
  /** Renders: a page drawn again to compare counts once, a page drawn anew once more. */
  renders: number;
  /** Pages left as they were in the folder. */
  kept: number;
  /** Pages whose first screen could not be drawn (written with their head alone), and why the first of them could not. */
  failed: number;
  firstFailure?: string;
}

export interface DrawOptions {
  /** The app shell every page is made from. */
  shell: string;
  /** The index the folder now holds. */
  index: SiteIndex;
  outDir: string;
  /** The clock a page drawn now is drawn with. */
  now: number;
  account: FirstScreenAccount;
}

/**
 * Each page with its first screen, drawn with the clock at `now`; then the record of what
 * each was drawn from (`FIRST_SCREENS_PATH`), for the next update. A page already in the
 * folder stays as it is, unwritten and undrawn, when its record says nothing it was drawn
 * from changed: the same values in the fields of the index it read (every other file is
 * named by its content), the same renderer, shell and head. Otherwise it is drawn again with
 * its own clock, and stays as it is when it comes out the same under this build's data (its
 * markup, and its data but for the build id its keys hold and the index): the app moves its
 * data to the host's index as it starts (src/prerender/hydrate.ts), and the record notes
 * that this index draws it the same. So an update draws the pages that read what changed,
 * and writes those whose stories changed.
 */
export async function* pagesWithFirstScreens(
  { renderer, bundle }: LoadedRenderer,
  pages: Iterable<SitePage>,
  assemble: (page: SitePage, firstScreen?: FirstScreen) => string,
  { shell, index, outDir, now, account }: DrawOptions,
): AsyncGenerator<DataFile> {
  const drawnBy = createHash("sha256").update(bundle).update("\0").update(shell).digest("hex");
  const digest = (page: SitePage, reads: readonly string[]) => {
    const hash = createHash("sha256").update(drawnBy).update(page.head);
    for (const path of reads) hash.update(`\0${path}=${indexValueAt(index, path)}`);
    return hash.digest("hex").slice(0, 16);
  };
  const earlierRecord = await readRecord(outDir);
  const record: FirstScreenRecord = { reads: [], pages: {} };
  const listed = new Map<string, number>();
  const note = (page: SitePage, reads: string[]) => {
    const key = reads.join("\n");
    if (!listed.has(key)) listed.set(key, record.reads.push(reads) - 1);
    record.pages[page.file] = [listed.get(key) as number, digest(page, reads)];
  };

  const html = (page: SitePage, body: string, state: PageState) => assemble(page, { body, data: pageStateScript(state) });
  const unchanged = async (page: SitePage, before: string | undefined) => {
    if (before === undefined) return undefined;
    const [list, was] = earlierRecord.pages[page.file] ?? [];
    const reads = list === undefined ? undefined : earlierRecord.reads[list];
    if (reads && was === digest(page, reads)) {
      note(page, reads);
      return before;
    }
    const earlier = pageStateIn(before);
    if (!earlier) return undefined;
    account.renders++;
    const again = await renderer.render(page.path, earlier.renderedAt);
    if (!("body" in again) || html(page, again.body, asOf(again.state, earlier)) !== before) return undefined;
    note(page, again.indexRead);
    return before;
  };
  const drawnNow = async (page: SitePage) => {
    account.renders++;
    const drawn = await renderer.render(page.path, now);
    if ("body" in drawn) {
      note(page, drawn.indexRead);
      return html(page, drawn.body, drawn.state);
    }
    account.failed++;
    account.firstFailure ??= `${page.path}: ${drawn.error}`;
    return assemble(page);
  };
  const draw = async (page: SitePage): Promise<DataFile> => {
    const before = await readFile(join(outDir, page.file), "utf8").catch(() => undefined);
    const kept = await unchanged(page, before);
    if (kept) account.kept++;
    const text = kept ?? (await drawnNow(page));
    return { path: page.file, render: () => text };
  };
  // Enough pages at once to keep every worker busy; in their order, a window at a time.
  const drawing: Promise<DataFile>[] = [];
  for (const page of pages) {
    drawing.push(draw(page));
    if (drawing.length === PAGES_AT_ONCE) yield await (drawing.shift() as Promise<DataFile>);
  }
  for (const page of drawing) yield await page;
  await mkdir(join(outDir, STATE_DIR), { recursive: true });
  await writeFile(join(outDir, FIRST_SCREENS_PATH), JSON.stringify(record));
}
