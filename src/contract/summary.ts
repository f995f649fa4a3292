import type { Article, Summary } from "./types.ts";

/**
 * What a feed card shows of an article: the pipeline cuts feed pages with it, and the
 * app keeps a saved story's card with it, so both hold the same fields.
 */
export function toSummary(article: Article): Summary {
  const { id, title, excerpt, provider, providerKey, publishedAt, topics, images, heat, quality, story } = article;
  const outlets = story.outlets.length > 1 ? story.outlets.length : undefined;
  return { id, title, excerpt, provider, providerKey, publishedAt, topics, image: images[0], heat, quality, outlets };
}
