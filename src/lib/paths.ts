import { pagePaths } from "../contract/pages.ts";

/** Every URL of the app, in one place; the pages the build links to (home, topic, article, outlet) come from the contract. */
export const paths = {
  ...pagePaths,
  topics: "/topics",
  saved: "/saved",
  following: "/following",
  /** The search view; the query lives in the URL, so a search can be shared and reloaded. */
  search: (query = "") => (query ? `/search?${new URLSearchParams({ q: query })}` : "/search"),
};
