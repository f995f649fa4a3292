/** Every URL of the app, in one place. */
export const paths = {
  home: "/",
  topics: "/topics",
  saved: "/saved",
  topic: (slug: string) => `/topics/${encodeURIComponent(slug)}`,
  article: (id: string) => `/articles/${encodeURIComponent(id)}`,
  provider: (key: string) => `/providers/${encodeURIComponent(key)}`,
  /** The search view; the query lives in the URL, so a search can be shared and reloaded. */
  search: (query = "") => (query ? `/search?${new URLSearchParams({ q: query })}` : "/search"),
};
