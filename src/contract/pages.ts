/**
 * The app's pages that the build publishes links to (feeds, sitemap, link previews); the
 * app's own paths (src/lib/paths.ts) use them too. A module of its own so that it ships
 * in the same chunk as the app's paths, without the data paths.
 */
export const pagePaths = {
  home: "/",
  topic: (slug: string) => `/topics/${encodeURIComponent(slug)}`,
  article: (id: string) => `/articles/${encodeURIComponent(id)}`,
  /** An outlet's page: `/providers/` is the URL's wire name. */
  outlet: (key: string) => `/providers/${encodeURIComponent(key)}`,
};
