import { useInfiniteQuery, useQueries, useQueryClient } from "@tanstack/react-query";
import { ErrorState, NotSavedOffline, Skeleton } from "../../components/view-states.tsx";
import type { SortOrder } from "../../contract/order.ts";
import { plural } from "../../contract/text.ts";
import type { SiteIndex } from "../../contract/types.ts";
import { isNotFound } from "../../lib/api.ts";
import { listHeadQuery } from "../../lib/queries.ts";
import { useOnlineStatus } from "../../lib/use-online-status.ts";
import { StoryList } from "../feed/story-list.tsx";
import { combinedFeedQuery } from "../../lib/combined-feed.ts";
import { FollowToggle } from "./follow-toggle.tsx";
import { keyOf, type Followed } from "../../lib/following-store.ts";

const namesOf = (entries: Followed[]) => new Intl.ListFormat("en", { type: "conjunction" }).format(entries.map((entry) => entry.name));

interface FollowingFeedProps {
  index: SiteIndex;
  followed: Followed[];
  sort: SortOrder;
}

/**
 * The stories of every topic and outlet the reader follows, merged in the reader's order
 * (newest first unless they chose another), each story once. A list this device cannot read
 * is left out and named: offline, as not saved (the offline save keeps each followed list's
 * first page in Latest); online, with a retry; gone from the data, with a way to stop
 * following it.
 */
export function FollowingFeed({ index, followed, sort }: FollowingFeedProps) {
  const queryClient = useQueryClient();
  const online = useOnlineStatus();
  // The merge reads the same heads; these say which lists it can read before it starts.
  const heads = useQueries({ queries: followed.map(({ source }) => listHeadQuery(index, source, sort)) });
  const settled = heads.every((head) => !head.isPending);
  const readable = followed.filter((_, i) => heads[i].isSuccess);
  const gone = followed.filter((_, i) => isNotFound(heads[i].error));
  const unreadable = followed.filter((_, i) => heads[i].isError && !isNotFound(heads[i].error));
  const feed = useInfiniteQuery({
    ...combinedFeedQuery(queryClient, { index, sources: readable.map(({ source }) => source), match: "any", sort }),
    enabled: settled && readable.length > 0,
  });

  return (
    <>
      {unreadable.length > 0 &&
        (online ? (
          <ErrorState what={namesOf(unreadable)} onRetry={() => heads.forEach((head) => head.isError && void head.refetch())} />
        ) : (
          <NotSavedOffline
            message={`${namesOf(unreadable)} ${plural(unreadable.length, "isn’t", "aren’t")} saved for offline reading. Connect to the internet to see ${plural(unreadable.length, "its", "their")} stories.`}
          />
        ))}
      {gone.length > 0 && (
        <div className="following-gone">
          <p>No story in Broadsheet is listed under {namesOf(gone)} any more.</p>
          {gone.map((entry) => (
            <FollowToggle key={keyOf(entry.source)} source={entry.source} name={entry.name} />
          ))}
        </div>
      )}
      {!settled ? (
        <Skeleton label="Loading the stories you follow…" lines={4} />
      ) : (
        readable.length > 0 && (
          <StoryList
            feed={feed}
            label="Stories you follow"
            byDay={sort === "latest"}
            empty="The topics and outlets you follow have no stories yet."
            notSaved="The stories you follow aren’t saved for offline reading. Connect to the internet to see them."
          />
        )
      )}
    </>
  );
}
