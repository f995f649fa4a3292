import { useSearchParams } from "react-router-dom";
import { isSortOrder, SORT_ORDERS } from "../../contract/order.ts";
import type { SearchOrder } from "../../contract/search.ts";
import { SearchHint, SearchResults } from "../../features/search/search-results.tsx";
import { SortControl, type SortOption } from "../../features/sort/sort-control.tsx";
import { SORT_LABELS, SORT_PARAM } from "../../lib/sort-order.ts";
import { useDocumentTitle } from "../../lib/use-document-title.ts";
import { WithIndex } from "../with-index.tsx";

/** `/search?q=…`: the query is in the URL, so a reload or a shared link runs the same search. */
/** Search results come best match first unless the reader picks one of the feed's orders. */
const SEARCH_ORDERS: SortOption[] = [
  { value: null, name: "Best match", explained: "Stories with the words in their title first, then in a topic or outlet, then in the excerpt; rarer words count more." },
  ...SORT_ORDERS.map((sort) => ({ value: sort, ...SORT_LABELS[sort] })),
];

export function SearchRoute() {
  const [params] = useSearchParams();
  const query = params.get("q")?.trim() ?? "";
  const sort = params.get(SORT_PARAM);
  const order: SearchOrder = isSortOrder(sort) ? sort : "best";
  useDocumentTitle(query ? `Search: ${query}` : "Search");
  return (
    <>
      <h1 id="view-title" tabIndex={-1}>
        {query ? `Search results for “${query}”` : "Search"}
      </h1>
      {query ? (
        <>
          <SortControl options={SEARCH_ORDERS} />
          <WithIndex>{(index) => <SearchResults key={query} manifest={index.search} query={query} order={order} />}</WithIndex>
        </>
      ) : (
        <SearchHint />
      )}
    </>
  );
}
