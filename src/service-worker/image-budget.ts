import type { CacheDidUpdateCallback } from "workbox-core/types.js";

const MB = 1024 * 1024;

/**
 * What one opaque answer (an image from a host that does not allow CORS) weighs: its size
 * cannot be read, and Chromium's quota counts each as about 7 MB whatever it holds.
 */
export const OPAQUE_IMAGE_BYTES = 7 * MB;
/** All cached images together, at most: 14 opaque ones, or many more whose size is known. */
export const IMAGE_CACHE_BYTES = 100 * MB;

/** An answer's weight against the budget: opaque ones the fixed weight, others their Content-Length or body size. */
export async function weigh(response: Response, opaqueBytes = OPAQUE_IMAGE_BYTES): Promise<number> {
  if (response.type === "opaque") return opaqueBytes;
  const length = Number(response.headers.get("content-length") ?? NaN);
  return Number.isInteger(length) && length >= 0 ? length : (await response.clone().blob()).size;
}

interface ImageBudgetOptions {
  maxBytes?: number;
  opaqueBytes?: number;
}

/**
 * After each update of its cache, weighs every entry and deletes the longest cached first
 * until all of them together weigh at most `maxBytes`. Alongside Workbox's expiration, which
 * caps their number and age. Each entry is weighed once while the worker lives.
 */
export function imageBudget({ maxBytes = IMAGE_CACHE_BYTES, opaqueBytes = OPAQUE_IMAGE_BYTES }: ImageBudgetOptions = {}): { cacheDidUpdate: CacheDidUpdateCallback } {
  let weights = new Map<string, number>();
  let trimming = Promise.resolve();

  async function trim(cacheName: string) {
    const cache = await caches.open(cacheName);
    // In the order they were stored: the longest cached first.
    const requests = await cache.keys();
    const known = new Map<string, number>();
    for (const request of requests) {
      let weight = weights.get(request.url);
      if (weight === undefined) {
        const response = await cache.match(request);
        weight = response ? await weigh(response, opaqueBytes) : 0;
      }
      known.set(request.url, weight);
    }
    weights = known;
    let total = [...known.values()].reduce((sum, weight) => sum + weight, 0);
    for (const request of requests) {
      if (total <= maxBytes) break;
      await cache.delete(request);
      total -= known.get(request.url) ?? 0;
      known.delete(request.url);
    }
  }

  return {
    cacheDidUpdate: async ({ cacheName, request }) => {
      // One trim at a time: images arrive together, and two trims would count the same entries.
      trimming = trimming
        .then(() => {
          // A new answer for a URL weighs what it weighs now.
          weights.delete(request.url);
          return trim(cacheName);
        })
        // A trim that fails (the cache gone, the quota hit) leaves the next update to try again.
        .catch(() => {});
      await trimming;
    },
  };
}
