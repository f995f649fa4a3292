/**
 * The browser's side of a prerendered page: the data and the clock its markup was drawn
 * with, and the index as the host has it now, so that the first render is that markup
 * exactly (hydration, no mismatch) with no fetch but the index's, which the page's
 * <link rel="preload"> has on the way with the script.
 */
import { hashKey, QueryClient } from "@tanstack/react-query";
import { PAGE_STATE_ID, parsePageState, rekeyed, withSharedValuesRestored, type PageState } from "../contract/page-state.ts";
import { dataPaths } from "../contract/data-layout.ts";
import type { SiteIndex } from "../contract/types.ts";
import { fetchData } from "../lib/api.ts";
import { queryKeys } from "../lib/queries.ts";
import { setRenderClock } from "../lib/use-clock.ts";
import { routeData } from "./route-data.ts";

/** What the page was prerendered from, when the build prerendered it (the service worker's shell carries none). */
export function prerenderedState(): PageState | undefined {
  const text = document.getElementById(PAGE_STATE_ID)?.textContent;
  return text ? parsePageState(text) : undefined;
}

/** The app's path of the page the build drew, when it drew this one. */
let drawnPath: string | undefined;

/**
 * Fetches what a prerendered page's first screen was drawn from, with `index`, as a visit to
 * a page without one fetches it: the offline save keeps what the visit fetched, and this
 * visit fetched none of it. Into a cache of its own: the app's already holds the data.
 */
export async function fetchFirstScreenData(index: SiteIndex): Promise<void> {
  if (drawnPath !== undefined) await routeData(new QueryClient({ defaultOptions: { queries: { retry: false, networkMode: "always" } } }), index, drawnPath);
}

/**
 * The page's data in the cache and the build's clock for the first render. Whatever the
 * address, the data is the build's own and good to show; only at the address the page was
 * drawn for (a host's fallback may serve it at any other) is the markup the first render's.
 */
export function seedFrom(client: QueryClient, state: PageState): boolean {
  for (const [key, data, part] of withSharedValuesRestored(state.queries)) {
    client.setQueryData(key, data);
    // Asked for in full as soon as a view reads it.
    if (part) void client.invalidateQueries({ queryKey: key, exact: true, refetchType: "none" });
  }
  setRenderClock(state.renderedAt);
  drawnPath = `/${state.path.slice(import.meta.env.BASE_URL.length)}`;
  return state.path === location.pathname && location.search === "";
}

/**
 * Asks the host for its index before the first render, as a first visit always did, and
 * says whether it came: without it the app draws the page itself, once the index comes.
 * When the host has moved on, the page's own entries go in the cache under the new build's keys:
 * `npm run build:data` draws every prerendered page again and leaves a page unwritten only
 * when it comes out the same under the new index, data included, so they still hold and
 * the first render is still the page's markup. They are marked stale all the same, so a
 * page older than its host's index (from a cache) gives way to the new data once shown.
 */
export async function adoptHostIndex(client: QueryClient, state: PageState): Promise<boolean> {
  const index = await fetchData<SiteIndex>(dataPaths.index).catch(() => undefined);
  if (!index) return false;
  client.setQueryData(queryKeys.index, index);
  const built = state.buildId;
  if (index.buildId === built) return true;
  const moved = rekeyed(
    state.queries.filter(([key]) => key.includes(built)),
    built,
    index.buildId,
  );
  for (const [key, data] of moved) client.setQueryData(key, data);
  const hashes = new Set(moved.map(([key]) => hashKey(key)));
  await client.invalidateQueries({ predicate: (query) => hashes.has(query.queryHash), refetchType: "none" });
  return true;
}
