/**
 * The first screen of the home page, of each topic's page and of each prerendered article's
 * page, as HTML the app then hydrates: stories paint before any script runs, and a crawler
 * or a reader without JavaScript sees them. The full build bundles the app's renderer
 * (src/prerender/server.tsx) for Node into the out folder's `.broadsheet/` (never served,
 * never uploaded), so `npm run build:data` draws the pages again from new data without
 * bundling anything.
 */
import { readdir, readFile } from "node:fs/promises";
import { join, normalize, sep } from "node:path";
import { pathToFileURL } from "node:url";
import { build } from "vite";
import { pageStateIn, pageStateScript, rekeyed, type PageRenderer, type PageState } from "../../contract/page-state.ts";
import { DATA_DIR } from "../../contract/paths.ts";
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

/** The renderer the full build left in `outDir`, reading that folder's data; none when no build left one. */
export async function loadRenderer(outDir: string): Promise<PageRenderer | undefined> {
  const folder = join(outDir, RENDERER_DIR);
  const entry = (await readdir(folder).catch(() => [])).find((name) => RENDERER_FILE.test(name));
  if (!entry) return undefined;
  const module = (await import(pathToFileURL(join(folder, entry)).href)) as {
    createRenderer(readData: (path: string) => Promise<string | undefined>): PageRenderer;
  };
  return module.createRenderer(dataReader(outDir));
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

/**
 * Each page with its first screen, drawn with the clock at `now`. A page already in the
 * folder is drawn first with its own clock: when it comes out the same under this build's
 * data (its markup, and its data but for the build id its keys hold and the index), the
 * page as it is stays, unwritten, and the app moves its data to the host's index as it
 * starts (src/prerender/hydrate.ts). So an update writes the pages whose stories changed,
 * not every page whose index did.
 */
export async function* pagesWithFirstScreens(
  renderer: PageRenderer,
  pages: Iterable<SitePage>,
  assemble: (page: SitePage, firstScreen?: FirstScreen) => string,
  outDir: string,
  now: number,
  account: FirstScreenFailures,
): AsyncGenerator<DataFile> {
  const html = (page: SitePage, body: string, state: PageState) => assemble(page, { body, data: pageStateScript(state) });
  /** The page as it is, when drawing it again with its own clock under this build's data changes nothing. */
  const unchanged = async (page: SitePage, before: string | undefined) => {
    const earlier = before === undefined ? undefined : pageStateIn(before);
    if (!earlier) return undefined;
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
