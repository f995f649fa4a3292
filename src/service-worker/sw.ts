/**
 * The service worker (built by vite-plugin-pwa's injectManifest): the app shell precached,
 * data and images cached as they are read. Its own module rather than generated from
 * options, so its plugins are real imports: the data rule in src/contract is the same one
 * the app's fetch uses.
 */
import { CacheableResponsePlugin } from "workbox-cacheable-response";
import { clientsClaim } from "workbox-core";
import { ExpirationPlugin } from "workbox-expiration";
import { cleanupOutdatedCaches, createHandlerBoundToURL, precacheAndRoute, type PrecacheEntry } from "workbox-precaching";
import { NavigationRoute, registerRoute } from "workbox-routing";
import { CacheFirst, NetworkFirst } from "workbox-strategies";
import { shardAt } from "../contract/data-references.ts";
import { INDEX_PATH } from "../contract/data-layout.ts";
import { CACHE_NAMES } from "../contract/offline.ts";
import { FILE_PATH_PATTERNS } from "../contract/published.ts";
import { dataOnly, lastGoodCopy } from "./data-plugins.ts";
import { imageBudget } from "./image-budget.ts";

declare const self: ServiceWorkerGlobalScope & { __WB_MANIFEST: (string | PrecacheEntry)[] };

/** Images kept at most, and for how long; their total size has a budget too (image-budget.ts). */
const IMAGE_CACHE_ENTRIES = 100;
const IMAGE_CACHE_SECONDS = 30 * 24 * 3600;

// A new worker waits until the reader chooses Refresh (src/features/pwa/start-pwa.ts), then takes over.
self.addEventListener("message", (event) => {
  if ((event.data as { type?: unknown } | null)?.type === "SKIP_WAITING") void self.skipWaiting();
});
clientsClaim();

precacheAndRoute(self.__WB_MANIFEST);
cleanupOutdatedCaches();
// Every address opens the app, offline too; feeds, sitemaps and robots.txt are files, never the app.
// The answer is the shell, which holds no stories: pages the build drew (index.html among
// them) hold stories as of their build, which a precached copy would keep showing after the
// host had newer ones. So the app draws from the index it reads, and never shows older stories.
registerRoute(
  new NavigationRoute(createHandlerBoundToURL("shell.html"), {
    denylist: [...FILE_PATH_PATTERNS],
  }),
);

// Fresh when online, the last good one when not (or when the host answers with anything but the index).
// Update checks add a query and skip this cache.
registerRoute(
  ({ url }) => url.pathname.endsWith(`/${INDEX_PATH}`) && url.search === "",
  new NetworkFirst({ cacheName: CACHE_NAMES.index, networkTimeoutSeconds: 4, plugins: [lastGoodCopy, dataOnly] }),
);

// Every other data file (data/<kind>/<name>.json, the search index's included) is named by its
// content and never changes: the cache answers first, for good. Which of them a device keeps is
// the offline save's call (src/features/pwa/save-for-offline.ts): the ones its index still uses.
registerRoute(({ url, sameOrigin }) => sameOrigin && shardAt(url.pathname) !== undefined, new CacheFirst({ cacheName: CACHE_NAMES.data, plugins: [dataOnly] }));

// Images live on other hosts: a bounded number, for a bounded time, within a bounded size.
registerRoute(
  ({ request, sameOrigin }) => request.destination === "image" && !sameOrigin,
  new CacheFirst({
    cacheName: CACHE_NAMES.images,
    plugins: [
      new CacheableResponsePlugin({ statuses: [0, 200] }),
      new ExpirationPlugin({ maxEntries: IMAGE_CACHE_ENTRIES, maxAgeSeconds: IMAGE_CACHE_SECONDS, purgeOnQuotaError: true }),
      imageBudget(),
    ],
  }),
);
