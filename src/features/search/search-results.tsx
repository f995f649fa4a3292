import { ErrorState, NotSavedOffline } from "../../components/view-states.tsx";
import { plural } from "../../contract/text.ts";
import type { ShardName } from "../../contract/types.ts";
import { useOnlineStatus } from "../../lib/use-online-status.ts";
import { StoryCard } from "../feed/story-card.tsx";
import { Highlight } from "./highlight.tsx";
import type { SearchOrder } from "../../contract/search.ts";
import { useSearch } from "./use-search.ts";

/** What an empty search says. */
export function SearchHint() {
  return (
    <p className="empty">
      Type words in the search box at the top of the page and press Enter. Broadsheet looks for them in every story’s
      title, excerpt, outlet and topics; a word also finds longer words that begin with it.
    </p>
  );
}

const count = (value: number) => value.toLocaleString("en-US");

interface SearchResultsProps {
  query: string;
  order?: SearchOrder;
  /** The search manifest to read (`SiteIndex.search`). */
  manifest: ShardName;
}

/** How many stories match `query`, then the best of them, ten at a time. */
export function SearchResults({ query, order = "best", manifest }: SearchResultsProps) {
  const { words, matches, stories, failedPage, loadingMore, hasMore, showMore } = useSearch(manifest, query, order);
  const online = useOnlineStatus();
  if (words.length === 0) return <SearchHint />;

  const failed = matches.isError ? matches : failedPage;
  if (failed && !online) {
    return <NotSavedOffline message="This search isn’t saved for offline reading. Connect to the internet to search." />;
  }
  if (failed) return <ErrorState what="the search results" onRetry={() => void failed.refetch()} />;

  const total = matches.data?.matches.length;
  // The count comes as soon as the matches are known; their stories follow from the summary blocks.
  const status =
    total === undefined
      ? "Searching…"
      : total === 0
        ? `No stories match “${query}”.`
        : `${count(total)} ${plural(total, "story matches", "stories match")} “${query}”.`;
  return (
    <>
      <p className="search-status" role="status">
        {status}
      </p>
      {matches.data && stories.length > 0 && (
        <div role="feed" aria-label="Search results" aria-busy={loadingMore} className="story-list">
          <div className="story-grid">
            {stories.map((story, index) => (
              <StoryCard
                key={story.id}
                story={story}
                position={index + 1}
                setSize={total ?? 0}
                excerpt
                mark={(text) => <Highlight text={text} words={matches.data.words} />}
              />
            ))}
          </div>
        </div>
      )}
      {hasMore && (
        <div className="search-results__more">
          <p>
            Showing {count(stories.length)} of {count(total ?? 0)}
          </p>
          <button type="button" className="button" onClick={showMore} disabled={loadingMore}>
            {loadingMore ? "Loading…" : "Show more results"}
          </button>
        </div>
      )}
    </>
  );
}
