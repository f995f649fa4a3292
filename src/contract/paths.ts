/**
 * Where each data file lives, relative to the site's base URL. The pipeline writes
 * these paths and the app fetches them: one definition for both.
 */
import { isWindowsDevice } from "./names.ts";
import type { SortOrder } from "./order.ts";

export const DATA_DIR = "data";
/** Bump when the shape of any data file changes: it is part of every build id. */
export const DATA_FORMAT_VERSION = 3;
export const INDEX_PATH = `${DATA_DIR}/index.json`;
export const FEED_PAGE_SIZE = 50;
/** Topics listed in the index for the filter bar. */
export const TOP_TOPICS = 24;
/** Other articles of a story listed in each article's Full coverage. */
export const STORY_LINKS_SHOWN = 20;
/** Outlets of a story listed in each article's Full coverage: a story told by thousands still costs each article a few kilobytes. */
export const STORY_OUTLETS_SHOWN = 50;
/** Length of the hex hash at the end of every article id. */
export const ID_HASH_LENGTH = 8;

const buildDir = (buildId: string) => `${DATA_DIR}/${buildId}`;
const searchDir = (buildId: string) => `${buildDir(buildId)}/search`;

/** Latest pages sit in the list's folder; Hot and Top in a subfolder named after the order. */
const pageFile = (folder: string, page: number, sort: SortOrder) =>
  `${folder}/${sort === "latest" ? "" : `${sort}/`}${page}.json`;

export const dataPaths = {
  index: INDEX_PATH,
  /** The folder that holds every other file of one build. */
  build: (buildId: string) => `${buildDir(buildId)}/`,
  topics: (buildId: string) => `${buildDir(buildId)}/topics.json`,
  feedPage: (buildId: string, page: number, sort: SortOrder = "latest") => pageFile(`${buildDir(buildId)}/feed`, page, sort),
  /** Slugs hold only letters, marks, digits and hyphens: no character a path treats specially. */
  topicPage: (buildId: string, slug: string, page: number, sort: SortOrder = "latest") =>
    pageFile(`${buildDir(buildId)}/topics/${slug}`, page, sort),
  /** Provider keys are domains: letters, digits, hyphens and dots between labels, at most `MAX_PROVIDER_KEY` of them. */
  providerPage: (buildId: string, key: string, page: number, sort: SortOrder = "latest") =>
    pageFile(`${buildDir(buildId)}/providers/${providerFolder(key)}`, page, sort),
  articleBucket: (buildId: string, bucket: number) => `${buildDir(buildId)}/articles/${bucket}.json`,
  /** Full-text search (see search.ts): its folder, where each word file begins, the word files, the Hot and Top ranks. */
  search: (buildId: string) => `${searchDir(buildId)}/`,
  searchManifest: (buildId: string) => `${searchDir(buildId)}/index.json`,
  searchWords: (buildId: string, file: number) => `${searchDir(buildId)}/words/${file}.json`,
  searchRanks: (buildId: string, sort: Exclude<SortOrder, "latest">) => `${searchDir(buildId)}/${sort}.json`,
};

export type FeedFormat = "rss" | "json";
/** The media type of each feed format, for `<link rel="alternate">` and the servers. */
export const FEED_TYPES: Record<FeedFormat, string> = { rss: "application/rss+xml", json: "application/feed+json" };
/** Stories in each published feed, newest first. */
export const PUBLISHED_FEED_SIZE = 50;

const FEEDS_DIR = "feeds";
const feedFile = (name: string, format: FeedFormat) => `${FEEDS_DIR}/${name}.${format === "rss" ? "xml" : "json"}`;

/** What the build publishes for feed readers and search engines, relative to the site's root. */
export const publishedPaths = {
  /** The folder of every feed. */
  feeds: `${FEEDS_DIR}/`,
  latestFeed: (format: FeedFormat) => feedFile("latest", format),
  topicFeed: (slug: string, format: FeedFormat) => feedFile(`topics/${slug}`, format),
  /** The sitemap, or the sitemap index when the URLs need several files. */
  sitemap: "sitemap.xml",
  sitemapPart: (part: number) => `sitemap-${part}.xml`,
  robots: "robots.txt",
};

/**
 * An outlet's folder: its key, unless the key's first label is a device name of Windows
 * (`con.com`), which gets a hyphen no domain label can end in (`con-.com`).
 */
const providerFolder = (key: string) => (isWindowsDevice(key) ? key.replace(/^[^.]+/, "$&-") : key);

/** What a topic slug looks like; anything else in a URL names no topic. */
export const isTopicSlug = (text: string): boolean => /^[\p{L}\p{M}\p{N}]+(?:--?[\p{L}\p{M}\p{N}]+)*$/u.test(text);

/** The longest provider key: longer domains are named by a hash (see the pipeline's providers.ts). */
export const MAX_PROVIDER_KEY = 100;

/** What a provider key looks like (a lower-case domain); anything else in a URL names no outlet. */
export const isProviderKey = (text: string): boolean => text.length <= MAX_PROVIDER_KEY && /^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)+$/.test(text);

/** The hash at the end of an id, or undefined when the id has none. */
function idHash(id: string): string | undefined {
  const hash = id.slice(-ID_HASH_LENGTH);
  return /^[0-9a-f]+$/.test(hash) && hash.length === ID_HASH_LENGTH ? hash : undefined;
}

/** Which article group holds `id`, or undefined for an id no build could have made. */
export function articleBucketOf(id: string, bits: number): number | undefined {
  const hash = idHash(id);
  if (hash === undefined) return undefined;
  return bits === 0 ? 0 : parseInt(hash, 16) >>> (32 - bits);
}

/** Enough groups that each holds about `perBucket` articles. */
export function articleBucketBitsFor(articleCount: number, perBucket = 32): number {
  return Math.max(0, Math.ceil(Math.log2(Math.max(1, articleCount / perBucket))));
}

/** The service worker's caches; the app saves data for offline reading into the same ones. */
export const CACHE_NAMES = {
  index: "broadsheet-index",
  data: "broadsheet-data",
  images: "broadsheet-images",
} as const;

/** Sent by the dev server when content files change, so an open page refetches its data. */
export const CONTENT_UPDATE_EVENT = "broadsheet:content-update";
