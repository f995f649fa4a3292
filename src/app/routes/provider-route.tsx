import { useParams } from "react-router-dom";
import { NotFound } from "../../components/view-states.tsx";
import { isProviderKey } from "../../contract/paths.ts";
import { FollowList } from "../../features/following/follow-toggle.tsx";
import { useDocumentTitle } from "../../lib/use-document-title.ts";
import { WithIndex } from "../with-index.tsx";
import { FeedSkeleton } from "./feed-route.tsx";
import { ListView } from "./list-view.tsx";

function ProviderNotFound() {
  useDocumentTitle("Outlet not found");
  return <NotFound title="Outlet not found" message="No published story comes from this outlet." />;
}

/** One outlet's stories, at `/providers/<domain>`. */
export function ProviderRoute() {
  const { key = "" } = useParams();
  // Only a plain lower-case domain can name an outlet's data.
  if (!isProviderKey(key)) return <ProviderNotFound />;
  return (
    <WithIndex loading={<FeedSkeleton />}>
      {(index) => (
        <ListView
          key={key}
          index={index}
          source={{ provider: key }}
          actions={<FollowList index={index} source={{ provider: key }} />}
          nameOf={(first) => first?.provider?.name}
          placeholder={key}
          label={(name) => `Stories from ${name}`}
          notFound={<ProviderNotFound />}
          notSaved="This outlet isn’t saved for offline reading. Connect to the internet to see its stories."
        >
          <p className="list-intro">
            Every story from <strong>{key}</strong> in Broadsheet.
          </p>
        </ListView>
      )}
    </WithIndex>
  );
}
