import { Link } from "react-router-dom";
import { RelativeTime } from "../../components/relative-time.tsx";
import type { StoryCoverage } from "../../contract/types.ts";
import { paths } from "../../lib/paths.ts";

const plural = (count: number, one: string, many = `${one}s`) => `${count} ${count === 1 ? one : many}`;

/**
 * Google News's "Full coverage", in the open: every other article Broadsheet has about
 * this story, and every outlet that covered it, with how many pieces each. How articles
 * are grouped is written up in the README ("Story clusters").
 */
export function FullCoverage({ story }: { story: StoryCoverage }) {
  const { articles, articleCount, outlets, outletCount } = story;
  return (
    <section className="coverage" aria-labelledby="coverage-title">
      <h2 id="coverage-title">Full coverage</h2>
      <p className="coverage__summary">
        {plural(outletCount, "outlet")} covered this story
        {articleCount > 0 && `; Broadsheet has ${plural(articleCount, "other article")} about it`}.
      </p>
      {articles.length > 0 && (
        <>
          <h3 className="coverage__heading">In this story</h3>
          <ul className="coverage__articles">
            {articles.map((article) => (
              <li key={article.id}>
                <Link to={paths.article(article.id)}>{article.title}</Link>
                <span className="story__meta">
                  {article.provider && <span className="story__provider">{article.provider.name}</span>}
                  <RelativeTime iso={article.publishedAt} />
                </span>
              </li>
            ))}
          </ul>
          {articleCount > articles.length && (
            <p className="coverage__more">…and {plural(articleCount - articles.length, "older article")}.</p>
          )}
        </>
      )}
      <h3 className="coverage__heading">Outlets, newest first</h3>
      <ul className="coverage__outlets">
        {outlets.map((outlet) => (
          <li key={outlet.key}>
            <Link to={paths.provider(outlet.key)}>{outlet.name}</Link>{" "}
            <span className="chip__count">{plural(outlet.count, "piece")}</span>
            {outlet.latestAt && (
              <>
                {" · latest "}
                <RelativeTime iso={outlet.latestAt} />
              </>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}
