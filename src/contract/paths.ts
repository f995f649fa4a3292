/**
 * Gone: its parts are data-layout.ts, buckets.ts, published.ts, names.ts, offline.ts and
 * dev-events.ts. Only the route being merged (src/app/routes/list-route.tsx) still imports
 * from here; delete this file once it imports from names.ts.
 */
export { isProviderKey, isTopicSlug } from "./names.ts";
