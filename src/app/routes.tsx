import { useQueryClient } from "@tanstack/react-query";
import { lazy, Suspense, useEffect, type ComponentType, type ReactNode } from "react";
import { Route, Routes, useParams } from "react-router-dom";
import { Skeleton } from "../components/view-states.tsx";
import { articleBucketQuery } from "../lib/queries.ts";
import { useSiteIndex } from "../lib/use-site-index.ts";
import { Layout } from "./layout.tsx";
import { FeedRoute } from "./routes/feed-route.tsx";
import { NotFoundRoute } from "./routes/not-found-route.tsx";
import { ListRoute, OUTLET_LIST, TOPIC_LIST } from "./routes/list-route.tsx";

// The feed ships with the first load; the article view, the topic list, Saved, Following and search load when first needed.
const ArticleRoute = lazy(async () => ({ default: (await import("./routes/article-route.tsx")).ArticleRoute }));
const TopicsRoute = lazy(async () => ({ default: (await import("./routes/topics-route.tsx")).TopicsRoute }));
const SavedRoute = lazy(async () => ({ default: (await import("./routes/saved-route.tsx")).SavedRoute }));
const FollowingRoute = lazy(async () => ({ default: (await import("./routes/following-route.tsx")).FollowingRoute }));

/**
 * A lazy view whose code can be fetched ahead of time. Once fetched it renders at once:
 * React.lazy given a promise suspends for a moment even when the code is here, and a
 * Suspense fallback, once shown, stays at least 300 ms.
 */
function preloadableView(load: () => Promise<ComponentType>) {
  let view: { default: ComponentType } | undefined;
  const preload = () => load().then((component) => (view = { default: component }));
  // A thenable that answers while React asks: lazy then has the view without suspending.
  const answerNow = (loaded: { default: ComponentType }) => ({ then: (resolve: (module: typeof loaded) => void) => resolve(loaded) });
  const View = lazy(() => (view ? (answerNow(view) as unknown as Promise<typeof view>) : preload()));
  return { View, preload };
}

// The search view's code loads when the reader focuses the search box: it is there by the time they press Enter.
const search = preloadableView(async () => (await import("./routes/search-route.tsx")).SearchRoute);

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
      <Route element={<Layout preloadSearch={search.preload} />}>
        <Route index element={<FeedRoute />} />
        <Route path="topics" element={loading(<TopicsRoute />)} />
        <Route path="topics/:slug" element={<ListRoute kind={TOPIC_LIST} />} />
        <Route path="providers/:key" element={<ListRoute kind={OUTLET_LIST} />} />
        <Route path="saved" element={loading(<SavedRoute />)} />
        <Route path="following" element={loading(<FollowingRoute />)} />
        <Route path="search" element={loading(<search.View />)} />
        <Route path="articles/:id" element={<ArticleWithData />} />
        <Route path="*" element={<NotFoundRoute />} />
      </Route>
    </Routes>
  );
}
