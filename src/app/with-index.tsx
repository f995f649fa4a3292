import type { ReactNode } from "react";
import { ErrorState, Skeleton } from "../components/view-states.tsx";
import type { SiteIndex } from "../contract/types.ts";
import { useSiteIndex } from "../lib/use-site-index.ts";

/** Renders `children` once the build's index is here; loading and failure look the same on every route. */
export function WithIndex({ children }: { children: (index: SiteIndex) => ReactNode }) {
  const index = useSiteIndex();
  if (index.isPending) return <Skeleton label="Loading Broadsheet…" lines={6} />;
  if (index.isError) return <ErrorState what="Broadsheet" onRetry={() => void index.refetch()} />;
  return children(index.data);
}
