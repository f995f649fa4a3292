import { Link } from "react-router-dom";
import { ExternalLink } from "../../components/external-link.tsx";
import { RelativeTime } from "../../components/relative-time.tsx";
import { plural } from "../../contract/text.ts";
import type { Article, OutletCoverage } from "../../contract/types.ts";
import { hostOf } from "../../lib/format.ts";
import { paths } from "../../lib/paths.ts";
import { OtherVersions } from "../../components/other-versions.tsx";
import { CoverageTimeline } from "./timeline.tsx";

/** An outlet's name, linked to its page when it has one: outlets seen only in related coverage have none. */
function OutletName({ outlet }: { outlet: OutletCoverage }) {
  return outlet.listed ? <Link to={paths.outlet(outlet.key)}>{outlet.name}</Link> : <span>{outlet.name}</span>;
}

/**
 * Google News's "Full coverage", in the open, and the article page's one word on who else
 * told the story: the story's other articles in Broadsheet, the other outlets' pieces this
 * article lists (they open at the outlet), and every outlet with a piece in the story, with
 * when each published, drawn and listed. How articles are grouped is written up in
 * docs/features.md ("Stories and Full coverage").
 */
export function FullCoverage({ article }: { article: Article }) {
  const { related, story } = article;
  const { articles, articleCount, outlets, outletCount } = story;
  const alone = articles.length === 0 && related.length === 0;
  return (
    <section id="coverage" className="coverage" aria-labelledby="coverage-title">
      <h2 id="coverage-title">Full coverage</h2>
      {alone ? (
        <p className="empty">Broadsheet knows of no other coverage of this story.</p>
      ) : (
        <>
          <p className="coverage__summary">
            {`${outletCount} ${plural(outletCount, "outlet")}`} covered this story
            {articleCount > 0 && `; Broadsheet has ${articleCount} ${plural(articleCount, "other article")} about it`}.
          </p>
          {articles.length > 0 && (
            <>
              <h3 id="coverage-in-broadsheet" className="coverage__heading">
                In Broadsheet
              </h3>
              <ul className="coverage__list" aria-labelledby="coverage-in-broadsheet">
                {articles.map((other) => (
                  <li key={other.id}>
                    <Link to={paths.article(other.id)} className="coverage__title">
                      {other.title}
                    </Link>
                    <span className="story__meta">
                      {other.provider && <span className="story__provider">{other.provider.name}</span>}
                      <RelativeTime iso={other.publishedAt} />
                    </span>
                  </li>
                ))}
              </ul>
              {articleCount > articles.length && (
                <p className="coverage__more">…and {`${articleCount - articles.length} ${plural(articleCount - articles.length, "older article")}`}.</p>
              )}
            </>
          )}
          {related.length > 0 && (
            <>
              <h3 id="coverage-elsewhere" className="coverage__heading">
                Elsewhere
              </h3>
              <ul className="coverage__list" aria-labelledby="coverage-elsewhere">
                {related.map((item) => (
                  <li key={item.sourceUrl}>
                    <ExternalLink href={item.sourceUrl} className="coverage__title">
                      {item.title}
                    </ExternalLink>
                    <span className="story__meta">
                      <span className="story__provider">{item.provider?.name ?? hostOf(item.sourceUrl)}</span>
                      {item.publishedAt && <RelativeTime iso={item.publishedAt} />}
                    </span>
                    {item.excerpt && <p className="coverage__excerpt">{item.excerpt}</p>}
                    <OtherVersions ampUrl={item.ampUrl} cdnAmpUrl={item.cdnAmpUrl} of={item.title} />
                  </li>
                ))}
              </ul>
            </>
          )}
          <h3 id="coverage-outlets" className="coverage__heading">
            Outlets, newest first
          </h3>
          <CoverageTimeline outlets={outlets} outletCount={outletCount} articleAt={article.publishedAt} />
          <ul className="coverage__outlets" aria-labelledby="coverage-outlets">
            {outlets.map((outlet) => (
              <li key={outlet.key}>
                <OutletName outlet={outlet} /> <span className="chip__count">{`${outlet.count} ${plural(outlet.count, "piece")}`}</span>
                {outlet.latestAt && (
                  <>
                    {" · latest "}
                    <RelativeTime iso={outlet.latestAt} />
                  </>
                )}
              </li>
            ))}
          </ul>
          {outletCount > outlets.length && <p className="coverage__more">…and {`${outletCount - outlets.length} ${plural(outletCount - outlets.length, "more outlet")}`}.</p>}
        </>
      )}
    </section>
  );
}
