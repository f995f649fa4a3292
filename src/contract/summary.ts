import type { Article, Headline, Summary } from "./types.ts";
import { cutText } from "./text.ts";
import { parseHttpUrl } from "./urls.ts";

/** A card's excerpt, in characters: about three lines, so a card never needs clipping; the article shows it all. */
export const CARD_EXCERPT = 200;

/** Other outlets' headlines on a card: Google News shows three, and so does Broadsheet. */
export const CARD_HEADLINES = 3;
/** Each of them in characters: two short lines in a card of the grid; the article lists them whole. */
export const CARD_HEADLINE_TITLE = 70;

/**
 * Up to `CARD_HEADLINES` headlines from outlets other than the article's own, one per outlet:
 * the story's other articles first (newest first, each has a page here), then its related
 * coverage (links out). Nothing when no other outlet has one.
 */
function headlinesOf(article: Article): Headline[] | undefined {
  const seen = new Set([article.provider?.name ?? article.providerKey]);
  const headlines: Headline[] = [];
  const add = (headline: Headline) => {
    if (headlines.length < CARD_HEADLINES && !seen.has(headline.outlet)) {
      seen.add(headline.outlet);
      headlines.push(headline);
    }
  };
  for (const link of article.story.articles) if (link.provider) add({ title: cutText(link.title, CARD_HEADLINE_TITLE), outlet: link.provider.name, id: link.id });
  for (const item of article.related) {
    const url = parseHttpUrl(item.sourceUrl);
    if (url && item.provider) add({ title: cutText(item.title, CARD_HEADLINE_TITLE), outlet: item.provider.name, sourceUrl: url.href });
  }
  return headlines.length > 0 ? headlines : undefined;
}

/**
 * What a feed card shows of an article: the pipeline cuts feed pages with it, and the
 * app keeps a saved story's card with it, so both hold the same fields.
 */
export function toSummary(article: Article): Summary {
  const { id, title, excerpt, provider, providerKey, publishedAt, topics, images, heat, quality, story } = article;
  const outlets = story.outletCount > 1 ? story.outletCount : undefined;
  // A card's image is decorative (its alt is empty): its title would only make every list longer.
  const image = images[0] && { url: images[0].url, width: images[0].width, height: images[0].height };
  return { id, title, excerpt: excerpt && cutText(excerpt, CARD_EXCERPT), provider, providerKey, publishedAt, topics, image, heat, quality, outlets, headlines: headlinesOf(article) };
}

/**
 * A date as the build and the app write them (`Date#toISOString`, UTC). "not a date", "1"
 * (which Date.parse reads as 2001) and 30 February (which it rolls into March) are none.
 */
export function isIsoDateTime(value: unknown): value is string {
  if (typeof value !== "string") return false;
  const time = Date.parse(value);
  return Number.isFinite(time) && new Date(time).toISOString() === value;
}

type Fields = Partial<Record<string, unknown>>;
const isFields = (value: unknown): value is Fields => typeof value === "object" && value !== null && !Array.isArray(value);
const isText = (value: unknown): value is string => typeof value === "string";
const isNumber = (value: unknown): value is number => typeof value === "number" && Number.isFinite(value);
const optional = (value: unknown, is: (value: unknown) => boolean) => value === undefined || is(value);

const isTopicRef = (value: unknown) => isFields(value) && isText(value.slug) && isText(value.name);
const isOutlet = (value: unknown) => isFields(value) && isText(value.name) && optional(value.domain, isText);
const isHeadline = (value: unknown) =>
  isFields(value) && isText(value.title) && isText(value.outlet) && optional(value.id, isText) && optional(value.sourceUrl, isText);
const isImage = (value: unknown) =>
  isFields(value) && isText(value.url) && optional(value.width, isNumber) && optional(value.height, isNumber) && optional(value.title, isText);

/**
 * Whether `value` has every field of a summary in the form a card shows it: what the app
 * asks of a summary it kept itself (a saved story), which may be damaged or from an older
 * version. Never throws.
 */
export function isSummary(value: unknown): value is Summary {
  if (!isFields(value)) return false;
  const { id, title, excerpt, provider, providerKey, publishedAt, topics, image, heat, quality, outlets, headlines } = value;
  return (
    isText(id) &&
    id !== "" &&
    isText(title) &&
    isText(providerKey) &&
    isIsoDateTime(publishedAt) &&
    Array.isArray(topics) &&
    topics.every(isTopicRef) &&
    optional(excerpt, isText) &&
    optional(provider, isOutlet) &&
    optional(image, isImage) &&
    optional(heat, isNumber) &&
    optional(quality, isNumber) &&
    optional(outlets, isNumber) &&
    optional(headlines, (list) => Array.isArray(list) && list.every(isHeadline))
  );
}
