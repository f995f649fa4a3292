/**
 * Where each data file lives, relative to the site's base URL. The pipeline writes
 * these paths and the app fetches them: one definition for both.
 */

export const DATA_DIR = "data";
/**
 * Bump when the shape of any data file changes: the index says which one it is in, and the app
 * reads only its own. tests/unit/data-format.test.ts records each file's shape under this number, and fails until it is bumped.
 */
export const DATA_FORMAT_VERSION = 4;
export const INDEX_PATH = `${DATA_DIR}/index.json`;
export const FEED_PAGE_SIZE = 50;
/**
 * Stories in a list's head, the first page a view reads: enough for the first screens, and
 * no more, since a list's head changes with every new story in it.
 */
export const LIST_HEAD_SIZE = 20;
/** Topics listed in the index for the filter bar. */
export const TOP_TOPICS = 24;
/** Other articles of a story listed in each article's Full coverage. */
export const STORY_LINKS_SHOWN = 20;
/** Outlets of a story listed in each article's Full coverage: a story told by thousands still costs each article a few kilobytes. */
export const STORY_OUTLETS_SHOWN = 50;
/** Length of the hex hash at the end of every article id. */
export const ID_HASH_LENGTH = 8;

/**
 * The folders of the data files other than the index. Each file is named by its content
 * (`ShardName`): written once, never changed, cached for good.
 */
export const SHARD_KINDS = ["lists", "pages", "tables", "catalogs", "articles", "search"] as const;
export type ShardKind = (typeof SHARD_KINDS)[number];

/** Hex digits of a file's SHA-256 in its name: 64 bits, so two contents never meet at one name. */
export const SHARD_NAME_LENGTH = 16;

/** A data file's name, as a regular expression's source. */
const SHARD_NAME_SOURCE = `[0-9a-f]{${SHARD_NAME_LENGTH}}`;
const SHARD_NAME = new RegExp(`^${SHARD_NAME_SOURCE}$`);

/** What a data file's name looks like; anything else in a reference names no file. */
export const isShardName = (text: unknown): text is string => typeof text === "string" && SHARD_NAME.test(text);

export const dataPaths = {
  index: INDEX_PATH,
  /** Every data file but the index. */
  shard: (kind: ShardKind, name: string) => `${DATA_DIR}/${kind}/${name}.json`,
};

/** `data/<kind>/<name>.json` as `dataPaths.shard` writes it, as a regular expression's source: the kind and the name captured. */
export const SHARD_PATH_SOURCE = `${DATA_DIR}/(${SHARD_KINDS.join("|")})/(${SHARD_NAME_SOURCE})\\.json`;
const SHARD_PATH = new RegExp(`^${SHARD_PATH_SOURCE}$`);

/** Whether `path` (relative to the site's root) names a data file other than the index: named by its content, it never changes. */
export const isShardPath = (path: string): boolean => SHARD_PATH.test(path);

/**
 * What the data files (but the index) and the bundler's hashed assets are served with: their
 * names change whenever their content does, so a copy is good for ever. The build's `_headers`
 * and scripts/static-server.ts both send it.
 */
export const IMMUTABLE_CACHE_CONTROL = "public, max-age=31536000, immutable";

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

/** How many group tables name the 2^bits article groups: about the square root, so each table and the index stay small. */
export const groupTableBitsFor = (bits: number): number => bits >> 1;

/** Where group `group` is named: which of the index's group tables, and where in it. */
export function groupTableSlot(group: number, bits: number): { table: number; slot: number } {
  const perTable = bits - groupTableBitsFor(bits);
  return { table: group >>> perTable, slot: group & (2 ** perTable - 1) };
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
