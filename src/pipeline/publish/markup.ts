/**
 * Text from content, made safe to put in XML (feeds, sitemaps) and in HTML (article
 * pages' heads): one escape for both, so content stays text wherever it lands.
 */

const ENTITIES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };

/** Characters XML 1.0 forbids (most control characters, lone surrogates, U+FFFE and U+FFFF): dropped, or no parser reads the file. */
const FORBIDDEN = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

/** `text` as element content or a quoted attribute value. */
export function escapeMarkup(text: string): string {
  return text.replace(FORBIDDEN, "").replace(/[&<>"']/g, (char) => ENTITIES[char]);
}

/** An absolute URL for a path of the app (`/articles/x`) or a published file (`feeds/latest.xml`), under the site's own path; non-ASCII letters percent-encoded. */
export const absoluteUrl = (siteUrl: string, path: string): string => new URL(path.replace(/^\//, ""), siteUrl).href;
