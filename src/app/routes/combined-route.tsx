import { useInfiniteQuery, useQueries, useQueryClient } from "@tanstack/react-query";
import { Link } from "react-router-dom";
import { NotFound } from "../../components/view-states.tsx";
import type { SortOrder } from "../../contract/order.ts";
import type { SiteIndex } from "../../contract/types.ts";
import { StoryList } from "../../features/feed/story-list.tsx";
import { withSort } from "../../lib/sort-order.ts";
import { CombineForm } from "../../features/topics/combine-form.tsx";
import { combinedFeedQuery, combinedSearch, type TopicMatch } from "../../lib/combined-feed.ts";
import { isNotFound } from "../../lib/api.ts";
import { paths } from "../../lib/paths.ts";
import { listHeadQuery } from "../../lib/queries.ts";
import { useDocumentTitle } from "../../lib/use-document-title.ts";
import { ListFrame } from "./list-frame.tsx";

interface CombinedProps {
  index: SiteIndex;
  slugs: string[];
  match: TopicMatch;
  sort: SortOrder;
}

const MATCHES: { match: TopicMatch; name: string }[] = [
  { match: "any", name: "Any of these" },
  { match: "all", name: "All of these" },
];

/** Stories about several topics at once, from `/?topics=a,b&match=all`: shareable as a link. */
export function CombinedTopics({ index, slugs, match, sort }: CombinedProps) {
  const queryClient = useQueryClient();
  const sources = slugs.map((slug) => ({ topic: slug }));
  // Each topic's first page names it; the merged list reads the same pages.
  const firsts = useQueries({ queries: sources.map((source) => listHeadQuery(index, source, sort)) });
  const names = firsts.map((first, i) => first.data?.topic?.name ?? slugs[i]);
  const title = `Stories about ${names.slice(0, -1).join(", ")} ${match === "all" ? "and" : "or"} ${names.at(-1)}`;
  useDocumentTitle(title);
  const feed = useInfiniteQuery(combinedFeedQuery(queryClient, { index, sources, match, sort }));

  if (firsts.some((first) => isNotFound(first.error))) {
    return <NotFound title="Topic not found" message="No published story has one of these topics." />;
  }
  const without = (slug: string) => {
    const rest = slugs.filter((other) => other !== slug);
    return withSort(rest.length === 1 ? paths.topic(rest[0]) : `${paths.home}${combinedSearch(rest, match)}`, sort);
  };
  const controls = (
    <div className="combined-controls">
      <ul className="chips" aria-label="Chosen topics">
        {slugs.map((slug, i) => (
          <li key={slug} className="chip chip--chosen">
            <Link to={withSort(paths.topic(slug), sort)}>{names[i]}</Link>
            <Link to={without(slug)} className="chip__remove" aria-label={`Remove ${names[i]}`}>
              ×
            </Link>
          </li>
        ))}
      </ul>
      <nav aria-label="Match topics">
        <ul className="segmented">
          {MATCHES.map((option) => (
            <li key={option.match}>
              <Link
                to={withSort(`${paths.home}${combinedSearch(slugs, option.match)}`, sort)}
                className="segmented__option"
                aria-current={option.match === match ? "true" : undefined}
              >
                {option.name}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      <CombineForm index={index} chosen={slugs} match={match} />
    </div>
  );
  return (
    <ListFrame title={title} feeds={null} intro={controls}>
      <StoryList
        feed={feed}
        label={title}
        empty={match === "all" ? "No story has all of these topics. Try Any of these." : "No story has any of these topics."}
        notSaved="These topics aren’t saved for offline reading. Connect to the internet to see their stories."
        byDay={sort === "latest"}
      />
    </ListFrame>
  );
}
