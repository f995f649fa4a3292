import { useId, type ReactNode } from "react";
import { Link } from "react-router-dom";
import { ContentImage } from "../../components/content-image.tsx";
import { ExternalLink } from "../../components/external-link.tsx";
import { OutletMark } from "../../components/outlet-mark.tsx";
import { RelativeTime } from "../../components/relative-time.tsx";
import { TopicTags } from "../../components/topic-tags.tsx";
import type { Headline, Summary } from "../../contract/types.ts";
import { paths } from "../../lib/paths.ts";
import { useIsRead } from "../library/library-store.ts";
import { SaveToggle } from "../library/save-toggle.tsx";
import { UnreadMarker } from "../library/unread-marker.tsx";
import { usePrefetchArticle } from "./use-prefetch-article.ts";

interface StoryCardProps {
  story: Summary;
  position: number;
  setSize: number;
  /** The list's first story in the Cards view: larger, its picture loaded at once, every other headline. */
  lead?: boolean;
  /** Its excerpt and topics: the lead's, and every card of a list to read through (search, Saved). */
  excerpt?: boolean;
  /** How the card's text is drawn: plain (the feed), or with a search's words marked. */
  mark?: (text: string) => ReactNode;
  /** After the bookmark is pressed. */
  onSaveToggle?: () => void;
}

const plain = (text: string) => text;

/** Another outlet's headline: to its article here, or out to the outlet when Broadsheet has none. */
function OtherHeadline({ headline }: { headline: Headline }) {
  const title = headline.id ? <Link to={paths.article(headline.id)}>{headline.title}</Link> : <ExternalLink href={headline.sourceUrl}>{headline.title}</ExternalLink>;
  return (
    <li>
      <span className="story__headline-outlet">{headline.outlet}</span> {title}
    </li>
  );
}

/**
 * One story, the same everywhere a list shows one (the feed, topics, outlets, search, saved,
 * following): what it is, who said it and when, what other outlets said, and a bookmark.
 * The Cards and Headlines views draw this same markup (styles.css), so switching views
 * never changes what a screen reader or a prerendered page holds.
 */
export function StoryCard({ story, position, setSize, lead = false, excerpt = lead, mark = plain, onSaveToggle }: StoryCardProps) {
  const prefetch = usePrefetchArticle(story.id);
  // Short ids React keeps the same in a prerendered page and its hydration: a first screen is twenty cards.
  const titleId = useId();
  const readId = useId();
  const unreadId = useIsRead(story) ? undefined : readId;
  // A card in the grid shows the first other headline, then Full coverage; the lead, all of them.
  const headlines = lead ? story.headlines : story.headlines?.slice(0, 1);
  const outlet = story.provider?.name ?? story.providerKey;
  return (
    <article className={`story${lead ? " story--lead" : ""}`} aria-labelledby={titleId} aria-posinset={position} aria-setsize={setSize}>
      {story.image && (
        <div className="story__media">
          <ContentImage className="story__image" image={story.image} alt="" priority={lead} />
        </div>
      )}
      <div className="story__body">
        <h2 className="story__title" id={titleId}>
          <Link to={paths.article(story.id)} {...prefetch} data-shortcut="open" aria-describedby={unreadId}>
            {mark(story.title)}
          </Link>
        </h2>
        <div className="story__meta">
          {unreadId && <UnreadMarker id={unreadId} />}
          <Link to={paths.outlet(story.providerKey)} className="story__provider">
            <OutletMark name={outlet} outletKey={story.providerKey} />
            {mark(outlet)}
          </Link>
          <RelativeTime iso={story.publishedAt} />
          <SaveToggle story={story} onToggle={onSaveToggle} />
        </div>
        {excerpt && story.excerpt && <p className="story__excerpt">{mark(story.excerpt)}</p>}
      </div>
      {headlines && (
        <ul className="story__headlines" aria-label="Other outlets" aria-describedby={titleId}>
          {headlines.map((headline) => (
            <OtherHeadline key={headline.id ?? headline.sourceUrl} headline={headline} />
          ))}
        </ul>
      )}
      {story.outlets && (
        <Link to={paths.article(story.id)} className="story__coverage" aria-describedby={titleId}>
          Full coverage · {story.outlets} outlets
        </Link>
      )}
      {excerpt && <TopicTags topics={story.topics} />}
    </article>
  );
}
