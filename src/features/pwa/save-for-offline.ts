import { isDataAnswer } from "../../contract/data-answer.ts";
import { CACHE_NAMES, dataPaths, INDEX_PATH } from "../../contract/paths.ts";
import type { SiteIndex } from "../../contract/types.ts";

const base = () => new URL(import.meta.env.BASE_URL, location.origin).href;

/**
 * Fetches `url` into `cache` unless it is there; a host's HTML fallback is never kept as
 * data. A file that cannot be fetched now (offline, say) is left for the next visit.
 */
async function keep(cache: Cache, url: string): Promise<void> {
  if (await cache.match(url)) return;
  const response = await fetch(url).catch(() => undefined);
  if (response && isDataAnswer(response)) await cache.put(url, response);
}

/**
 * Saves this build's data for reading offline, into the caches the service worker
 * answers from: what this visit has read (fetched before the worker took over), and
 * every article group when together they fit the offline budget. Then files of older
 * builds go: the device keeps one build, and keeps the old one until the new is saved.
 */
export async function saveForOffline(index: SiteIndex): Promise<"everything" | "read"> {
  const buildPrefix = `${base()}${dataPaths.build(index.buildId)}`;
  const data = await caches.open(CACHE_NAMES.data);
  await keep(await caches.open(CACHE_NAMES.index), `${base()}${INDEX_PATH}`);

  const read = performance
    .getEntriesByType("resource")
    .map((entry) => entry.name)
    .filter((url) => url.startsWith(buildPrefix));
  const groups = index.offlineArticles
    ? Array.from({ length: 2 ** index.articleBucketBits }, (_, group) => `${base()}${dataPaths.articleBucket(index.buildId, group)}`)
    : [];
  const queue = [...new Set([...read, ...groups])];
  // A few at a time: this runs beside the reader's own requests.
  await Promise.all(
    Array.from({ length: 4 }, async () => {
      for (let url = queue.shift(); url; url = queue.shift()) await keep(data, url);
    }),
  );
  for (const request of await data.keys()) {
    if (!request.url.startsWith(buildPrefix)) await data.delete(request);
  }
  return index.offlineArticles ? "everything" : "read";
}
