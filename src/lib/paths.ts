/** Every URL of the app, in one place. */
export const paths = {
  home: "/",
  topics: "/topics",
  saved: "/saved",
  topic: (slug: string) => `/topics/${encodeURIComponent(slug)}`,
  article: (id: string) => `/articles/${encodeURIComponent(id)}`,
  provider: (key: string) => `/providers/${encodeURIComponent(key)}`,
};
