import type { ReactNode } from "react";
import { ErrorState, NotSavedOffline, Skeleton } from "../components/view-states.tsx";
import type { SiteIndex } from "../contract/types.ts";
import { useOnlineStatus } from "../lib/use-online-status.ts";
import { useSiteIndex } from "../lib/use-site-index.ts";

interface WithIndexProps {
  children: (index: SiteIndex) => ReactNode;
  /** What shows while the index loads: shaped like the view, so nothing moves when it arrives. */
  loading?: ReactNode;
}

/** Renders `children` once the build's index is here; failure looks the same on every route. */
export function WithIndex({ children, loading = <Skeleton label="Loading Broadsheet…" lines={4} /> }: WithIndexProps) {
  const index = useSiteIndex();
  const online = useOnlineStatus();
  if (index.isPending) return loading;
  if (index.isError && !online) {
    return <NotSavedOffline message="Broadsheet’s stories aren’t saved for offline reading on this device. Connect to the internet to load them." />;
  }
  if (index.isError) return <ErrorState what="Broadsheet" onRetry={() => void index.refetch()} />;
  return children(index.data);
}
