import { useQueryClient } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { useLocation, useNavigate, useSearchParams } from "react-router-dom";
import { paths } from "../../lib/paths.ts";
import { useSiteIndex } from "../../lib/use-site-index.ts";
import { prefetchSearch, prepareSearch } from "./search-queries.ts";

/**
 * The header's search box. It shows the query of the search on screen. Focusing it starts
 * loading the search engine, the search manifest and (`onPrepare`) the view's code;
 * submitting starts the search itself, so the results are fetched while the view mounts.
 */
export function SearchForm({ onPrepare }: { onPrepare?: () => unknown }) {
  const navigate = useNavigate();
  const location = useLocation();
  const [params] = useSearchParams();
  const queryClient = useQueryClient();
  const { data: index } = useSiteIndex();
  const current = location.pathname === paths.search() ? (params.get("q") ?? "") : "";
  // What the reader types, until the next navigation (a search, Back, another view) shows that page's query.
  const [draft, setDraft] = useState({ text: current, at: location.key });
  const text = draft.at === location.key ? draft.text : current;

  const prepare = () => {
    onPrepare?.();
    if (index) prepareSearch(queryClient, index.search);
  };
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const query = text.trim();
    // A failure shows in the view, which asks again.
    if (index) prefetchSearch(queryClient, index.search, query).catch(() => {});
    navigate(paths.search(query));
  };

  return (
    <form role="search" className="search-form" action={paths.search()} onSubmit={submit}>
      <label htmlFor="search-input" className="visually-hidden">
        Search stories
      </label>
      <input
        id="search-input"
        className="search-form__input"
        type="search"
        name="q"
        value={text}
        onChange={(event) => setDraft({ text: event.target.value, at: location.key })}
        onFocus={prepare}
        placeholder="Search stories"
        autoComplete="off"
        enterKeyHint="search"
      />
      <button type="submit" className="button search-form__button">
        Search
      </button>
    </form>
  );
}
