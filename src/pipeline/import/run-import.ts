/**
 * `npm run import`: every feed of the OPML file, fetched politely (fetch-feed.ts), read
 * (decode.ts, parse-feed.ts), and each new item written as a content file (to-article.ts,
 * write-item.ts); what each feed gave is remembered beside the OPML (state.ts). The content
 * folder stays the one source of truth: a build reads imported files like any other.
 */
import { readFile } from "node:fs/promises";
import { plural } from "../../contract/text.ts";
import { mapLimit } from "../collections.ts";
import { discoverArticleFiles } from "../load.ts";
import { openParseCache } from "../parse-cache.ts";
import { parseFiles } from "../parse-pool.ts";
import { normaliseUrl } from "../urls.ts";
import { decodeFeed, refuseEntityDeclarations } from "./decode.ts";
import { fetchFeed, type FetchFeedOptions } from "./fetch-feed.ts";
import { readOpml, type Subscription } from "./opml.ts";
import { parseFeedText } from "./parse-feed.ts";
import { feedStateOf, isDue, loadState, noteFailure, noteSuccess, noteWritten, saveState, stateFileOf, type FeedState } from "./state.ts";
import { IMPORTED_MARK, toArticle, updatedAtOf, writeArticle, type ImportedArticle } from "./to-article.ts";
import { IMPORTED_FOLDER, itemHash, replaceOwnFile } from "./write-item.ts";

/** Feeds read at once (each host still gets at most two requests at a time: hosts.ts). */
const FEEDS_AT_ONCE = 8;
/** The state is written after this many feeds too, so a run cut short keeps what it learnt. */
const SAVE_EVERY = 25;

export interface ImportOptions {
  opmlPath: string;
  contentDir: string;
  /** The build's parse cache (CONTENT_CACHE), read to know the content folder's articles without parsing them again. */
  cacheRoot?: string;
  /** Ask every feed, even one backing off or gone. */
  force?: boolean;
  /** The clock (ms since 1970); tests move it. */
  now?: () => number;
  /** The HTTP client's limits and User-Agent (fetch-feed.ts's defaults: 20 s, 10 MB, 5 redirects). */
  fetch?: FetchFeedOptions;
  /** Told as each feed ends: how many of how many are done. */
  onProgress?: (done: number, total: number) => void;
}

export type FeedOutcome = "new" | "updated" | "unchanged" | "failed" | "skipped";

export interface FeedReport {
  xmlUrl: string;
  title: string;
  outcome: FeedOutcome;
  /** Files written now. */
  written: number;
  /** Files rewritten now: their entry says it changed since they were written. */
  updated: number;
  /** Items already in the content folder, or written by an earlier run. */
  known: number;
  /** Items that make no article (no title, no usable link…), and why the first did not. */
  skippedItems: number;
  firstSkipReason?: string;
  /** Items without a date of their own: their file carries the time of this run. */
  undated: number;
  /** Why the feed failed or was skipped. */
  reason?: string;
  /** Where the feed moved for good (301/308): the OPML may say so too. */
  movedTo?: string;
}

export type ImportReport = { ok: true; feeds: FeedReport[]; ms: number; stateProblem?: string; skippedOutlines: string[] } | { ok: false; error: string };

const report = (subscription: Subscription, outcome: FeedOutcome, extra: Partial<FeedReport> = {}): FeedReport => ({
  xmlUrl: subscription.xmlUrl,
  title: subscription.title || subscription.xmlUrl,
  outcome,
  written: 0,
  updated: 0,
  known: 0,
  skippedItems: 0,
  undated: 0,
  ...extra,
});

/**
 * The articles already in the content folder outside `imported/`, by their identity (the
 * normalised source URL, as the build reads them): an item one of them holds is not
 * written again. Imported files need no reading: their name is that identity.
 */
async function articlesInContent(contentDir: string, cacheRoot: string | undefined): Promise<Set<string>> {
  const files = (await discoverArticleFiles(contentDir).catch(() => [])).filter((file) => !file.startsWith(`${IMPORTED_FOLDER}/`));
  // Read only: the build keeps the cache as it needs it.
  const cache = cacheRoot === undefined || files.length === 0 ? undefined : await openParseCache(cacheRoot, contentDir).catch(() => undefined);
  const loaded = await parseFiles(contentDir, files, cache?.known);
  const keys = new Set<string>();
  for (const { key, result } of loaded) {
    const settled = result ?? (key === undefined ? undefined : cache?.get(key));
    if (settled?.ok) keys.add(settled.record.key);
  }
  return keys;
}

/**
 * Rewrites an item's imported file when its entry says it changed after the file's entry
 * did; never a file the importer did not write, nor one the publisher deleted.
 */
function updateIfChanged(contentDir: string, article: ImportedArticle): Promise<boolean> {
  const { updatedAt } = article;
  if (updatedAt === undefined) return Promise.resolve(false);
  return replaceOwnFile(contentDir, article.path, article.text, (current) => {
    if (!current.includes(IMPORTED_MARK)) return false;
    const before = updatedAtOf(current);
    return before === undefined || Date.parse(updatedAt) > Date.parse(before);
  });
}

async function importFeed(subscription: Subscription, feed: FeedState, options: ImportOptions, runStartedAt: Date, inContent: ReadonlySet<string>): Promise<FeedReport> {
  const now = options.now ?? Date.now;
  if (!isDue(feed, now(), options.force)) {
    const reason = feed.gone ? "the server said it is gone (HTTP 410): run with --force to ask again" : `backing off after ${feed.lastError ?? "a failure"} until ${feed.nextAttemptAt}`;
    return report(subscription, "skipped", { reason });
  }
  const url = feed.url ?? subscription.xmlUrl;
  // fetchFeed sends the validators only to the address they came from (after a temporary redirect too).
  const answer = await fetchFeed(url, feed.validators, options.fetch);
  if (answer.kind === "failed") {
    noteFailure(feed, now(), answer.reason, answer);
    return report(subscription, "failed", { reason: answer.reason });
  }
  if (answer.kind === "not-modified") {
    noteSuccess(feed, now(), answer.validators, answer.movedTo);
    return report(subscription, "unchanged", { movedTo: answer.movedTo });
  }
  let parsed: ReturnType<typeof parseFeedText>;
  try {
    const { text } = decodeFeed(answer.bytes, answer.contentType);
    refuseEntityDeclarations(text);
    parsed = parseFeedText(text, { url: answer.finalUrl, now: runStartedAt });
  } catch (error) {
    parsed = { ok: false, error: error instanceof Error ? error.message : String(error) };
  }
  if (!parsed.ok) {
    noteFailure(feed, now(), parsed.error);
    return report(subscription, "failed", { reason: parsed.error });
  }
  const result = report(subscription, "unchanged", { movedTo: answer.movedTo, title: subscription.title || parsed.feed.title || subscription.xmlUrl });
  const wroteBefore = new Set(feed.written);
  const keys: string[] = [];
  for (const draft of parsed.items) {
    const made = toArticle(draft, { subscription, feed: parsed.feed, runStartedAt });
    if (!made.ok) {
      result.skippedItems++;
      result.firstSkipReason ??= made.reason;
      continue;
    }
    const key = itemHash(made.article.sourceUrl);
    // Written by an earlier run (a file the publisher deleted since stays deleted), or in the content folder under another name.
    if (inContent.has(normaliseUrl(made.article.sourceUrl))) {
      result.known++;
      continue;
    }
    if (!wroteBefore.has(key)) keys.push(key);
    if (!wroteBefore.has(key) && (await writeArticle(options.contentDir, made.article)) === "written") {
      result.written++;
      if (made.article.undated) result.undated++;
    } else if (await updateIfChanged(options.contentDir, made.article)) result.updated++;
    else result.known++;
  }
  noteSuccess(feed, now(), answer.validators, answer.movedTo);
  noteWritten(feed, keys);
  if (result.written > 0) result.outcome = "new";
  else if (result.updated > 0) result.outcome = "updated";
  return result;
}

/** Reads the OPML, imports every feed, and keeps the state; an unreadable OPML is the only failure of the run itself. */
export async function runImport(options: ImportOptions): Promise<ImportReport> {
  const started = (options.now ?? Date.now)();
  let text: string;
  try {
    // An OPML file is XML: its encoding is its BOM's or its declaration's, as a feed's.
    text = decodeFeed(await readFile(options.opmlPath)).text;
  } catch {
    return { ok: false, error: `${options.opmlPath} was not found: it lists the feeds to import (an OPML file, as Feedly and NetNewsWire export)` };
  }
  const opml = readOpml(text);
  if (!opml.ok) return { ok: false, error: `${options.opmlPath} ${opml.error}` };
  const statePath = stateFileOf(options.opmlPath);
  let loaded: Awaited<ReturnType<typeof loadState>>;
  try {
    loaded = await loadState(statePath);
  } catch (error) {
    return { ok: false, error: error instanceof Error ? error.message : String(error) };
  }
  const { state, problem } = loaded;
  const runStartedAt = new Date(started);
  const inContent = await articlesInContent(options.contentDir, options.cacheRoot);
  let done = 0;
  const feeds = await mapLimit(opml.subscriptions, FEEDS_AT_ONCE, async (subscription) => {
    const result = await importFeed(subscription, feedStateOf(state, subscription.xmlUrl), options, runStartedAt, inContent).catch((error: unknown) =>
      report(subscription, "failed", { reason: error instanceof Error ? error.message : String(error) }),
    );
    done++;
    options.onProgress?.(done, opml.subscriptions.length);
    if (done % SAVE_EVERY === 0) await saveState(statePath, state);
    return result;
  });
  await saveState(statePath, state);
  return { ok: true, feeds, ms: (options.now ?? Date.now)() - started, stateProblem: problem, skippedOutlines: opml.skipped };
}

const count = (n: number, one: string) => `${n.toLocaleString("en-US")} ${plural(n, one)}`;

/** One line for a feed, as the publisher reads it. */
export function feedLine(feed: FeedReport): string {
  const what = {
    new: `${count(feed.written, "new article")}${feed.updated ? `, ${feed.updated.toLocaleString("en-US")} updated` : ""}${feed.known ? `, ${feed.known.toLocaleString("en-US")} already there` : ""}`,
    updated: `${count(feed.updated, "article")} updated${feed.known ? `, ${feed.known.toLocaleString("en-US")} already there` : ""}`,
    unchanged: feed.known ? `unchanged (${count(feed.known, "item")} already there)` : "unchanged",
    failed: `failed: ${feed.reason}`,
    skipped: `skipped: ${feed.reason}`,
  }[feed.outcome];
  const notes = [
    feed.undated ? `${count(feed.undated, "item")} without a date (dated now)` : "",
    feed.skippedItems ? `${count(feed.skippedItems, "item")} skipped (${feed.firstSkipReason})` : "",
    feed.movedTo ? `moved for good to ${feed.movedTo}: update the OPML` : "",
  ].filter(Boolean);
  return `  ${feed.title}: ${what}${notes.length ? `; ${notes.join("; ")}` : ""}`;
}

/** The run in a line. */
export function summaryLine(feeds: readonly FeedReport[], ms: number): string {
  const by = (outcome: FeedOutcome) => feeds.filter((feed) => feed.outcome === outcome).length;
  const written = feeds.reduce((sum, feed) => sum + feed.written, 0);
  const updated = feeds.reduce((sum, feed) => sum + feed.updated, 0);
  const read = feeds.length - by("failed") - by("skipped");
  return `Broadsheet import: ${count(feeds.length, "feed")} (${read} read, ${by("failed")} failed, ${by("skipped")} skipped), ${count(written, "new article")}${updated ? `, ${updated.toLocaleString("en-US")} updated` : ""}, in ${(ms / 1000).toFixed(1)} s`;
}

/** Whether the run did its job: not every feed failed (a feed that only waits out its backoff did not fail now). */
export const importSucceeded = (feeds: readonly FeedReport[]): boolean => feeds.length === 0 || feeds.some((feed) => feed.outcome !== "failed");
