import type { ReactNode } from "react";
import type { TopicRef } from "../../contract/types.ts";
import { ListStyleSwitch } from "../../features/feed/list-style-switch.tsx";
import { FollowingNav } from "../../features/following/following-nav.tsx";
import { MarkAllRead } from "../../features/library/mark-all-read.tsx";
import { SortControl } from "../../features/sort/sort-control.tsx";
import { SubscribeMenu, type FeedTopic } from "../../features/subscribe/subscribe-links.tsx";
import { TopicFilter, TopicFilterSkeleton } from "../../features/topics/topic-filter.tsx";
import { useSiteIndex } from "../../lib/use-site-index.ts";

interface ListFrameProps {
  /** The view's name, its only h1. */
  title: ReactNode;
  /** The feeds the Subscribe menu offers: the site's, a topic's, or none (null). */
  feeds?: FeedTopic | null;
  /** Controls for the list as a whole (Follow), beside the others. */
  actions?: ReactNode;
  /** Under the toolbar, above the stories: the combine form, a line about an outlet. */
  intro?: ReactNode;
  /** The topic being read: marked in the rail even when it is not one of the most used. */
  topic?: TopicRef;
  /** The stories. */
  children: ReactNode;
}

/** The most used topics, once the index is here; their place is held until then. */
function TopicRail({ topic }: { topic?: TopicRef }) {
  const { data: index } = useSiteIndex();
  return index ? <TopicFilter index={index} current={topic} /> : <TopicFilterSkeleton />;
}

/**
 * Every list's page (the front page, a topic, an outlet, Following): one toolbar (the
 * view's title, its order, the view switch, Mark all as read, Subscribe), the topics and
 * the reader's shortcuts in a rail beside the stories on a wide screen (above them, as a
 * row of chips, on a phone), then the stories.
 */
export function ListFrame({ title, feeds = {}, actions, intro, topic, children }: ListFrameProps) {
  return (
    <div className="front">
      <div className="front__toolbar">
        <h1 id="view-title" tabIndex={-1}>
          {title}
        </h1>
        <div className="front__controls">
          {actions}
          <SortControl />
          <ListStyleSwitch />
          <MarkAllRead />
          {feeds && <SubscribeMenu topic={feeds.slug === undefined ? undefined : { slug: feeds.slug, name: feeds.name }} />}
        </div>
      </div>
      <div className="front__rail">
        <TopicRail topic={topic} />
        <FollowingNav />
      </div>
      {intro && <div className="front__intro">{intro}</div>}
      <div className="front__list">{children}</div>
    </div>
  );
}
