/** The service worker's caches; the app saves data for offline reading into the same ones. */
export const CACHE_NAMES = {
  index: "broadsheet-index",
  data: "broadsheet-data",
  images: "broadsheet-images",
} as const;
