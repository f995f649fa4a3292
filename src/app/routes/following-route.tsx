import { Link } from "react-router-dom";
import { FollowingFeed } from "../../features/following/following-feed.tsx";
import { useFollowing } from "../../features/following/following-store.ts";
import { MarkAllRead } from "../../features/library/mark-all-read.tsx";
import { paths } from "../../lib/paths.ts";
import { useDocumentTitle } from "../../lib/use-document-title.ts";
import { WithIndex } from "../with-index.tsx";

/** `/following`: the stories of the topics and outlets followed on this device, newest first. */
export function FollowingRoute() {
  useDocumentTitle("Following");
  const followed = useFollowing();
  return (
    <>
      <h1 id="view-title" tabIndex={-1}>
        Following
      </h1>
      {followed.length === 0 ? (
        <p className="empty">
          You aren’t following anything yet. Follow a topic or an outlet from its page and its stories show here, newest
          first; what you follow stays on this device. Browse the <Link to={paths.topics}>Topics</Link>.
        </p>
      ) : (
        <>
          <MarkAllRead />
          <WithIndex>{(index) => <FollowingFeed index={index} followed={followed} />}</WithIndex>
        </>
      )}
    </>
  );
}
