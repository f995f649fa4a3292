import { isProviderKey } from "../contract/paths.ts";
import type { Provider } from "../contract/types.ts";
import { parseHttpUrl } from "../contract/urls.ts";

/** Where a story's outlet page is: its provider's domain, or else its source's host; `www.` and case set aside. */
export function providerKeyOf(provider: Provider | undefined, sourceUrl: string): string {
  const plain = (host: string | undefined) => host?.trim().toLowerCase().replace(/^www\./, "").replace(/\.$/, "");
  const domain = plain(provider?.domain);
  if (domain && isProviderKey(domain)) return domain;
  const host = plain(parseHttpUrl(sourceUrl)?.hostname);
  return host && isProviderKey(host) ? host : UNKNOWN_PROVIDER;
}

/** A reserved name (RFC 2606) for the rare source whose host is not a plain domain, such as an IP v6 address. */
const UNKNOWN_PROVIDER = "unknown.invalid";
