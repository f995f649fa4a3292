import { isOutletKey } from "../contract/names.ts";
import type { ContentOutlet } from "../contract/types.ts";
import { parseHttpUrl } from "../contract/urls.ts";
import { shortHash } from "./slug.ts";

/** A host or domain as outlets are compared: `www.` and case set aside, no trailing dot. */
const plain = (host: string | undefined) => host?.trim().toLowerCase().replace(/^www\./, "").replace(/\.$/, "");

/**
 * The domain an outlet may claim for an article at `sourceUrl`: its own `domain` when it is
 * the source's host, `www.` set aside (`www.livemint.com` is Mint's `livemint.com`);
 * undefined when it gives none, or claims another host's, a parent domain included (a
 * blog at `someone.medium.com` is not Medium). An outlet is whoever publishes at its
 * address: a file cannot join or rename another outlet by naming its domain.
 */
export function claimedDomain(outlet: ContentOutlet | undefined, sourceUrl: string): string | undefined {
  const domain = plain(outlet?.domain);
  const host = plain(parseHttpUrl(sourceUrl)?.hostname);
  if (!domain || !host || !isOutletKey(domain)) return undefined;
  return host === domain ? domain : undefined;
}

/**
 * Where a story's outlet page is: its source's host. An outlet's `domain` can only ever
 * agree with it (see above), so the source alone decides, whatever the file claims.
 */
export function outletKeyOf(sourceUrl: string): string {
  const host = plain(parseHttpUrl(sourceUrl)?.hostname) ?? "";
  // A host that cannot name a folder (too long, an IP v6 address, one label, an underscore)
  // keeps a page of its own, under its hash in the reserved (RFC 2606) `.invalid`.
  return isOutletKey(host) ? host : `${shortHash(host, 16)}.invalid`;
}
