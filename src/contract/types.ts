/**
 * The contract between the content pipeline (Node, build time) and the app (browser).
 * Both sides import this module; it imports nothing outside src/contract.
 */

export interface Provider {
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
export interface ProviderRef {
  key: string;
  name: string;
}

export interface ProviderInfo extends ProviderRef {
  /** Published stories from this outlet. */
  count: number;
}

/** What a feed card needs: small, so a page of fifty stays a few kilobytes. */
export interface Summary {
  id: string;
  title: string;
  excerpt?: string;
  provider?: Provider;
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
}

export interface RelatedItem {
  title: string;
  sourceUrl: string;
  excerpt?: string;
  publishedAt?: string;
  ampUrl?: string;
  cdnAmpUrl?: string;
  type?: string;
  provider?: Provider;
  quality?: number;
  images: ContentImage[];
}

/** Another article about the same story, as the Full coverage list shows it. */
export interface StoryLink {
  id: string;
  title: string;
  provider?: Provider;
  publishedAt: string;
}

/** One outlet that covered a story: how many pieces, and its newest one's date when known. */
export interface OutletCoverage extends ProviderRef {
  count: number;
  latestAt?: string;
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

/** `data/index.json`: the only file served without long caching. */
export interface SiteIndex {
  /** Names the folder every other data file of this build lives in. */
  buildId: string;
  /** Articles published, the stories they tell (articles about one story count once), topics. */
  totals: { articles: number; stories: number; topics: number };
  feed: { pageCount: number; pageSize: number };
  /** The most used topics, for the filter bar; all of them are in `topics.json`. */
  topTopics: Topic[];
  /**
   * Articles are grouped by the first `articleBucketBits` bits of their id's hash; every
   * group from 0 to 2^bits − 1 exists, empty or not.
   */
  articleBucketBits: number;
  /** Whether all article groups together are small enough to save for offline reading. */
  offlineArticles: boolean;
  /** The newest story's date: the Hot order fades heat from here. Null for an empty archive. */
  newestAt: string | null;
}

/** One page of a feed: the whole site's, one topic's or one outlet's, in one order. */
export interface FeedPage {
  page: number;
  pageCount: number;
  /** Stories in this list: every one for Latest, at most `RANKED_LIMIT` for Hot and Top. */
  total: number;
  items: Summary[];
  /** Present on topic pages. */
  topic?: Topic;
  /** Present on outlet pages. */
  provider?: ProviderInfo;
}

export interface TopicList {
  topics: Topic[];
}

/** A group of articles, keyed by id. */
export interface ArticleBucket {
  articles: Record<string, Article>;
}
