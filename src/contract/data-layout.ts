/**
 * Where each data file lives, relative to the site's base URL, and how big its parts are.
 * The pipeline writes these paths and the app fetches them: one definition for both.
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

/**
 * The folders of the data files other than the index. Each file is named by its content
 * (`ShardName`): written once, never changed, cached for good.
 */
export const SHARD_KINDS = ["lists", "pages", "tables", "catalogs", "articles", "search"] as const;
export type ShardKind = (typeof SHARD_KINDS)[number];

/** Hex digits of a file's SHA-256 in its name: 64 bits, so two contents never meet at one name. */
export const SHARD_NAME_LENGTH = 16;

/** A data file's name, as a regular expression's source. */
export const SHARD_NAME_SOURCE = `[0-9a-f]{${SHARD_NAME_LENGTH}}`;
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
