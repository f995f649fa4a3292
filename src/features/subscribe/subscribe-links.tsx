import { useEffect } from "react";
import { FEED_TYPES, type FeedFormat, publishedPaths } from "../../contract/published.ts";

/** The feeds a view offers: a topic's (its slug, and its name once known), or the site's (no slug). */
export interface FeedTopic {
  slug?: string;
  name?: string;
}

const FORMATS: FeedFormat[] = ["rss", "json"];

/** A feed file's address on this site: a plain link, so the browser (or a feed reader) fetches the file itself. */
const feedHref = (format: FeedFormat, topic: string | undefined) =>
  `${import.meta.env.BASE_URL}${topic === undefined ? publishedPaths.latestFeed(format) : publishedPaths.topicFeed(topic, format)}`;

/**
 * A topic's feeds as the page's alternates while the topic is shown, so a feed reader given
 * the page's address finds them; the site's own feeds are in index.html.
 */
function useTopicFeedLinks(topic: { slug: string; name?: string } | undefined): void {
  const slug = topic?.slug;
  const title = topic && `${topic.name ?? topic.slug} · Broadsheet`;
  useEffect(() => {
    if (slug === undefined || title === undefined) return;
    const links = FORMATS.map((format) => {
      const link = document.createElement("link");
      link.rel = "alternate";
      link.type = FEED_TYPES[format];
      link.title = title;
      link.href = feedHref(format, slug);
      document.head.append(link);
      return link;
    });
    return () => links.forEach((link) => link.remove());
  }, [slug, title]);
}

/**
 * "Subscribe" to the site's newest stories, or a topic's: a small menu in the toolbar with
 * the RSS feed and the JSON Feed, plain links a feed reader can be given.
 */
export function SubscribeMenu({ topic }: { topic?: { slug: string; name?: string } }) {
  useTopicFeedLinks(topic);
  return (
    <details className="subscribe">
      <summary>Subscribe</summary>
      <ul className="subscribe__links">
        <li>
          <a href={feedHref("rss", topic?.slug)} type={FEED_TYPES.rss}>
            Subscribe (RSS)
          </a>
        </li>
        <li>
          <a href={feedHref("json", topic?.slug)} type={FEED_TYPES.json}>
            JSON Feed
          </a>
        </li>
      </ul>
    </details>
  );
}
