import { useInfiniteQuery } from "@tanstack/react-query";
import type { SortOrder } from "../../contract/order.ts";
import type { SiteIndex } from "../../contract/types.ts";
import { feedQuery, type FeedSource } from "../../lib/queries.ts";
import { StoryList } from "./story-list.tsx";

interface FeedListProps {
  index: SiteIndex;
  source: FeedSource;
  sort: SortOrder;
  label: string;
  empty?: string;
}

/** One of the lists the data has pages for, in the reader's order. */
export function FeedList({ index, source, sort, label, empty }: FeedListProps) {
  const feed = useInfiniteQuery(feedQuery(index, source, sort));
  // Latest is newest first, so its stories fall under a heading for each day.
  return <StoryList feed={feed} label={label} empty={empty} byDay={sort === "latest"} />;
}
