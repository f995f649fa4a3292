import { isDataAnswer } from "../../contract/data-answer.ts";
import { namesOtherFiles, referencesOf, shardAt, type DataReference } from "../../contract/data-references.ts";
import { dataPaths, INDEX_PATH, isShardName } from "../../contract/data-layout.ts";
import { CACHE_NAMES } from "../../contract/offline.ts";
import type { SiteIndex } from "../../contract/types.ts";
import { followedNow, keyOf } from "../../lib/following-store.ts";

const base = () => new URL(import.meta.env.BASE_URL, location.origin).href;
const urlOf = ({ kind, name }: DataReference) => `${base()}${dataPaths.shard(kind, name)}`;

/** Fetches, with `index`, what the page's prerendered first screen was drawn from (when it was prerendered). */
export type FirstScreenData = (index: SiteIndex) => Promise<void>;

/** Files fetched at once: this runs beside the reader's own requests. */
const AT_ONCE = 4;

/**
 * Fetches `url` into `cache` unless it is there; a host's HTML fallback is never kept as
 * data. Says whether the file is in the cache now: one that cannot be fetched now (offline,
 * say) is left for the next visit.
 */
async function keep(cache: Cache, url: string): Promise<boolean> {
  if (await cache.match(url)) return true;
  const response = await fetch(url).catch(() => undefined);
  if (!response || !isDataAnswer(response)) return false;
  return cache.put(url, response).then(
    () => true,
    () => false,
  );
}

/** Keeps every one of `urls`, a few at a time; says whether all of them are in the cache now. */
async function keepAll(cache: Cache, urls: Iterable<string>): Promise<boolean> {
  const queue = [...new Set(urls)];
  let all = true;
  await Promise.all(
    Array.from({ length: AT_ONCE }, async () => {
      for (let url = queue.shift(); url; url = queue.shift()) if (!(await keep(cache, url))) all = false;
    }),
  );
  return all;
}

/** A cached file's JSON, or undefined when it is not there or not JSON. */
async function cachedJson(cache: Cache, url: string): Promise<unknown> {
  const response = await cache.match(url).catch(() => undefined);
  return response?.json().catch(() => undefined);
}

/**
 * Every cached data file that `index` uses: those it names, and those they name, read from
 * the cached files themselves. A file named only by one that is not cached is not reached:
 * the device could not find it offline either. Buckets and list pages name nothing,
 * so they are never read.
 */
export async function cachedFilesOf(cache: Cache, index: SiteIndex): Promise<Set<string>> {
  const cached = new Set((await cache.keys()).map((request) => request.url));
  const reached = new Set<string>();
  // A level at a time: the files the index names, then the files those name, and so on.
  let level = referencesOf("index", index);
  while (level.length > 0) {
    const named = await Promise.all(
      level.map(async (reference) => {
        const url = urlOf(reference);
        if (reached.has(url) || !cached.has(url)) return [];
        reached.add(url);
        if (!namesOtherFiles(reference.kind)) return [];
        const data = await cachedJson(cache, url);
        // A cached copy that does not parse is no copy: deleted, so the next read fetches it again.
        if (data === undefined) reached.delete(url);
        return referencesOf(reference.kind, data);
      }),
    );
    level = named.flat();
  }
  return reached;
}

/** The names of every bucket, through the index's bucket tables (fetched unless cached); undefined when a table could not be read. */
async function bucketNames(cache: Cache, index: SiteIndex): Promise<string[] | undefined> {
  const tables = referencesOf("index", index).filter(({ kind }) => kind === "tables").map(urlOf);
  if (!(await keepAll(cache, tables))) return undefined;
  const buckets: string[] = [];
  for (const table of tables) {
    let data = await cachedJson(cache, table);
    // A cached copy that does not parse is fetched again, once.
    if (data === undefined && (await cache.delete(table).catch(() => false)) && (await keep(cache, table))) data = await cachedJson(cache, table);
    if (data === undefined) return undefined;
    buckets.push(...referencesOf("tables", data).map(urlOf));
  }
  return buckets;
}

/** The entries of a catalog as a device holds it, which may be damaged: its `field` list's objects, or none. */
async function catalogEntries(cache: Cache, name: string, field: "topics" | "providers"): Promise<Record<string, unknown>[]> {
  const url = urlOf({ kind: "catalogs", name });
  const data = (await keep(cache, url)) ? await cachedJson(cache, url) : undefined;
  const entries = typeof data === "object" && data !== null ? (data as Record<string, unknown>)[field] : undefined;
  return Array.isArray(entries) ? entries.filter((entry): entry is Record<string, unknown> => typeof entry === "object" && entry !== null) : [];
}

/**
 * The first pages (Latest heads) of the topics and outlets the reader follows, named by the
 * index's top topics or else by the catalogs, which are kept too (fetched unless cached):
 * the Following view merges its first page from these alone.
 */
async function followedHeads(cache: Cache, index: SiteIndex): Promise<string[]> {
  const followed = followedNow().map(({ source }) => source);
  const lists = new Map<string, unknown>(index.topTopics.map((topic) => [keyOf({ topic: topic.slug }), topic.list]));
  const unnamed = followed.filter((source) => !lists.has(keyOf(source)));
  if (unnamed.some((source) => "topic" in source)) {
    for (const { slug, list } of await catalogEntries(cache, index.topics, "topics")) lists.set(keyOf({ topic: String(slug) }), list);
  }
  if (unnamed.some((source) => "provider" in source)) {
    for (const { key, list } of await catalogEntries(cache, index.providers, "providers")) lists.set(keyOf({ provider: String(key) }), list);
  }
  return followed
    .map((source) => lists.get(keyOf(source)))
    .filter(isShardName)
    .map((name) => urlOf({ kind: "lists", name }));
}

/**
 * Saves the data of `index` for reading offline, into the caches the service worker
 * answers from: what this visit has read, the first pages of the lists the reader follows,
 * and every bucket when together they fit the offline budget, fetching only files
 * the device does not hold (a file's name is its content, so a cached one is current). Then every cached data file that `index` no longer
 * uses is deleted; the ones it still uses stay, so after a new article the device fetches
 * only the files that changed. When every article is to be saved, the deletion waits until
 * they are: a save cut short (offline again, say) would otherwise drop the unchanged buckets
 * of a bucket table it could not fetch, and fetch them all again next time.
 *
 * `fetchFirstScreenData` fetches what a prerendered first screen was drawn from (the
 * visit fetched none of it): the app's entry passes src/prerender/hydrate.ts's, which a
 * feature does not import.
 */
export async function saveForOffline(index: SiteIndex, fetchFirstScreenData: FirstScreenData = async () => {}): Promise<"everything" | "read"> {
  const data = await caches.open(CACHE_NAMES.data);
  // Only files cached before this save are deleted: one the reader fetches meanwhile is left to the next save.
  const before = await data.keys();
  await keep(await caches.open(CACHE_NAMES.index), `${base()}${INDEX_PATH}`);

  // What the visit fetched, what its prerendered first screen was drawn from among it.
  await fetchFirstScreenData(index);
  const read = performance
    .getEntriesByType("resource")
    .map((entry) => entry.name)
    .filter((url) => url.startsWith(base()) && shardAt(new URL(url).pathname) !== undefined && !url.includes("?"));
  // A file the reader could not fetch either is theirs to ask for again: it holds nothing up.
  // So is a followed list's head: the next save tries again.
  await keepAll(data, [...read, ...(await followedHeads(data, index))]);
  let complete = true;
  if (index.offlineArticles) {
    const buckets = await bucketNames(data, index);
    complete = buckets !== undefined && (await keepAll(data, buckets));
  }

  if (complete) {
    const used = await cachedFilesOf(data, index);
    for (const request of before) {
      if (!used.has(request.url)) await data.delete(request).catch(() => false);
    }
  }
  return index.offlineArticles ? "everything" : "read";
}
