import { useQueryClient } from "@tanstack/react-query";
import { useCallback } from "react";
import { articleBucketQuery } from "../../lib/queries.ts";
import { useSiteIndex } from "../../lib/use-site-index.ts";

/** Starts loading an article when the reader points at or focuses its link. */
export function usePrefetchArticle(id: string) {
  const queryClient = useQueryClient();
  const { data: index } = useSiteIndex();
  const prefetch = useCallback(() => {
    if (index) void queryClient.prefetchQuery(articleBucketQuery(index, id));
  }, [index, id, queryClient]);
  return { onMouseEnter: prefetch, onFocus: prefetch, onTouchStart: prefetch };
}
