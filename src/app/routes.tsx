import { useQueryClient } from "@tanstack/react-query";
import { lazy, Suspense, useEffect, type ReactNode } from "react";
import { Route, Routes, useParams } from "react-router-dom";
import { Skeleton } from "../components/view-states.tsx";
import { articleBucketQuery } from "../lib/queries.ts";
import { useSiteIndex } from "../lib/use-site-index.ts";
import { Layout } from "./layout.tsx";
import { FeedRoute } from "./routes/feed-route.tsx";
import { NotFoundRoute } from "./routes/not-found-route.tsx";
import { ProviderRoute } from "./routes/provider-route.tsx";
import { TopicRoute } from "./routes/topic-route.tsx";

// The feed ships with the first load; the article view, the topic list, Saved and search load when first needed.
const ArticleRoute = lazy(async () => ({ default: (await import("./routes/article-route.tsx")).ArticleRoute }));
const TopicsRoute = lazy(async () => ({ default: (await import("./routes/topics-route.tsx")).TopicsRoute }));
const SavedRoute = lazy(async () => ({ default: (await import("./routes/saved-route.tsx")).SavedRoute }));
const SearchRoute = lazy(async () => ({ default: (await import("./routes/search-route.tsx")).SearchRoute }));

const loading = (view: ReactNode) => <Suspense fallback={<Skeleton label="Loading…" lines={5} />}>{view}</Suspense>;

/** A deep link's story starts loading with the article view's code, not after it. */
function ArticleWithData() {
  const { id = "" } = useParams();
  const queryClient = useQueryClient();
  const { data: index } = useSiteIndex();
  useEffect(() => {
    if (index) void queryClient.prefetchQuery(articleBucketQuery(index, id));
  }, [index, id, queryClient]);
  return loading(<ArticleRoute />);
}

/** Every view of the app. The caller picks the router: the browser's, or a memory one in tests. */
export function AppRoutes() {
  return (
    <Routes>
      <Route element={<Layout />}>
        <Route index element={<FeedRoute />} />
        <Route path="topics" element={loading(<TopicsRoute />)} />
        <Route path="topics/:slug" element={<TopicRoute />} />
        <Route path="providers/:key" element={<ProviderRoute />} />
        <Route path="saved" element={loading(<SavedRoute />)} />
        <Route path="search" element={loading(<SearchRoute />)} />
        <Route path="articles/:id" element={<ArticleWithData />} />
        <Route path="*" element={<NotFoundRoute />} />
      </Route>
    </Routes>
  );
}
