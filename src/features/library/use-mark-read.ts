import { useEffect } from "react";
import type { Summary } from "../../contract/types.ts";
import { markRead } from "./library-store.ts";

/** Opening a story marks it read. */
export function useMarkRead({ id, publishedAt }: Pick<Summary, "id" | "publishedAt">): void {
  useEffect(() => markRead({ id, publishedAt }), [id, publishedAt]);
}
