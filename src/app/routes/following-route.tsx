import { Link } from "react-router-dom";
import { FollowingFeed } from "../../features/following/following-feed.tsx";
import { useFollowing } from "../../lib/following-store.ts";
import { useSortOrder } from "../../lib/sort-order.ts";
import { paths } from "../../lib/paths.ts";
import { useDocumentTitle } from "../../lib/use-document-title.ts";
import { WithIndex } from "../with-index.tsx";
import { ListFrame } from "./list-frame.tsx";

/** `/following`: the stories of the topics and outlets followed on this device, newest first unless the reader sorts them. */
export function FollowingRoute() {
  useDocumentTitle("Following");
  const followed = useFollowing();
  const sort = useSortOrder();
  return (
    <ListFrame title="Following" feeds={null}>
      {followed.length === 0 ? (
        <p className="empty">
          You aren’t following anything yet. Follow a topic or an outlet from its page and its stories show here, newest
          first; what you follow stays on this device. Browse the <Link to={paths.topics}>Topics</Link>.
        </p>
      ) : (
        <WithIndex>{(index) => <FollowingFeed index={index} followed={followed} sort={sort} />}</WithIndex>
      )}
    </ListFrame>
  );
}
