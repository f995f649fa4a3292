import { SavedList } from "../../features/saved/saved-list.tsx";
import { useDocumentTitle } from "../../lib/use-document-title.ts";

export function SavedRoute() {
  useDocumentTitle("Saved stories");
  return (
    <>
      <h1 id="view-title" tabIndex={-1}>
        Saved stories
      </h1>
      <SavedList />
    </>
  );
}
