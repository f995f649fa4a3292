import { useSearchParams } from "react-router-dom";
import { SearchHint, SearchResults } from "../../features/search/search-results.tsx";
import { useDocumentTitle } from "../../lib/use-document-title.ts";
import { WithIndex } from "../with-index.tsx";

/** `/search?q=…`: the query is in the URL, so a reload or a shared link runs the same search. */
export function SearchRoute() {
  const [params] = useSearchParams();
  const query = params.get("q")?.trim() ?? "";
  useDocumentTitle(query ? `Search: ${query}` : "Search");
  return (
    <>
      <h1 id="view-title" tabIndex={-1}>
        {query ? `Search results for “${query}”` : "Search"}
      </h1>
      {query ? <WithIndex>{(index) => <SearchResults key={query} buildId={index.buildId} query={query} />}</WithIndex> : <SearchHint />}
    </>
  );
}
