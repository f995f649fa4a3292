import { useSearchParams } from "react-router-dom";
import { isSortOrder, type SortOrder } from "../contract/order.ts";

/** The order lives in the URL as `?sort=hot` or `?sort=top`; Latest is the plain address. */
export const SORT_PARAM = "sort";

export function useSortOrder(): SortOrder {
  const [params] = useSearchParams();
  const sort = params.get(SORT_PARAM);
  return isSortOrder(sort) ? sort : "latest";
}

/** `path` in the same order the reader chose here, so moving between lists keeps it. */
export function withSort(path: string, sort: SortOrder): string {
  if (sort === "latest") return path;
  return `${path}${path.includes("?") ? "&" : "?"}${SORT_PARAM}=${sort}`;
}

export const SORT_LABELS: Record<SortOrder, { name: string; explained: string }> = {
  latest: { name: "Latest", explained: "Newest stories first." },
  hot: {
    name: "Hot",
    explained: "Stories with the most heat first. Heat halves for every day a story is older than the newest one.",
  },
  top: { name: "Top", explained: "Stories rated highest for quality first; unrated stories last." },
};
