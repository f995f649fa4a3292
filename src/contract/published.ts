/**
 * What the build publishes beside the app and its data, for feed readers and search engines:
 * the feeds, the sitemap and robots.txt, relative to the site's root.
 */
import { DATA_DIR, SHARD_NAME_SOURCE } from "./data-layout.ts";

export type FeedFormat = "rss" | "json";
/** The media type of each feed format, for `<link rel="alternate">` and the servers. */
export const FEED_TYPES: Record<FeedFormat, string> = { rss: "application/rss+xml", json: "application/feed+json" };
/** Stories in each published feed, newest first. */
export const PUBLISHED_FEED_SIZE = 25;

const FEEDS_DIR = "feeds";
const feedFile = (name: string, format: FeedFormat) => `${FEEDS_DIR}/${name}.${format === "rss" ? "xml" : "json"}`;

/** What the build publishes for feed readers and search engines, relative to the site's root. */
export const publishedPaths = {
  /** The folder of every feed. */
  feeds: `${FEEDS_DIR}/`,
  latestFeed: (format: FeedFormat) => feedFile("latest", format),
  topicFeed: (slug: string, format: FeedFormat) => feedFile(`topics/${slug}`, format),
  /** The sitemap index, which names the parts. */
  sitemap: "sitemap.xml",
  /** A part of the sitemap, named by its content. */
  sitemapPart: (name: string) => `sitemap-${name}.xml`,
  robots: "robots.txt",
};

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
const SITEMAP_PART = new RegExp(`^${escapeRegExp(publishedPaths.sitemapPart("\0")).replace("\0", SHARD_NAME_SOURCE)}$`);

/** Whether `path` (relative to the site's root) is the sitemap or one of its parts. */
export const isSitemapPath = (path: string): boolean => path === publishedPaths.sitemap || SITEMAP_PART.test(path);

/**
 * Paths that are files, never pages of the app, as patterns a URL's path (under any base)
 * is tested against: the data, the feeds, the sitemap and its parts, robots.txt.
 */
export const FILE_PATH_PATTERNS: readonly RegExp[] = [
  new RegExp(`/${escapeRegExp(DATA_DIR)}/`),
  new RegExp(`/${escapeRegExp(publishedPaths.feeds)}`),
  new RegExp(`/${escapeRegExp(publishedPaths.sitemap)}$`),
  new RegExp(`/${SITEMAP_PART.source.slice(1)}`),
  new RegExp(`/${escapeRegExp(publishedPaths.robots)}$`),
];
