import { NotFound } from "../../components/view-states.tsx";
import { useDocumentTitle } from "../../lib/use-document-title.ts";

export function NotFoundRoute() {
  useDocumentTitle("Page not found");
  return <NotFound />;
}
