import type { ReactNode } from "react";
import { useInfiniteQuery } from "@tanstack/react-query";
import { useParams } from "react-router-dom";
import { NotFound } from "../../components/view-states.tsx";
import { isOutletKey, isTopicSlug } from "../../contract/names.ts";
import type { SiteIndex } from "../../contract/types.ts";
import { StoryList } from "../../features/feed/story-list.tsx";
import { FollowList } from "../../features/following/follow-toggle.tsx";
import { CombineForm } from "../../features/topics/combine-form.tsx";
import { isNotFound } from "../../lib/api.ts";
import { feedQuery, type FeedPage, type FeedSource } from "../../lib/queries.ts";
import { useSortOrder } from "../../lib/sort-order.ts";
import { useDocumentTitle } from "../../lib/use-document-title.ts";
import { WithIndex } from "../with-index.tsx";
import { FeedSkeleton } from "./feed-route.tsx";
import { ListFrame } from "./list-frame.tsx";

/** What one kind of list (a topic's, an outlet's) says and reads, given the address's parameter. */
interface ListKind {
  /** The route's parameter that names the list. */
  param: string;
  /** Only a value of this form can name the list's data: `../feed` must never reach a data path. */
  isValid: (value: string) => boolean;
  source: (value: string) => NonNullable<FeedSource>;
  notFound: { title: string; message: string };
  /** The list's name: its first page says it; until then, whatever the index knows, or the placeholder. */
  nameOf: (value: string, index: SiteIndex, first: FeedPage | undefined) => string | undefined;
  placeholder: (value: string) => string;
  label: (name: string) => string;
  /** What the view says offline when its stories were never saved on this device. */
  notSaved: string;
  /** Above the stories. */
  intro: (value: string, index: SiteIndex) => ReactNode;
  /** A topic's list offers its own feeds in the Subscribe menu, and is the topic the rail marks. */
  isTopic: boolean;
}

/** `/topics/<slug>`: one topic's stories. */
export const TOPIC_LIST: ListKind = {
  param: "slug",
  isValid: isTopicSlug,
  source: (slug) => ({ topic: slug }),
  notFound: { title: "Topic not found", message: "No published story has this topic." },
  nameOf: (slug, index, first) => first?.topic?.name ?? index.topTopics.find((topic) => topic.slug === slug)?.name,
  placeholder: () => "Topic",
  label: (name) => `Stories about ${name}`,
  notSaved: "This topic isn’t saved for offline reading. Connect to the internet to see its stories.",
  intro: (slug, index) => <CombineForm index={index} chosen={[slug]} match="any" />,
  isTopic: true,
};

/** `/providers/<domain>`: one outlet's stories. */
export const OUTLET_LIST: ListKind = {
  param: "key",
  // Only a plain lower-case domain can name an outlet's data.
  isValid: isOutletKey,
  source: (key) => ({ provider: key }),
  notFound: { title: "Outlet not found", message: "No published story comes from this outlet." },
  nameOf: (_key, _index, first) => first?.provider?.name,
  placeholder: (key) => key,
  label: (name) => `Stories from ${name}`,
  notSaved: "This outlet isn’t saved for offline reading. Connect to the internet to see its stories.",
  intro: (key) => (
    <p className="list-intro">
      Every story from <strong>{key}</strong> in Broadsheet.
    </p>
  ),
  isTopic: false,
};

function ListNotFound({ kind }: { kind: ListKind }) {
  useDocumentTitle(kind.notFound.title);
  return <NotFound title={kind.notFound.title} message={kind.notFound.message} />;
}

/** One list's heading, controls and stories. */
function ListView({ kind, value, index }: { kind: ListKind; value: string; index: SiteIndex }) {
  const sort = useSortOrder();
  const source = kind.source(value);
  // The same query the list runs: its first page names the list.
  const feed = useInfiniteQuery(feedQuery(index, source, sort));
  const name = kind.nameOf(value, index, feed.data?.pages[0]);
  useDocumentTitle(name);
  if (feed.isError && isNotFound(feed.error)) return <ListNotFound kind={kind} />;
  return (
    <ListFrame
      title={name ?? kind.placeholder(value)}
      actions={<FollowList index={index} source={source} />}
      feeds={kind.isTopic ? { slug: value, name } : null}
      topic={kind.isTopic ? { slug: value, name: name ?? value } : undefined}
      intro={kind.intro(value, index)}
    >
      <StoryList feed={feed} label={name ? kind.label(name) : "Stories"} notSaved={kind.notSaved} byDay={sort === "latest"} />
    </ListFrame>
  );
}

/** A topic's or an outlet's list, at the address's parameter. */
export function ListRoute({ kind }: { kind: ListKind }) {
  const value = useParams()[kind.param] ?? "";
  if (!kind.isValid(value)) return <ListNotFound kind={kind} />;
  return <WithIndex loading={<FeedSkeleton />}>{(index) => <ListView key={value} kind={kind} value={value} index={index} />}</WithIndex>;
}
