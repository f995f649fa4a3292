import { lazy, Suspense, type ReactNode } from "react";
import { Route, Routes } from "react-router-dom";
import { Skeleton } from "../components/view-states.tsx";
import { Layout } from "./layout.tsx";
import { FeedRoute } from "./routes/feed-route.tsx";
import { NotFoundRoute } from "./routes/not-found-route.tsx";
import { TopicRoute } from "./routes/topic-route.tsx";

// The feed ships with the first load; the article view and the topic list load when first needed.
const ArticleRoute = lazy(async () => ({ default: (await import("./routes/article-route.tsx")).ArticleRoute }));
const TopicsRoute = lazy(async () => ({ default: (await import("./routes/topics-route.tsx")).TopicsRoute }));

const loading = (view: ReactNode) => <Suspense fallback={<Skeleton label="Loading…" lines={5} />}>{view}</Suspense>;

/** Every view of the app. The caller picks the router: the browser's, or a memory one in tests. */
export function AppRoutes() {
  return (
    <Routes>
      <Route element={<Layout />}>
        <Route index element={<FeedRoute />} />
        <Route path="topics" element={loading(<TopicsRoute />)} />
        <Route path="topics/:slug" element={<TopicRoute />} />
        <Route path="articles/:id" element={loading(<ArticleRoute />)} />
        <Route path="*" element={<NotFoundRoute />} />
      </Route>
    </Routes>
  );
}
