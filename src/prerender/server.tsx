/**
 * The first screen of a page as HTML, at build time: the app's own routes under a
 * StaticRouter, drawn by react-dom/static from the build's data files. The build bundles
 * this module for Node (src/pipeline/publish/first-screen.ts) and keeps the bundle in the
 * out folder's `.broadsheet/`, so `npm run build:data` draws the pages again with new data.
 */
import { hashKey, QueryCache, QueryClient, skipToken, type Query } from "@tanstack/react-query";
import type { ReactNode } from "react";
import { prerender } from "react-dom/static";
import { renderToString } from "react-dom/server";
import { StaticRouter } from "react-router-dom";
import { App } from "../app/app.tsx";
import { withSharedValuesMarked, type PageQuery, type PageRenderer, type RenderedPage } from "../contract/page-state.ts";
import { pagePaths } from "../contract/pages.ts";
import { dataPaths } from "../contract/data-layout.ts";
import type { ArticleBucket, SiteIndex } from "../contract/types.ts";
import { fetchData } from "../lib/api.ts";
import { queryKeys } from "../lib/queries.ts";
import { setRenderClock } from "../lib/use-clock.ts";
import { routeData } from "./route-data.ts";

/** Renders before giving up on a page whose data keeps asking for more (each pass answers every query the last one asked for). */
const MAX_PASSES = 8;

/** A data file's text by its path below the base URL (`data/index.json`); undefined when there is none. */
export type ReadData = (path: string) => Promise<string | undefined>;

const base = import.meta.env.BASE_URL;

/** Parsed data files kept for the next pages: most pages of a build read the same few (the lists' heads, a bucket's table). */
const PARSED_KEPT = 64;

/**
 * The app reads its data with fetch (src/lib/api.ts); while the build draws pages, fetch
 * answers from the build's own files, as the host would. Nothing else in the build
 * process fetches: the answer is set for the renderer's life and restored by `close`.
 * Parsed files are kept for the pages after (read only: no query changes its data): the
 * renderer lives for one build, whose files never change under it.
 */
function answerFetchFrom(readData: ReadData): () => void {
  const original = globalThis.fetch;
  const parsed = new Map<string, unknown>();
  const json = async (path: string): Promise<unknown> => {
    if (parsed.has(path)) return parsed.get(path);
    const text = await readData(path);
    const value = text === undefined ? undefined : (JSON.parse(text) as unknown);
    if (value !== undefined) {
      if (parsed.size === PARSED_KEPT) parsed.delete(parsed.keys().next().value as string);
      parsed.set(path, value);
    }
    return value;
  };
  globalThis.fetch = async (input: RequestInfo | URL) => {
    const url = new URL(input instanceof Request ? input.url : String(input), "http://prerender.invalid");
    const path = decodeURIComponent(url.pathname.startsWith(base) ? url.pathname.slice(base.length) : url.pathname);
    const value = await json(path);
    if (value === undefined) return new Response("Not found", { status: 404 });
    // A data answer as the host gives it, whose body is read already.
    const answer = new Response(null, { headers: { "Content-Type": "application/json" } });
    return Object.defineProperty(answer, "json", { value: async () => value });
  };
  return () => void (globalThis.fetch = original);
}

/** A query a component asked for that has no data yet and would fetch in a browser. */
function waiting(query: Query): boolean {
  const { enabled, queryFn } = query.options as { enabled?: boolean | ((query: Query) => boolean); queryFn?: unknown };
  const on = typeof enabled === "function" ? enabled(query) : enabled !== false;
  return on && queryFn !== undefined && queryFn !== skipToken && query.state.status === "pending" && query.state.fetchStatus === "idle";
}

/**
 * A cache that notes the queries a render reads: what the first screen is drawn from, as
 * against the files those queries read to answer (a list's data file, a bucket's
 * table). Only the first are the page's to carry: the client's first render reads nothing
 * else, and the page then changes only when they do.
 */
class ReadingCache extends QueryCache {
  readonly read = new Set<string>();
  override build: QueryCache["build"] = (client, options, state) => {
    const query = super.build(client, options, state);
    this.read.add(query.queryHash);
    return query;
  };
}

/**
 * The index as a page's render and its queries read it, noting each field read, deep (an
 * element of a list, a field of an element), as a path: what the page depends on. Not the
 * build id, which names the build in keys (src/prerender/hydrate.ts moves them); a whole
 * object listed or copied is noted as `path.*`.
 */
function watched(index: SiteIndex, read: Set<string>): SiteIndex {
  const views = new WeakMap<object, object>();
  const view = <T extends object>(target: T, path: string): T => {
    const known = views.get(target);
    if (known) return known as T;
    const at = (key: string) => (path ? `${path}.${key}` : key);
    const proxy = new Proxy(target, {
      get(object, key, receiver) {
        const value: unknown = Reflect.get(object, key, receiver);
        if (typeof key === "symbol" || typeof value === "function") return value;
        if (value !== null && typeof value === "object") return view(value, at(key));
        if (at(key) !== "buildId") read.add(at(key));
        return value;
      },
      has(object, key) {
        if (typeof key === "string") read.add(at(key));
        return Reflect.has(object, key);
      },
      ownKeys(object) {
        read.add(at("*"));
        return Reflect.ownKeys(object);
      },
    });
    views.set(target, proxy);
    return proxy;
  };
  return view(index, "");
}

const ARTICLE_PAGE = pagePaths.article("");
const ARTICLE_BUCKET = queryKeys.articleBucket("", 0)[0];

/**
 * An entry as the page carries it. A bucket holds some thirty articles and an
 * article's page shows one: it carries that one (a page of its own changes only when its
 * article does), and the app asks for the whole bucket once the page is live.
 */
function carried(path: string, key: readonly unknown[], data: unknown): PageQuery {
  const bucket = data as ArticleBucket | null;
  if (key[0] !== ARTICLE_BUCKET || !path.startsWith(ARTICLE_PAGE) || !bucket) return [key, data];
  const id = decodeURIComponent(path.slice(ARTICLE_PAGE.length));
  return [key, { articles: id in bucket.articles ? { [id]: bucket.articles[id] } : {} }, "part"];
}

/**
 * The markup of one render, every Suspense boundary in place (lazy views included); a
 * render error throws. At once when nothing suspends (a lazy view's code, once loaded, does
 * not), else waiting for what did. Never a boundary sent apart from its place with a script
 * to move it there, as a stream sends a large one: the page must read right without scripts.
 */
async function markupOf(element: ReactNode): Promise<string> {
  const atOnce = renderToString(element);
  // A boundary that suspended is left for the client to draw: wait for it instead.
  if (!atOnce.includes("<!--$!")) return atOnce;
  let failure: unknown;
  const { prelude } = await prerender(element, { progressiveChunkSize: Number.POSITIVE_INFINITY, onError: (error) => void (failure ??= error) });
  const html = await new Response(prelude).text();
  if (failure !== undefined) throw failure;
  return html;
}

/**
 * Draws pages from the data `readData` answers with, one at a time: each page's times are
 * written with its own clock (src/lib/use-clock.ts holds one), so renders never overlap.
 */
export function createRenderer(readData: ReadData): PageRenderer {
  const restoreFetch = answerFetchFrom(readData);
  let queue: Promise<unknown> = Promise.resolve();

  async function draw(path: string, renderedAt: number): Promise<RenderedPage> {
    const location = `${base}${path.slice(1)}`;
    // No retries, no timers: a build answers at once or not at all.
    const cache = new ReadingCache();
    const client = new QueryClient({ queryCache: cache, defaultOptions: { queries: { retry: false, networkMode: "always", staleTime: Infinity, gcTime: Infinity } } });
    const Router = ({ children, basename }: { children: ReactNode; basename: string }) => (
      <StaticRouter location={location} basename={basename}>
        {children}
      </StaticRouter>
    );
    try {
      // Every page reads the index first: it is there before the first render, as in the browser.
      const index = await fetchData<SiteIndex>(dataPaths.index).catch(() => undefined);
      if (!index) return { error: "the build has no index" };
      const indexRead = new Set<string>();
      const read = watched(index, indexRead);
      client.setQueryData(queryKeys.index, read);
      await routeData(client, read, path);
      for (let pass = 0; pass < MAX_PASSES; pass++) {
        setRenderClock(renderedAt);
        cache.read.clear();
        const body = await markupOf(<App queryClient={client} router={Router} />);
        const asked = client.getQueryCache().getAll().filter(waiting);
        if (asked.length > 0) {
          await Promise.all(asked.map((query) => query.fetch().catch(() => undefined)));
          continue;
        }
        const queries = client.getQueryCache().getAll();
        const failed = queries.find((query) => query.state.status === "error");
        if (failed) return { error: `${JSON.stringify(failed.queryKey)}: ${String(failed.state.error)}` };
        const indexHash = hashKey(queryKeys.index);
        const entries: PageQuery[] = queries
          .filter((query) => cache.read.has(query.queryHash) && query.state.status === "success" && query.queryHash !== indexHash)
          .map((query) => carried(path, query.queryKey, query.state.data));
        return { body, state: { path: location, renderedAt, buildId: index.buildId, queries: withSharedValuesMarked(entries) }, indexRead: [...indexRead].sort() };
      }
      return { error: `its data was still loading after ${MAX_PASSES} renders` };
    } catch (error) {
      return { error: error instanceof Error ? error.message : String(error) };
    } finally {
      client.clear();
    }
  }

  const render = (path: string, renderedAt: number): Promise<RenderedPage> => {
    const page = queue.then(() => draw(path, renderedAt));
    queue = page;
    return page;
  };
  return { render, close: restoreFetch };
}
