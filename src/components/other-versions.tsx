import { Fragment } from "react";
import { parseHttpUrl } from "../contract/urls.ts";
import { hostOf } from "../lib/format.ts";
import { ExternalLink } from "./external-link.tsx";

/** Google's AMP cache serves its copies from here; another cache is just "a cached copy". */
const GOOGLE_AMP_CACHE = ".cdn.ampproject.org";

/**
 * A story's other versions, said as a reader would: its AMP page is a "faster mobile page",
 * an AMP cache's copy a "cached copy". A quiet line under the main link ("Also: faster mobile
 * page · Google's cached copy"); nothing when there is no http(s) version. `of` names the
 * story in each link for a screen reader's list of links, where the story is not beside it.
 */
export function OtherVersions({ ampUrl, cdnAmpUrl, of }: { ampUrl?: string; cdnAmpUrl?: string; of?: string }) {
  const versions = [
    { href: ampUrl, name: "faster mobile page" },
    { href: cdnAmpUrl, name: cdnAmpUrl && hostOf(cdnAmpUrl).endsWith(GOOGLE_AMP_CACHE) ? "Google’s cached copy" : "cached copy" },
  ].filter((version) => version.href !== undefined && parseHttpUrl(version.href));
  if (versions.length === 0) return null;
  return (
    <p className="other-versions">
      Also:{" "}
      {versions.map(({ href, name }, i) => (
        <Fragment key={name}>
          {i > 0 && <span aria-hidden="true"> · </span>}
          <ExternalLink href={href}>
            {name}
            {of && <span className="visually-hidden"> of “{of}”</span>}
          </ExternalLink>
        </Fragment>
      ))}
    </p>
  );
}
