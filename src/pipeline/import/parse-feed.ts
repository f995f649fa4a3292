import { parseFeed } from "feedsmith";
import { cleanText } from "../limits.ts";
import { firstImage, htmlToText, resolveHttpUrl } from "./html-text.ts";

/** An image an item names, with its size when the feed gives it. */
export interface DraftImage {
  url: string;
  width?: number;
  height?: number;
}

/** One item of a feed as read, before it becomes an article: text is plain text already, URLs absolute. */
export interface FeedItemDraft {
  /** The item's page, resolved through the xml:base chain; http(s) only, at most 2,048 characters; none when unusable. */
  url?: string;
  /** Plain text; may be empty (the item is then skipped). */
  title: string;
  /** ISO 8601 in UTC, when the item gives a usable date. */
  publishedAt?: string;
  /** When the entry says it was last changed (Atom `updated`, JSON Feed `date_modified`), if after it was published. */
  updatedAt?: string;
  /** The item's summary (or description), else its content, as plain text. */
  summary?: string;
  images: DraftImage[];
  /** Category names, tags and subjects as plain text, in the feed's order, not deduped. */
  categories: string[];
}

export interface FeedMeta {
  format: "rss" | "atom" | "rdf" | "json";
  /** The feed's title as plain text; may be empty. */
  title: string;
  /** The site's home page, resolved, when it gives one. */
  link?: string;
}

export type ParsedFeed = { ok: true; feed: FeedMeta; items: FeedItemDraft[] } | { ok: false; error: string };

export interface ParseFeedOptions {
  /** The URL the feed was finally fetched from: the first base of every relative URL. */
  url: string;
  /** The run's start time: a date more than a day after it is taken as it. */
  now: Date;
}

/** How far ahead of the run's start an item's date may be before it is taken as the start (clocks and zones go wrong). */
export const FUTURE_SLACK_MS = 24 * 60 * 60 * 1000;

const MONTHS = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];

/** Whether year-month-day is a day of the calendar (V8 rolls 31 February over into March). */
const isDay = (year: number, month: number, day: number) => {
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
};

/**
 * A feed's date (RFC 822 or ISO 8601) as ISO 8601 in UTC. A date and time without a zone is
 * taken as UTC (Date.parse would take it as local time); a date that is no day of the
 * calendar, or does not parse, is none; one more than a day after `now` is `now`.
 */
/** Zone names feeds write that Date.parse does not read. */
const ZONE_OFFSETS: Record<string, string> = {
  CET: "+0100",
  CEST: "+0200",
  EET: "+0200",
  EEST: "+0300",
  WET: "+0000",
  WEST: "+0100",
  BST: "+0100",
  IST: "+0530",
  JST: "+0900",
  AEST: "+1000",
  AEDT: "+1100",
};

export function parseFeedDate(value: unknown, now: Date): string | undefined {
  if (value instanceof Date) value = value.toISOString();
  if (typeof value !== "string") return undefined;
  let text = value.trim();
  const iso = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?)?\s*(Z|[+-]\d{2}:?\d{2})?$/i.exec(text);
  if (iso) {
    const [, year, month, day, hours, minutes, seconds = "00", zone] = iso;
    if (!isDay(Number(year), Number(month), Number(day))) return undefined;
    // Written again from its parts: a space before the zone, or a zone without a colon, is fine.
    if (hours !== undefined) {
      const offset = !zone || zone.toUpperCase() === "Z" ? "Z" : `${zone.slice(0, 3)}:${zone.slice(-2)}`;
      text = `${year}-${month}-${day}T${hours}:${minutes}:${seconds}${offset}`;
    }
  } else {
    // European zones that Date.parse does not know, as their offsets.
    text = text.replace(/\s(CEST|CET|EEST|EET|BST|WEST|WET|IST|AEST|AEDT|JST)$/i, (_, name: string) => ` ${ZONE_OFFSETS[name.toUpperCase()]}`);
    const rfc = /(\d{1,2})\s+([a-z]{3})[a-z]*\.?\s+(\d{4})/i.exec(text);
    if (rfc) {
      const month = MONTHS.indexOf(rfc[2].toLowerCase()) + 1;
      if (month === 0 || !isDay(Number(rfc[3]), month, Number(rfc[1]))) return undefined;
    }
    // An RFC 822 date without a zone is UTC too.
    if (rfc && /\d{1,2}:\d{2}(?::\d{2})?\s*$/.test(text)) text += " GMT";
  }
  const time = Date.parse(text);
  if (Number.isNaN(time)) return undefined;
  return new Date(time > now.getTime() + FUTURE_SLACK_MS ? now.getTime() : time).toISOString();
}

/** `base` taken one step further by an `xml:base`, relative to it. */
function rebase(base: string, next: string | undefined): string {
  if (!next?.trim()) return base;
  try {
    return new URL(next.trim(), base).href;
  } catch {
    return base;
  }
}

const asNumber = (value: unknown) => (typeof value === "number" && Number.isFinite(value) && value > 0 ? Math.round(value) : undefined);

/** The first of `values` that gives text: each is only worked out when the ones before it gave none. */
const firstText = (...values: (() => string)[]) => {
  for (const value of values) {
    const text = value();
    if (text) return text;
  }
  return "";
};

const isImageType = (type: string | undefined) => typeof type === "string" && /^image\//i.test(type.trim());

// The shapes feedsmith returns, as far as the importer reads them.
interface XmlBase {
  xml?: { base?: string };
}
interface MediaContent {
  url?: string;
  medium?: string;
  type?: string;
  width?: number;
  height?: number;
}
interface Media {
  contents?: MediaContent[];
  thumbnails?: MediaContent[];
  groups?: { contents?: MediaContent[]; thumbnails?: MediaContent[] }[];
}
interface Dc {
  subjects?: string[];
  dates?: string[];
}
interface RssItem extends XmlBase {
  title?: string;
  link?: string;
  description?: string;
  pubDate?: string;
  guid?: { value?: string; isPermaLink?: boolean };
  categories?: { name?: string }[];
  content?: { encoded?: string };
  enclosures?: { url?: string; type?: string }[];
  media?: Media;
  dc?: Dc;
}
interface AtomText extends XmlBase {
  value?: string;
  type?: string;
}
interface AtomEntry extends XmlBase {
  title?: AtomText;
  links?: { href?: string; rel?: string; type?: string }[];
  published?: string;
  updated?: string;
  summary?: AtomText;
  content?: AtomText;
  categories?: { term?: string; label?: string }[];
  media?: Media;
  dc?: Dc;
}
interface JsonItem {
  url?: string;
  external_url?: string;
  title?: string;
  summary?: string;
  content_html?: string;
  content_text?: string;
  image?: string;
  banner_image?: string;
  date_published?: string;
  date_modified?: string;
  tags?: string[];
}
interface AnyFeedShape extends XmlBase {
  title?: string | AtomText;
  link?: string;
  home_page_url?: string;
  links?: { href?: string; rel?: string; type?: string }[];
  items?: unknown[];
  entries?: unknown[];
}

/** Atom text: plain unless its type says HTML (`html`, `xhtml`). */
const atomText = (text: AtomText | undefined) => {
  if (!text?.value) return "";
  return text.type === "html" || text.type === "xhtml" ? htmlToText(text.value) : cleanText(text.value);
};

/** Images a Media RSS block names, pictures only, in order. */
function mediaImages(media: Media | undefined): { url?: string; width?: number; height?: number }[] {
  if (!media) return [];
  const contents = [...(media.contents ?? []), ...(media.groups ?? []).flatMap((group) => group.contents ?? [])];
  const thumbnails = [...(media.thumbnails ?? []), ...(media.groups ?? []).flatMap((group) => group.thumbnails ?? [])];
  return [...contents.filter((content) => content.medium === "image" || isImageType(content.type)), ...thumbnails];
}

class Images {
  readonly list: DraftImage[] = [];
  add(url: string | undefined, base: string, width?: unknown, height?: unknown) {
    const resolved = resolveHttpUrl(url, base);
    if (!resolved || this.list.some((image) => image.url === resolved)) return;
    const w = asNumber(width);
    const h = asNumber(height);
    this.list.push({ url: resolved, ...(w && h ? { width: w, height: h } : {}) });
  }
}

/** What an HTML page or other text that is no feed is, in words. */
function notAFeed(text: string): string {
  const start = text.replace(/^\uFEFF/, "").trimStart().slice(0, 1024).toLowerCase();
  if (!start) return "not a feed: the document is empty";
  if (/<!doctype html|<html[\s>]/.test(start)) {
    return "not a feed: the server sent an HTML page";
  }
  return "not a feed: it is no RSS, Atom, RSS 1.0 (RDF) or JSON Feed document";
}

function rssItem(item: RssItem, feedBase: string, now: Date): FeedItemDraft {
  const base = rebase(feedBase, item.xml?.base);
  const guid = item.guid?.value;
  const url =
    resolveHttpUrl(item.link, base) ?? (item.guid && item.guid.isPermaLink !== false ? resolveHttpUrl(guid, base) : undefined);
  const contentBase = item.xml?.base ? base : (url ?? base);
  const images = new Images();
  for (const image of mediaImages(item.media)) images.add(image.url, base, image.width, image.height);
  for (const enclosure of item.enclosures ?? []) if (isImageType(enclosure.type)) images.add(enclosure.url, base);
  const html = item.content?.encoded || item.description;
  if (html) images.add(firstImage(html, contentBase), contentBase);
  const summary = firstText(() => htmlToText(item.description ?? ""), () => htmlToText(item.content?.encoded ?? ""));
  return {
    ...(url ? { url } : {}),
    title: htmlToText(item.title ?? ""),
    ...optional("publishedAt", parseFeedDate(item.pubDate, now) ?? parseFeedDate(item.dc?.dates?.[0], now)),
    ...optional("summary", summary),
    images: images.list,
    categories: [...(item.categories ?? []).map((category) => category.name ?? ""), ...(item.dc?.subjects ?? [])],
  };
}

function atomEntry(entry: AtomEntry, feedBase: string, now: Date): FeedItemDraft {
  const base = rebase(feedBase, entry.xml?.base);
  const links = entry.links ?? [];
  const pages = links.filter((link) => !link.rel || link.rel === "alternate");
  const page = pages.find((link) => link.type === "text/html") ?? pages.find((link) => !link.type) ?? pages[0];
  const url = resolveHttpUrl(page?.href, base);
  const images = new Images();
  for (const image of mediaImages(entry.media)) images.add(image.url, base, image.width, image.height);
  for (const link of links) if (link.rel === "enclosure" && isImageType(link.type)) images.add(link.href, base);
  const body = entry.content?.value ? entry.content : entry.summary;
  // Atom text without a type is plain text: no image in it.
  if (body?.value && (body.type === "html" || body.type === "xhtml")) {
    const contentBase = rebase(base, body.xml?.base);
    images.add(firstImage(body.value, contentBase), contentBase);
  }
  return {
    ...(url ? { url } : {}),
    title: atomText(entry.title),
    ...optional(
      "publishedAt",
      parseFeedDate(entry.published, now) ?? parseFeedDate(entry.updated, now) ?? parseFeedDate(entry.dc?.dates?.[0], now),
    ),
    ...optional("updatedAt", laterOf(parseFeedDate(entry.updated, now), parseFeedDate(entry.published, now))),
    ...optional("summary", firstText(() => atomText(entry.summary), () => atomText(entry.content))),
    images: images.list,
    categories: [...(entry.categories ?? []).map((category) => category.label || category.term || ""), ...(entry.dc?.subjects ?? [])],
  };
}

function jsonItem(item: JsonItem, base: string, now: Date): FeedItemDraft {
  const url = resolveHttpUrl(item.url, base) ?? resolveHttpUrl(item.external_url, base);
  const images = new Images();
  images.add(item.image, base);
  images.add(item.banner_image, base);
  if (item.content_html) {
    const contentBase = url ?? base;
    images.add(firstImage(item.content_html, contentBase), contentBase);
  }
  // JSON Feed's title, summary and content_text are plain text by its spec: `<div>` stays `<div>`.
  const text = (value: unknown) => (typeof value === "string" ? cleanText(value) : "");
  return {
    ...(url ? { url } : {}),
    title: text(item.title),
    ...optional("publishedAt", parseFeedDate(item.date_published, now) ?? parseFeedDate(item.date_modified, now)),
    ...optional("updatedAt", laterOf(parseFeedDate(item.date_modified, now), parseFeedDate(item.date_published, now))),
    ...optional("summary", firstText(() => text(item.summary), () => htmlToText(item.content_html ?? ""), () => text(item.content_text))),
    images: images.list,
    categories: (Array.isArray(item.tags) ? item.tags : []).filter((tag): tag is string => typeof tag === "string"),
  };
}

/** `updated` when it is after `published` (an entry that says it changed since), else nothing. */
const laterOf = (updated: string | undefined, published: string | undefined): string | undefined =>
  updated !== undefined && published !== undefined && Date.parse(updated) > Date.parse(published) ? updated : undefined;

function optional<K extends string>(key: K, value: string | undefined): { [P in K]?: string } {
  return (value ? { [key]: value } : {}) as { [P in K]?: string };
}

/**
 * The items of a feed (RSS 0.9x/2.0, Atom 0.3/1.0, RSS 1.0, JSON Feed 1.0/1.1) decoded to
 * `text`, with every URL resolved: the feed's URL, then the feed's, the entry's and the
 * content's `xml:base`. Never throws: a page or text that is no feed is an error in words.
 */
export function parseFeedText(text: string, options: ParseFeedOptions): ParsedFeed {
  let parsed: { format: string; feed: unknown };
  try {
    parsed = parseFeed(text) as { format: string; feed: unknown };
  } catch (error) {
    const name = error instanceof Error ? error.name : "";
    if (name === "DetectError") return { ok: false, error: notAFeed(text) };
    return { ok: false, error: `not a feed: ${error instanceof Error ? error.message : String(error)}` };
  }
  const feed = (parsed.feed ?? {}) as AnyFeedShape;
  const base = rebase(options.url, feed.xml?.base);
  const now = options.now;
  switch (parsed.format) {
    case "rss":
    case "rdf": {
      const items = (feed.items ?? []) as RssItem[];
      return {
        ok: true,
        feed: { format: parsed.format, title: htmlToText(typeof feed.title === "string" ? feed.title : ""), ...optional("link", resolveHttpUrl(feed.link, base)) },
        items: items.map((item) => rssItem(item, base, now)),
      };
    }
    case "atom": {
      const entries = (feed.entries ?? []) as AtomEntry[];
      const home = (feed.links ?? []).find((link) => !link.rel || link.rel === "alternate");
      return {
        ok: true,
        feed: { format: "atom", title: atomText(typeof feed.title === "object" ? feed.title : { value: feed.title }), ...optional("link", resolveHttpUrl(home?.href, base)) },
        items: entries.map((entry) => atomEntry(entry, base, now)),
      };
    }
    case "json": {
      const items = (feed.items ?? []) as JsonItem[];
      return {
        ok: true,
        feed: { format: "json", title: typeof feed.title === "string" ? cleanText(feed.title) : "", ...optional("link", resolveHttpUrl(feed.home_page_url, base)) },
        items: items.filter((item) => item && typeof item === "object").map((item) => jsonItem(item, base, now)),
      };
    }
    default:
      return { ok: false, error: `not a feed: feedsmith read it as ${parsed.format}, which the importer does not know` };
  }
}
