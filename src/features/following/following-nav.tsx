import { useId } from "react";
import { NavLink } from "react-router-dom";
import { paths } from "../../lib/paths.ts";
import { keyOf, useFollowing, type Followed } from "../../lib/following-store.ts";

const pathOf = ({ source }: Followed) => ("topic" in source ? paths.topic(source.topic) : paths.outlet(source.provider));

/** One group of the reader's shortcuts, under a label of its own; nothing when the group is empty. */
function FollowedGroup({ label, entries }: { label: string; entries: Followed[] }) {
  // The nav may be placed twice (a side rail and a menu): each copy's labels are its own.
  const id = useId();
  if (entries.length === 0) return null;
  return (
    <>
      <p className="following-nav__label" id={id}>
        {label}
      </p>
      <ul className="following-nav__list" aria-labelledby={id}>
        {entries.map((entry) => (
          <li key={keyOf(entry.source)}>
            <NavLink to={pathOf(entry)} end>
              {entry.name}
            </NavLink>
          </li>
        ))}
      </ul>
    </>
  );
}

/**
 * The reader's shortcuts: the Following view, then each topic and outlet they follow, in
 * the order followed. The link to the page being read is marked as current. All of it is
 * read from this device; nothing waits for the network.
 */
export function FollowingNav() {
  const followed = useFollowing();
  return (
    <nav className="following-nav" aria-label="Following">
      <NavLink to={paths.following} end className="following-nav__all">
        Following
      </NavLink>
      {followed.length === 0 ? (
        <p className="following-nav__hint">Follow a topic or an outlet from its page to list it here.</p>
      ) : (
        <>
          <FollowedGroup label="Topics" entries={followed.filter(({ source }) => "topic" in source)} />
          <FollowedGroup label="Outlets" entries={followed.filter(({ source }) => "provider" in source)} />
        </>
      )}
    </nav>
  );
}
