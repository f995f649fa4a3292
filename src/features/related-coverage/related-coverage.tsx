import { ExternalLink } from "../../components/external-link.tsx";
import { RelativeTime } from "../../components/relative-time.tsx";
import type { RelatedItem } from "../../contract/types.ts";
import { hostOf } from "../../lib/format.ts";

/** The same story as other outlets told it. */
export function RelatedCoverage({ items }: { items: readonly RelatedItem[] }) {
  return (
    <section className="related" aria-labelledby="related-title">
      <h2 id="related-title">Related coverage</h2>
      {items.length === 0 ? (
        <p className="empty">No other outlets’ coverage is listed for this story.</p>
      ) : (
        <ol className="related__list">
          {items.map((item) => (
            <li key={item.sourceUrl} className="related__item">
              <h3 className="related__title">
                <ExternalLink href={item.sourceUrl}>{item.title}</ExternalLink>
              </h3>
              <p className="story__meta">
                <span className="story__provider">{item.provider?.name ?? hostOf(item.sourceUrl)}</span>
                {item.publishedAt && <RelativeTime iso={item.publishedAt} />}
              </p>
              {item.excerpt && <p className="related__excerpt">{item.excerpt}</p>}
              {item.ampUrl && (
                <p>
                  <ExternalLink href={item.ampUrl} className="subtle-link">
                    AMP page<span className="visually-hidden"> for “{item.title}”</span>
                  </ExternalLink>
                </p>
              )}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
