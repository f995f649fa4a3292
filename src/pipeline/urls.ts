import { parseHttpUrl } from "../contract/urls.ts";

const TRACKING_PARAM = /^(utm_|fbclid$|gclid$|mc_cid$|mc_eid$)/;

/**
 * The form two URLs are compared in to decide whether two files are one article:
 * scheme and host case, default ports, fragments, tracking parameters, parameter
 * order and a trailing slash make no difference.
 */
export function normaliseUrl(value: string): string {
  const url = parseHttpUrl(value);
  if (!url) return value.trim();
  url.hash = "";
  const params = [...url.searchParams].filter(([key]) => !TRACKING_PARAM.test(key)).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  url.search = new URLSearchParams(params).toString();
  const path = url.pathname.length > 1 ? url.pathname.replace(/\/+$/, "") : "";
  return `${url.host}${path}${url.search}`;
}
