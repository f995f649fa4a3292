import { useEffect } from "react";

/** Sets the tab's title for the current view. */
export function useDocumentTitle(title: string | undefined): void {
  useEffect(() => {
    document.title = title ? `${title} · Broadsheet` : "Broadsheet";
  }, [title]);
}
