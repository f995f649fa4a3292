import yaml from "js-yaml";
import { cutText } from "../../contract/text.ts";
import type { ContentImage } from "../../contract/types.ts";
import { parseHttpUrl } from "../../contract/urls.ts";
import { CONTENT_LIMITS, cleanText } from "../limits.ts";
import { claimedDomain } from "../outlets.ts";
import { parseArticleFile } from "../parse-file.ts";
import type { Subscription } from "./opml.ts";
import type { FeedItemDraft, FeedMeta } from "./parse-feed.ts";
import { importedPath, writeNewFile, type WriteOutcome } from "./write-item.ts";

/** What an item becomes an article with, besides itself. */
export interface ArticleContext {
  subscription: Subscription;
  feed: FeedMeta;
  /** The run's start: the date of an item that gives none. */
  runStartedAt: Date;
}

/** The front matter of an imported article, in the content format's field names. */
export interface ImportedFrontMatter {
  title: string;
  publishedDateTime: string;
  sourceUrl: string;
  excerpt?: string;
  type: "article";
  category?: string;
  provider: { name: string; domain?: string };
  topics?: string[];
  images?: ContentImage[];
}

/** An item ready to write: its path in the content folder and its text, checked by the build's own parser. */
export interface ImportedArticle {
  path: string;
  text: string;
  sourceUrl: string;
  /** The item gave no usable date: the file carries the run's start, and says so in a comment. */
  undated: boolean;
  /** When the entry says it last changed: a later run rewrites the file only for a later one. */
  updatedAt?: string;
}

export type ArticleResult = { ok: true; article: ImportedArticle } | { ok: false; reason: string };

/** Topics nobody chose: WordPress's default category. */
const NO_TOPIC = new Set(["uncategorized", "uncategorised"]);

/** Item categories then OPML tags, as text, deduped case-insensitively, cut to the format's limits. */
function topicsOf(draft: FeedItemDraft, subscription: Subscription): string[] {
  const seen = new Set<string>();
  const topics: string[] = [];
  // The item's own categories, the OPML's tags, then each folder the feed is in: a topic of every article from it.
  for (const raw of [...draft.categories, ...subscription.tags, ...subscription.folders.map((path) => path.at(-1) ?? "")]) {
    const topic = cutText(cleanText(raw), CONTENT_LIMITS.text.topic);
    const key = topic.normalize("NFKC").toLowerCase();
    if (!topic || NO_TOPIC.has(key) || seen.has(key)) continue;
    seen.add(key);
    topics.push(topic);
    if (topics.length === CONTENT_LIMITS.lists.topics) break;
  }
  return topics;
}

/** The outlet as the feed names itself; its domain only when it is the article's own host. */
function providerOf(sourceUrl: string, context: ArticleContext): ImportedFrontMatter["provider"] {
  const host = parseHttpUrl(sourceUrl)?.hostname ?? "";
  const name = cutText(context.feed.title || context.subscription.title || host.replace(/^www\./, ""), CONTENT_LIMITS.text.outletName);
  const domain = claimedDomain({ name, domain: host.replace(/^www\./, "") }, sourceUrl);
  return domain ? { name, domain } : { name };
}

/**
 * The front matter an item becomes (docs/CONTENT_FORMAT.md), or why it becomes none: an item
 * without a title or a usable link is skipped.
 */
export function toFrontMatter(
  draft: FeedItemDraft,
  context: ArticleContext,
): { ok: true; data: ImportedFrontMatter; undated: boolean } | { ok: false; reason: string } {
  const title = cutText(cleanText(draft.title), CONTENT_LIMITS.text.title);
  const sourceUrl = draft.url;
  if (!sourceUrl || !parseHttpUrl(sourceUrl) || sourceUrl.length > CONTENT_LIMITS.urlLength) {
    return { ok: false, reason: `${title ? `"${title}"` : "an item"} has no usable link (http(s), at most ${CONTENT_LIMITS.urlLength} characters)` };
  }
  if (!title) return { ok: false, reason: `${sourceUrl} has no title` };
  const excerpt = draft.summary ? cutText(cleanText(draft.summary), CONTENT_LIMITS.text.excerpt) : "";
  const folder = context.subscription.folders[0]?.at(-1);
  const category = folder ? cutText(cleanText(folder), CONTENT_LIMITS.text.category) : "";
  const topics = topicsOf(draft, context.subscription);
  const images = draft.images.slice(0, CONTENT_LIMITS.lists.images).map((image) => ({ ...image }));
  const data: ImportedFrontMatter = {
    title,
    publishedDateTime: draft.publishedAt ?? context.runStartedAt.toISOString(),
    sourceUrl,
    ...(excerpt ? { excerpt } : {}),
    type: "article",
    ...(category ? { category } : {}),
    provider: providerOf(sourceUrl, context),
    ...(topics.length ? { topics } : {}),
    ...(images.length ? { images } : {}),
  };
  return { ok: true, data, undated: draft.publishedAt === undefined };
}

/** The first line of every imported file's front matter: what marks a file as the importer's own (never a hand-written one). */
export const IMPORTED_MARK = "# Imported from the feed ";
/** The comment that records when the entry said it last changed. */
export const UPDATED_MARK = "# The feed entry was updated at ";

/** When an imported file's entry said it last changed, if it said. */
export const updatedAtOf = (text: string): string | undefined => text.match(new RegExp(`^${UPDATED_MARK}(\\S+)$`, "m"))?.[1];

/** A comment that stays on one line, whatever a feed's URL holds. */
const comment = (text: string) => `# ${text.replace(/[\r\n\u0085\u2028\u2029]+/g, " ")}\n`;

/**
 * The file an item becomes: its front matter dumped with js-yaml and read back with the
 * build's own parser; it is an article only when that finds it valid with no warning.
 */
export function toArticle(draft: FeedItemDraft, context: ArticleContext): ArticleResult {
  const front = toFrontMatter(draft, context);
  if (!front.ok) return front;
  const { data, undated } = front;
  const path = importedPath(data.sourceUrl);
  const text =
    "---\n" +
    comment(`${IMPORTED_MARK.slice(2)}${context.subscription.xmlUrl}`) +
    (undated ? comment("The feed gave this item no date: publishedDateTime is when it was imported.") : "") +
    (draft.updatedAt ? comment(`${UPDATED_MARK.slice(2)}${draft.updatedAt}`) : "") +
    yaml.safeDump(data, { lineWidth: -1, noRefs: true }) +
    "---\n";
  const check = parseArticleFile(path, text);
  if (!check.ok) return { ok: false, reason: `${data.sourceUrl} makes no valid article: ${check.problems.map((p) => `${p.field ?? "file"} ${p.message}`).join("; ")}` };
  if (check.warnings.length) {
    return { ok: false, reason: `${data.sourceUrl} would be read with warnings: ${check.warnings.map((w) => `${w.field ?? "file"} ${w.message}`).join("; ")}` };
  }
  return { ok: true, article: { path, text, sourceUrl: data.sourceUrl, undated, ...(draft.updatedAt ? { updatedAt: draft.updatedAt } : {}) } };
}

/** Writes an article into the content folder unless a file is already at its name. */
export const writeArticle = (contentDir: string, article: ImportedArticle): Promise<WriteOutcome> => writeNewFile(contentDir, article.path, article.text);
