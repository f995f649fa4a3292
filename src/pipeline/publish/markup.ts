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

/** The absolute URL of one of the app's pages: `pagePaths` has percent-encoded it already, so it goes under the site's address as it is. */
export const pageUrl = (siteUrl: string, pagePath: string): string => `${siteUrl}${pagePath.replace(/^\//, "")}`;

/** The absolute URL of a file the build writes (`feeds/topics/économie.xml`), percent-encoded. */
export const fileUrl = (siteUrl: string, filePath: string): string => new URL(filePath, siteUrl).href;
