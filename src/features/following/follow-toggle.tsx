import { useQuery } from "@tanstack/react-query";
import type { SiteIndex } from "../../contract/types.ts";
import { listHeadQuery, type FeedSource } from "../../lib/queries.ts";
import { toggleFollowing, useIsFollowing } from "../../lib/following-store.ts";

interface FollowToggleProps {
  source: NonNullable<FeedSource>;
  /** The list's name; until it is known the button waits. */
  name: string | undefined;
}

/**
 * Follows a topic or an outlet on this device, or stops. Its name stays "Follow <name>"
 * and aria-pressed says whether it is followed; the visible word grows to "Following"
 * (the added letters are not part of the name, so a screen reader hears the state once).
 */
export function FollowToggle({ source, name }: FollowToggleProps) {
  const following = useIsFollowing(source);
  return (
    <button
      type="button"
      className="button button--small follow-toggle"
      aria-pressed={following}
      disabled={name === undefined}
      onClick={() => name !== undefined && toggleFollowing(source, name)}
    >
      {/* One word on screen; the button's flex layout would part "Follow" from "ing". */}
      <span>Follow{following && <span aria-hidden="true">ing</span>}</span> <span className="visually-hidden">{name}</span>
    </button>
  );
}

/**
 * The toggle for a list's own page: the list's Latest head names it (the head every order
 * reads first, so asking costs no request of its own).
 */
export function FollowList({ index, source }: { index: SiteIndex; source: NonNullable<FeedSource> }) {
  const head = useQuery(listHeadQuery(index, source, "latest"));
  return <FollowToggle source={source} name={head.data?.topic?.name ?? head.data?.provider?.name} />;
}
