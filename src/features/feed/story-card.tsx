import { Link } from "react-router-dom";
import { ContentImage } from "../../components/content-image.tsx";
import { RelativeTime } from "../../components/relative-time.tsx";
import { TopicTags } from "../../components/topic-tags.tsx";
import type { Summary } from "../../contract/types.ts";
import { useIsRead } from "../library/library-store.ts";
import { SaveToggle } from "../library/save-toggle.tsx";
import { UnreadMarker } from "../library/unread-marker.tsx";
import { paths } from "../../lib/paths.ts";
import { usePrefetchArticle } from "./use-prefetch-article.ts";

interface StoryCardProps {
  story: Summary;
  position: number;
  setSize: number;
}

/** One story in a feed: what it is, who said it, when, and a way in. */
export function StoryCard({ story, position, setSize }: StoryCardProps) {
  const prefetch = usePrefetchArticle(story.id);
  const titleId = `story-${story.id}`;
  const unreadId = useIsRead(story) ? undefined : `${titleId}-unread`;
  return (
    <article className="story" aria-labelledby={titleId} aria-posinset={position} aria-setsize={setSize}>
      <div className="story__body">
        <h2 className="story__title" id={titleId}>
          <Link to={paths.article(story.id)} {...prefetch} data-shortcut="open" aria-describedby={unreadId}>
            {story.title}
          </Link>
        </h2>
        <p className="story__meta">
          {unreadId && <UnreadMarker id={unreadId} />}
          {story.provider && (
            <Link to={paths.provider(story.providerKey)} className="story__provider">
              {story.provider.name}
            </Link>
          )}
          <RelativeTime iso={story.publishedAt} />
          {story.outlets && <span className="story__outlets">{story.outlets} outlets</span>}
        </p>
        {story.excerpt && <p className="story__excerpt">{story.excerpt}</p>}
        <TopicTags topics={story.topics} />
      </div>
      <div className="story__side">
        <SaveToggle story={story} />
        {story.image && <ContentImage className="story__image" image={story.image} alt="" />}
      </div>
    </article>
  );
}
