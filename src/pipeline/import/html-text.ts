import { parseFragment } from "parse5";
import type { DefaultTreeAdapterMap } from "parse5";
import { parseHttpUrl } from "../../contract/urls.ts";
import { CONTENT_LIMITS, cleanText } from "../limits.ts";

type Node = DefaultTreeAdapterMap["node"];
type Element = DefaultTreeAdapterMap["element"];

/**
 * The most characters of HTML handed to the parser: 1 MB takes it about 400 ms, and the
 * longest text kept of it (an excerpt) is 1,000 characters.
 */
export const MAX_HTML_CHARS = 200_000;

/** Elements whose content is never text a reader sees. */
const SKIPPED = new Set(["script", "style", "template", "noscript", "iframe", "svg", "math", "head", "title"]);

/** Elements that break a line: their text is kept apart from the text around them. */
const BLOCKS = new Set([
  "address", "article", "aside", "blockquote", "br", "dd", "details", "div", "dl", "dt", "figcaption", "figure",
  "footer", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "li", "main", "nav", "ol", "p", "pre", "section",
  "summary", "table", "td", "th", "tr", "ul", "caption", "tbody", "thead", "tfoot",
]);

const isElement = (node: Node): node is Element => "tagName" in node;

const fragment = (html: string) => parseFragment(html.length > MAX_HTML_CHARS ? html.slice(0, MAX_HTML_CHARS) : html);

/**
 * The text a reader sees in `html`, as one line of the content format's text: entities
 * decoded, tags gone, scripts and styles left out, blocks and line breaks kept apart by a
 * space, then `cleanText`.
 */
export function htmlToText(html: string): string {
  const parts: string[] = [];
  const walk = (node: Node) => {
    if (node.nodeName === "#text" && "value" in node) {
      parts.push(node.value);
      return;
    }
    if (!isElement(node) && node.nodeName !== "#document-fragment") return;
    if (isElement(node)) {
      if (SKIPPED.has(node.tagName)) return;
      if (BLOCKS.has(node.tagName)) parts.push(" ");
    }
    if ("childNodes" in node) for (const child of node.childNodes) walk(child);
    if (isElement(node) && BLOCKS.has(node.tagName)) parts.push(" ");
  };
  walk(fragment(html));
  return cleanText(parts.join(""));
}

/** Where an `img` says its picture is: a lazy loader's attribute first, never a `data:` URL. */
function imageSource(element: Element): string | undefined {
  for (const name of ["data-src", "data-lazy-src", "src"]) {
    const value = element.attrs.find((attr) => attr.name === name)?.value.trim();
    if (value && !/^data:/i.test(value)) return value;
  }
  return undefined;
}

/** `value` resolved against `base` as a usable image or link URL of the format: http(s), within the length limit. */
export function resolveHttpUrl(value: string | undefined, base?: string): string | undefined {
  if (!value) return undefined;
  let absolute: string;
  try {
    absolute = new URL(value.trim(), base).href;
  } catch {
    return undefined;
  }
  const url = parseHttpUrl(absolute);
  return url && url.href.length <= CONTENT_LIMITS.urlLength ? url.href : undefined;
}

/** The first usable image of `html`, in tree order, resolved against `base`. */
export function firstImage(html: string, base?: string): string | undefined {
  let found: string | undefined;
  const walk = (node: Node): boolean => {
    if (isElement(node)) {
      if (SKIPPED.has(node.tagName)) return false;
      if (node.tagName === "img") {
        found = resolveHttpUrl(imageSource(node), base);
        if (found) return true;
      }
    }
    if ("childNodes" in node) for (const child of node.childNodes) if (walk(child)) return true;
    return false;
  };
  walk(fragment(html));
  return found;
}
