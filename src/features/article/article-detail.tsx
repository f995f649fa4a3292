import { useEffect, useRef } from "react";
import { Link } from "react-router-dom";
import { ContentImage } from "../../components/content-image.tsx";
import { ExternalLink } from "../../components/external-link.tsx";
import { RelativeTime } from "../../components/relative-time.tsx";
import { TopicTags } from "../../components/topic-tags.tsx";
import { toSummary } from "../../contract/summary.ts";
import type { Article } from "../../contract/types.ts";
import { hostOf } from "../../lib/format.ts";
import { paths } from "../../lib/paths.ts";
import { SaveToggle } from "../library/save-toggle.tsx";
import { useMarkRead } from "../library/use-mark-read.ts";
import { ShareButton } from "../../components/share-button.tsx";
import { OtherVersions } from "../../components/other-versions.tsx";

/** One article: what it says, where it came from, and where to read it in full. */
export function ArticleDetail({ article }: { article: Article }) {
  const heading = useRef<HTMLHeadingElement>(null);
  // Navigation focused <main> while the story loaded; now its heading is here to take focus.
  useEffect(() => {
    if (document.activeElement?.id === "main") heading.current?.focus();
  }, []);
  useMarkRead(article);
  const lead = article.images[0];
  const outlet = article.provider?.name ?? hostOf(article.sourceUrl);
  const domain = article.provider?.domain ?? hostOf(article.sourceUrl);
  return (
    <article className="article" aria-labelledby="view-title">
      <header className="article__header">
        <h1 id="view-title" tabIndex={-1} ref={heading}>
          {article.title}
        </h1>
        <p className="story__meta">
          <Link to={paths.outlet(article.providerKey)} className="story__provider">
            {outlet}
          </Link>
          {domain !== outlet && <span className="article__domain">{domain}</span>}
          <RelativeTime iso={article.publishedAt} />
        </p>
      </header>
      {/* "Read at" comes before the image, so a phone shows it without scrolling (issue 12). */}
      <div className="article__read">
        <div className="article__actions">
          <ExternalLink href={article.sourceUrl} className="button button--primary">
            Read at {outlet}
          </ExternalLink>
          <SaveToggle story={toSummary(article)} className="button" />
          <ShareButton title={article.title} to={paths.article(article.id)} />
        </div>
        <OtherVersions ampUrl={article.ampUrl} cdnAmpUrl={article.cdnAmpUrl} />
      </div>
      {/* An image titled like the story says nothing the heading has not: it is decorative then. */}
      {lead && <ContentImage className="article__image" image={lead} alt={lead.title === article.title ? "" : (lead.title ?? "")} priority />}
      {article.excerpt && <p className="article__excerpt">{article.excerpt}</p>}
      <TopicTags topics={article.topics} />
    </article>
  );
}
