import { useInfiniteQuery } from "@tanstack/react-query";
import type { ReactNode } from "react";
import type { SiteIndex } from "../../contract/types.ts";
import { StoryList } from "../../features/feed/story-list.tsx";
import { useSortOrder } from "../../lib/sort-order.ts";
import { isNotFound } from "../../lib/api.ts";
import { feedQuery, type FeedPage, type FeedSource } from "../../lib/queries.ts";
import { useDocumentTitle } from "../../lib/use-document-title.ts";
import { ListFrame } from "./list-frame.tsx";

interface ListViewProps {
  index: SiteIndex;
  source: NonNullable<FeedSource>;
  /** The list's name: its first page says it; until then, whatever the index knows. */
  nameOf: (first: FeedPage | undefined) => string | undefined;
  /** The heading while no name is known. */
  placeholder: string;
  label: (name: string) => string;
  /** What shows when the data has no such list. */
  notFound: ReactNode;
  /** Above the stories: the combine form, or a line about the outlet. */
  children?: ReactNode;
  /** The topic whose feeds the view offers to subscribe to. */
  feedTopic?: string;
  /** What the view says offline when its stories were never saved on this device. */
  notSaved: string;
  /** Buttons for the list as a whole (Follow), in the view's toolbar. */
  actions?: ReactNode;
}

/** One topic's or one outlet's stories: a heading, the controls, the list. */
export function ListView({ index, source, nameOf, placeholder, label, notFound, children, feedTopic, notSaved, actions }: ListViewProps) {
  const sort = useSortOrder();
  // The same query the list runs: its first page names the list.
  const feed = useInfiniteQuery(feedQuery(index, source, sort));
  const name = nameOf(feed.data?.pages[0]);
  useDocumentTitle(name);
  if (feed.isError && isNotFound(feed.error)) return notFound;
  return (
    <ListFrame
      title={name ?? placeholder}
      actions={actions}
      feeds={feedTopic === undefined ? null : { slug: feedTopic, name }}
      topic={feedTopic === undefined ? undefined : { slug: feedTopic, name: name ?? feedTopic }}
      intro={children}
    >
      <StoryList feed={feed} label={name ? label(name) : "Stories"} notSaved={notSaved} byDay={sort === "latest"} />
    </ListFrame>
  );
}
