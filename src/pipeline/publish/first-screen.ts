/**
 * The first screen of the home page, of each topic's page and of each prerendered article's
 * page, as HTML the app then hydrates: stories paint before any script runs, and a crawler
 * or a reader without JavaScript sees them. The full build bundles the app's renderer
 * (src/prerender/server.tsx) for Node into the out folder's `.broadsheet/` (never served,
 * never uploaded), so `npm run build:data` draws the pages again from new data without
 * bundling anything.
 */
import { createHash } from "node:crypto";
import { readdir, readFile } from "node:fs/promises";
import { join, normalize, sep } from "node:path";
import { pathToFileURL } from "node:url";
import { build } from "vite";
import { pageStateIn, pageStateScript, readsTheSame, rekeyed, type PageRenderer, type PageState } from "../../contract/page-state.ts";
import { DATA_DIR } from "../../contract/paths.ts";
import type { SiteIndex } from "../../contract/types.ts";
import { STATE_DIR } from "../output.ts";
import type { DataFile } from "../shards.ts";
import type { FirstScreen, SitePage } from "./page-head.ts";

/** Where the renderer's bundle lives in the out folder. */
export const RENDERER_DIR = `${STATE_DIR}/server`;
/** The bundle's entry, named by its content: a new bundle is a new module, even to a process that imported the last one. */
const RENDERER_FILE = /^first-screen-[\w-]+\.js$/;
const RENDERER_SOURCE = "src/prerender/server.tsx";

/**
 * Bundles the renderer for Node, everything in it (React included), so it runs wherever
 * the out folder is, with React's production build and JSX whatever NODE_ENV says.
 */
export async function bundleRenderer(config: { root: string; base: string; mode: string }, outDir: string): Promise<void> {
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
        output: { entryFileNames: "first-screen-[hash].js" },
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

/** The renderer the full build left in `outDir`, reading that folder's data; none when no build left one. */
export async function loadRenderer(outDir: string): Promise<LoadedRenderer | undefined> {
  const folder = join(outDir, RENDERER_DIR);
  const bundle = (await readdir(folder).catch(() => [])).find((name) => RENDERER_FILE.test(name));
  if (!bundle) return undefined;
  const module = (await import(pathToFileURL(join(folder, bundle)).href)) as {
    createRenderer(readData: (path: string) => Promise<string | undefined>): PageRenderer;
  };
  return { renderer: module.createRenderer(dataReader(outDir)), bundle };
}

/** The state as the build that wrote `earlier` would have written it: that build's index, its keys. */
const asOf = (state: PageState, earlier: PageState): PageState => ({
  ...state,
  index: earlier.index,
  queries: rekeyed(state.queries, state.index.buildId, earlier.index.buildId),
});

/** Pages whose first screen could not be drawn (written with their head alone), and why the first of them could not. */
export interface FirstScreenFailures {
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
  account: FirstScreenFailures;
}

/**
 * Each page with its first screen, drawn with the clock at `now`. A page already in the
 * folder stays as it is, unwritten, when nothing it was drawn from changed: the same
 * renderer and shell, the same values in the fields of the index it read (every other file
 * is named by its content), its head the same. Otherwise it is drawn again with its own
 * clock, and stays as it is when it comes out the same under this build's data (its markup,
 * and its data but for the build id its keys hold and the index): the app moves its data
 * to the host's index as it starts (src/prerender/hydrate.ts). So an update draws the
 * pages that read what changed, and writes those whose stories changed.
 */
export async function* pagesWithFirstScreens(
  { renderer, bundle }: LoadedRenderer,
  pages: Iterable<SitePage>,
  assemble: (page: SitePage, firstScreen?: FirstScreen) => string,
  { shell, index, outDir, now, account }: DrawOptions,
): AsyncGenerator<DataFile> {
  const drawnBy = createHash("sha256").update(bundle).update("\0").update(shell).digest("hex").slice(0, 16);
  const html = (page: SitePage, body: string, state: PageState) => assemble(page, { body, data: pageStateScript({ ...state, drawnBy }) });
  const unchanged = async (page: SitePage, before: string | undefined) => {
    const earlier = before === undefined ? undefined : pageStateIn(before);
    if (!before || !earlier) return undefined;
    if (earlier.drawnBy === drawnBy && readsTheSame(earlier, index) && before.includes(page.head)) return before;
    const again = await renderer.render(page.path, earlier.renderedAt);
    return "body" in again && html(page, again.body, asOf(again.state, earlier)) === before ? before : undefined;
  };
  const drawnNow = async (page: SitePage) => {
    const drawn = await renderer.render(page.path, now);
    if ("body" in drawn) return html(page, drawn.body, drawn.state);
    account.failed++;
    account.firstFailure ??= `${page.path}: ${drawn.error}`;
    return assemble(page);
  };
  for (const page of pages) {
    const before = await readFile(join(outDir, page.file), "utf8").catch(() => undefined);
    const text = (await unchanged(page, before)) ?? (await drawnNow(page));
    yield { path: page.file, render: () => text };
  }
}
