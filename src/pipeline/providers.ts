import { isProviderKey, MAX_PROVIDER_KEY } from "../contract/paths.ts";
import type { Provider } from "../contract/types.ts";
import { parseHttpUrl } from "../contract/urls.ts";
import { shortHash } from "./slug.ts";

/** A host or domain as outlets are compared: `www.` and case set aside, no trailing dot. */
const plain = (host: string | undefined) => host?.trim().toLowerCase().replace(/^www\./, "").replace(/\.$/, "");

/**
 * The domain a provider may claim for an article at `sourceUrl`: its own `domain` when the
 * source's host is that domain or below it (`www.livemint.com` is Mint's `livemint.com`);
 * undefined when it gives none, or claims another host's. An outlet is whoever publishes
 * at its address: a file cannot join or rename another outlet by naming its domain.
 */
export function claimedDomain(provider: Provider | undefined, sourceUrl: string): string | undefined {
  const domain = plain(provider?.domain);
  const host = plain(parseHttpUrl(sourceUrl)?.hostname);
  if (!domain || !host || !isProviderKey(domain)) return undefined;
  return host === domain || host.endsWith(`.${domain}`) ? domain : undefined;
}

/** Where a story's outlet page is: the domain its provider may claim (see above), or else its source's host. */
export function providerKeyOf(provider: Provider | undefined, sourceUrl: string): string {
  const domain = claimedDomain(provider, sourceUrl);
  if (domain) return domain;
  const host = plain(parseHttpUrl(sourceUrl)?.hostname);
  if (!host) return UNKNOWN_PROVIDER;
  if (isProviderKey(host)) return host;
  // A host too long to be a folder's name keeps a page of its own under its hash.
  return /^[a-z0-9.-]+$/.test(host) && host.length > MAX_PROVIDER_KEY ? `${shortHash(host, 16)}.invalid` : UNKNOWN_PROVIDER;
}

/** A reserved name (RFC 2606) for the rare source whose host is not a plain domain, such as an IP v6 address. */
const UNKNOWN_PROVIDER = "unknown.invalid";
