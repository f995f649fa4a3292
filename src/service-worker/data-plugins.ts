import type { WorkboxPlugin } from "workbox-core/types.js";
import { isDataAnswer } from "../contract/data-answer.ts";

/** Every data route: only a data file itself is ever cached, never a host's fallback page or an error. */
export const dataOnly = {
  cacheWillUpdate: async ({ response }) => (isDataAnswer(response) ? response : null),
} satisfies WorkboxPlugin;

/**
 * The network-first index: an answer that is not the data file counts as no answer, so the
 * last good copy answers instead, online or not. With none, the page's fetch fails and the
 * app says it has no data.
 */
export const lastGoodCopy = {
  fetchDidSucceed: async ({ response }) => {
    if (!isDataAnswer(response)) throw new Error(`Not a data file: HTTP ${response.status}, ${response.headers.get("content-type")}`);
    return response;
  },
} satisfies WorkboxPlugin;
