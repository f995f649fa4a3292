/**
 * Only http(s) URLs ever become links or images, and only they are kept from content:
 * one rule, checked by the pipeline when it reads a file and by the app when it renders.
 */

/** Parses `value` as an absolute http(s) URL, or returns undefined. */
export function parseHttpUrl(value: string): URL | undefined {
  let url: URL;
  try {
    url = new URL(value.trim());
  } catch {
    return undefined;
  }
  // A user name in a link (`https://livemint.com@evil.example/`) only serves to pass one host for another.
  if (url.username || url.password) return undefined;
  return url.protocol === "http:" || url.protocol === "https:" ? url : undefined;
}
