/**
 * The contract between the content pipeline (Node, build time) and the app (browser).
 * Both sides import this module; it imports nothing outside src/contract.
 */

/** An outlet as a content file names it: its front-matter key, and every data field holding one, is `provider` (a wire name). */
export interface ContentOutlet {
  name: string;
  domain?: string;
}

export interface ContentImage {
  url: string;
  width?: number;
  height?: number;
  title?: string;
}

/** A topic as a story carries it: the URL slug and the display spelling. */
export interface TopicRef {
  slug: string;
  name: string;
}

export interface Topic extends TopicRef {
  /** Published stories tagged with this topic. */
  count: number;
}

/** An outlet as the app addresses it: `key` is its lower-case domain, without `www.`. */
export interface OutletRef {
  key: string;
  name: string;
}

export interface OutletInfo extends OutletRef {
  /** Published stories from this outlet. */
  count: number;
}

/** What a feed card needs: small, so a page of fifty stays a few kilobytes. */
export interface Summary {
  id: string;
  title: string;
  excerpt?: string;
  provider?: ContentOutlet;
  /** Which outlet's page lists this story. */
  providerKey: string;
  /** ISO 8601, UTC. */
  publishedAt: string;
  topics: TopicRef[];
  image?: ContentImage;
  /** 0–100, for the Hot order. */
  heat?: number;
  /** 0–100, for the Top order. */
  quality?: number;
  /** How many outlets covered this story, when more than one did. */
  outlets?: number;
  /** Other outlets' headlines for the same story, at most `CARD_HEADLINES`: present only when there are some. */
  headlines?: Headline[];
}

/**
 * Another outlet's headline as a card shows it: an article Broadsheet has (`id`), or, when
 * it has none from that outlet, the outlet's own page from the related coverage (`sourceUrl`).
 */
export interface Headline {
  title: string;
  outlet: string;
  id?: string;
  sourceUrl?: string;
}

export interface RelatedItem {
  title: string;
  sourceUrl: string;
  excerpt?: string;
  publishedAt?: string;
  ampUrl?: string;
  cdnAmpUrl?: string;
  type?: string;
  provider?: ContentOutlet;
  quality?: number;
  images: ContentImage[];
}

/** Another article about the same story, as the Full coverage list shows it. */
export interface StoryLink {
  id: string;
  title: string;
  provider?: ContentOutlet;
  publishedAt: string;
}

/** One outlet that covered a story: how many pieces, and its newest one's date when known. */
export interface OutletCoverage extends OutletRef {
  count: number;
  latestAt?: string;
  /** Whether the outlet has a page of its own (`/providers/<key>`): it published an article in the archive, not only related coverage. */
  listed: boolean;
}

/** Everything the build knows about an article's story: its other articles and every outlet. */
export interface StoryCoverage {
  /** The story's other articles, newest first, at most `STORY_LINKS_SHOWN`. */
  articles: StoryLink[];
  /** The story's other articles in all. */
  articleCount: number;
  /** The article's own outlet, its related coverage's and the other articles', newest piece first; at most `STORY_OUTLETS_SHOWN`. */
  outlets: OutletCoverage[];
  /** Outlets with a piece in the story in all. */
  outletCount: number;
}

/** The full public record of one article. Never carries `secured` or unknown keys. */
export interface Article extends Omit<Summary, "image" | "outlets"> {
  sourceUrl: string;
  ampUrl?: string;
  cdnAmpUrl?: string;
  category?: string;
  type?: string;
  images: ContentImage[];
  related: RelatedItem[];
  story: StoryCoverage;
}

/**
 * The name of a data file other than the index: the first 16 hex digits of the SHA-256 of
 * its bytes. The same content always has the same name, so a file never changes once
 * written, and a build writes only names the host has never seen (see data-layout.ts).
 */
export type ShardName = string;

/** A topic as the index and the topic catalog list it: with the name of its list's first page. */
export interface TopicEntry extends Topic {
  list: ShardName;
}

/** An outlet as its catalog lists it: with the name of its list's first page. */
export interface OutletEntry extends OutletInfo {
  list: ShardName;
}

/** `data/index.json`: the only data file that changes in place, and is revalidated on every visit. */
export interface SiteIndex {
  /** Names this version of the data (a hash of the rest of this file): it changes whenever any data file does. */
  buildId: string;
  /** The layout's version: an app reads only the format it was built for. */
  format: number;
  /** Articles published, the stories they tell (articles about one story count once), topics. */
  totals: { articles: number; stories: number; topics: number };
  /** The first page of the whole site's list, in the Latest order. */
  feed: ShardName;
  /** The most used topics, for the filter bar; all of them are in the topic catalog. */
  topTopics: TopicEntry[];
  /** Every topic (`TopicCatalog`). */
  topics: ShardName;
  /** Every outlet (`OutletCatalog`). */
  providers: ShardName;
  /**
   * Articles are put in buckets by the first `bits` bits of their id's hash; every bucket from 0 to
   * 2^bits − 1 exists, empty or not. `tables` name the `BucketTable`s that name the buckets:
   * table t holds buckets t × 2^(bits − tableBits) onwards, where 2^tableBits is the number of tables.
   */
  articles: { bits: number; tables: ShardName[] };
  /** The search index's manifest. */
  search: ShardName;
  /** Whether all buckets together are small enough to save for offline reading. */
  offlineArticles: boolean;
  /** The newest story's date: the Hot order fades heat from here. Null for an empty archive. */
  newestAt: string | null;
}

/**
 * The first page of a list (the whole site's, one topic's or one outlet's) in one order:
 * its first `LIST_HEAD_SIZE` stories, and the table of the pages that hold all of them.
 */
export interface ListHead {
  /** Stories in this list: every one for Latest; for Hot and Top, the best `RANKED_LIMIT` and the rest of the page the last of them is on. */
  total: number;
  /** The first stories of the list, at most `LIST_HEAD_SIZE`. */
  items: Summary[];
  /** The `PageTable` of the whole list, when it holds more than `items`; null otherwise. */
  pages: ShardName | null;
  /** On the Latest head only: the first pages of the same list in the other orders. */
  orders?: { hot: ShardName; top: ShardName };
  /** Present on topic lists. */
  topic?: Topic;
  /** Present on outlet lists. */
  provider?: OutletInfo;
}

/**
 * Every page of one list, in the list's order, with how many stories each holds. The
 * pages hold the whole list: a reader past the head's stories skips that many here.
 */
export interface PageTable {
  /** The pages' names, in the list's order. */
  pages: ShardName[];
  /** How many stories each holds, in the same order (two arrays: the table is rewritten with every new story, so it is kept short). */
  counts: number[];
}

/** One page of a list: a run of its stories, in the list's order. */
export interface ListPage {
  items: Summary[];
}

export interface TopicCatalog {
  topics: TopicEntry[];
}

export interface OutletCatalog {
  providers: OutletEntry[];
}

/** The names of a run of buckets (see `SiteIndex.articles`). */
export interface BucketTable {
  /** The buckets' names, in order. `groups` is the wire name (the data files say it; not renamed). */
  groups: ShardName[];
}

/** A bucket: its articles, keyed by id. */
export interface ArticleBucket {
  articles: Record<string, Article>;
}
