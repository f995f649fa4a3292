import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useParams } from "react-router-dom";
import { ErrorState, NotFound, Skeleton } from "../../components/view-states.tsx";
import type { SiteIndex } from "../../contract/types.ts";
import { ArticleDetail } from "../../features/article/article-detail.tsx";
import { FullCoverage } from "../../features/coverage/full-coverage.tsx";
import { isNotFound } from "../../lib/api.ts";
import { useSavedStories } from "../../features/library/library-store.ts";
import { articleBucketQuery, cachedSummary } from "../../lib/queries.ts";
import { useDocumentTitle } from "../../lib/use-document-title.ts";
import { useOnlineStatus } from "../../lib/use-online-status.ts";
import { WithIndex } from "../with-index.tsx";

/** The story's title when this device knows it without its article: a saved story, or a card in a list already loaded. */
function useKnownTitle(id: string): string | undefined {
  const queryClient = useQueryClient();
  const saved = useSavedStories().find((entry) => entry.story.id === id)?.story.title;
  const title = saved ?? cachedSummary(queryClient, id)?.title;
  return typeof title === "string" ? title : undefined;
}

function ArticleView({ index, id }: { index: SiteIndex; id: string }) {
  const bucket = useQuery({ ...articleBucketQuery(index, id), select: (data) => data?.articles[id] ?? null });
  const online = useOnlineStatus();
  const knownTitle = useKnownTitle(id);
  const article = bucket.data;
  const missing = article === null || (bucket.isError && isNotFound(bucket.error));
  const notSaved = bucket.isError && !missing && !online;
  const notSavedTitle = knownTitle ?? "Not saved for offline reading";
  useDocumentTitle(missing ? "Story not found" : notSaved ? notSavedTitle : article?.title);
  if (missing) {
    return <NotFound title="Story not found" message="This story is not in Broadsheet. It may have been removed, or the link may be mistyped." />;
  }
  if (notSaved) {
    return <NotFound title={notSavedTitle} message="This story isn’t saved for offline reading. Connect to the internet to read it." />;
  }
  if (bucket.isError) return <ErrorState what="this story" onRetry={() => void bucket.refetch()} />;
  if (!article) return <Skeleton label="Loading the story…" lines={5} />;
  return (
    <>
      <ArticleDetail article={article} />
      <FullCoverage article={article} />
    </>
  );
}

export function ArticleRoute() {
  const { id = "" } = useParams();
  return <WithIndex>{(index) => <ArticleView index={index} id={id} />}</WithIndex>;
}
