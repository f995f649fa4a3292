import type { RouteObject } from "react-router-dom";
import { Skeleton } from "../components/view-states.tsx";
import { Layout } from "./layout.tsx";
import { FeedRoute } from "./routes/feed-route.tsx";
import { NotFoundRoute } from "./routes/not-found-route.tsx";
import { TopicRoute } from "./routes/topic-route.tsx";

/** The feed ships with the first load; the article view and the topic list load when first needed. */
export const routes: RouteObject[] = [
  {
    element: <Layout />,
    // Shown only while a deep link's route module loads on the very first visit.
    hydrateFallbackElement: <Skeleton label="Loading Broadsheet…" lines={6} />,
    children: [
      { index: true, element: <FeedRoute /> },
      { path: "topics", lazy: async () => ({ Component: (await import("./routes/topics-route.tsx")).TopicsRoute }) },
      { path: "topics/:slug", element: <TopicRoute /> },
      { path: "articles/:id", lazy: async () => ({ Component: (await import("./routes/article-route.tsx")).ArticleRoute }) },
      { path: "*", element: <NotFoundRoute /> },
    ],
  },
];
