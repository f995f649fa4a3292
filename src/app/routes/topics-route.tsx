import { TopicIndex } from "../../features/topics/topic-index.tsx";
import { useDocumentTitle } from "../../lib/use-document-title.ts";
import { WithIndex } from "../with-index.tsx";

export function TopicsRoute() {
  useDocumentTitle("All topics");
  return (
    <>
      <h1 id="view-title" tabIndex={-1}>
        All topics
      </h1>
      <WithIndex>{(index) => <TopicIndex index={index} />}</WithIndex>
    </>
  );
}
