/**
 * What the importer remembers of each feed between runs, in a small file beside the OPML
 * (`feeds.opml` → `feeds.opml.state.json`): the validators for conditional requests, where a
 * feed moved for good, how often it failed and when to try it again, and which items it
 * already wrote (a file the publisher deleted is not brought back).
 */
import { randomBytes } from "node:crypto";
import { readFile, rename } from "node:fs/promises";
import { writeWhole } from "../output.ts";
import type { Validators } from "./fetch-feed.ts";

export const STATE_VERSION = 1;

/** A feed that failed is tried again after this, doubled with each failure in a row… */
export const FIRST_BACKOFF_MS = 30 * 60_000;
/** …up to this. */
export const MAX_BACKOFF_MS = 24 * 3_600_000;
/** The items a feed wrote that are remembered, newest last. */
export const WRITTEN_KEPT = 2_000;

export interface FeedState {
  /** The feed's address now, once a permanent redirect (301, 308) moved it; absent: the OPML's. */
  url?: string;
  validators?: Validators;
  lastFetchedAt?: string;
  /** Failures in a row; 0 after a success. */
  failures: number;
  /** Not before this (ISO time), after failures or a Retry-After. */
  nextAttemptAt?: string;
  lastError?: string;
  /** The server said 410 Gone: skipped until a run with `force`. */
  gone?: boolean;
  /** The keys (hashes of the normalised source URLs) of the items this feed wrote. */
  written: string[];
}

export interface ImportState {
  version: typeof STATE_VERSION;
  /** By the feed's address as the OPML writes it. */
  feeds: Record<string, FeedState>;
}

export const stateFileOf = (opmlPath: string): string => `${opmlPath}.state.json`;

const emptyState = (): ImportState => ({ version: STATE_VERSION, feeds: {} });

const isFeedState = (value: unknown): value is FeedState => {
  const state = value as Partial<FeedState> | null;
  return typeof state === "object" && state !== null && typeof state.failures === "number" && Array.isArray(state.written);
};

/**
 * The state as the last run left it. None yet is an empty state. A file that is not one
 * (edited by hand, cut short) is kept aside as `<file>.corrupt-<time>` and the run starts
 * from an empty state, which `problem` says: every feed is asked for again in full (no item
 * is written twice: names come from addresses), but an item the publisher deleted may come
 * back. A file that cannot be read at all (its permissions) stops the run.
 */
export async function loadState(path: string): Promise<{ state: ImportState; problem?: string }> {
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return { state: emptyState() };
    throw new Error(`${path} cannot be read (${(error as NodeJS.ErrnoException).code ?? String(error)})`);
  }
  try {
    const value = JSON.parse(text) as Partial<ImportState>;
    if (value.version !== STATE_VERSION || typeof value.feeds !== "object" || value.feeds === null) throw new Error("not a state file");
    const feeds = Object.fromEntries(Object.entries(value.feeds).filter(([, feed]) => isFeedState(feed)));
    return { state: { version: STATE_VERSION, feeds } };
  } catch {
    const aside = `${path}.corrupt-${new Date().toISOString().replace(/[:.]/g, "-")}-${randomBytes(3).toString("hex")}`;
    await rename(path, aside);
    return {
      state: emptyState(),
      problem: `${path} is not a state file this version wrote: kept as ${aside}; every feed is asked for again in full, and an item deleted since it was imported may come back`,
    };
  }
}

/** Writes the state whole: a temporary file beside it, then renamed over it, so a run cut short never leaves half a file. */
export const saveState = (path: string, state: ImportState): Promise<void> => writeWhole(path, `${JSON.stringify(state, null, 2)}\n`);

export const feedStateOf = (state: ImportState, xmlUrl: string): FeedState => (state.feeds[xmlUrl] ??= { failures: 0, written: [] });

/** Whether a run at `now` asks for the feed: not while it backs off or is gone, unless forced. */
export function isDue(feed: FeedState, now: number, force = false): boolean {
  if (force) return true;
  if (feed.gone) return false;
  return feed.nextAttemptAt === undefined || Date.parse(feed.nextAttemptAt) <= now;
}

/** The wait after `failures` failures in a row: 30 minutes, doubled each time, at most a day. */
export const backoffMs = (failures: number): number => Math.min(FIRST_BACKOFF_MS * 2 ** Math.max(0, failures - 1), MAX_BACKOFF_MS);

/** A feed read (or not modified): the failures are forgotten, and the new validators and address kept. */
export function noteSuccess(feed: FeedState, now: number, validators: Validators, movedTo?: string): void {
  feed.failures = 0;
  delete feed.nextAttemptAt;
  delete feed.lastError;
  delete feed.gone;
  feed.lastFetchedAt = new Date(now).toISOString();
  feed.validators = validators;
  if (movedTo !== undefined) feed.url = movedTo;
}

/** A failure: tried again after the backoff, or after the server's Retry-After when it sent one (never sooner than it asked). */
export function noteFailure(feed: FeedState, now: number, reason: string, { retryAfterMs, gone }: { retryAfterMs?: number; gone?: boolean } = {}): void {
  feed.failures += 1;
  feed.lastFetchedAt = new Date(now).toISOString();
  feed.lastError = reason;
  feed.nextAttemptAt = new Date(now + (retryAfterMs ?? backoffMs(feed.failures))).toISOString();
  if (gone) feed.gone = true;
}

/** Notes the items the feed wrote now, newest last, keeping the last `WRITTEN_KEPT`. */
export function noteWritten(feed: FeedState, keys: readonly string[]): void {
  const known = new Set(feed.written);
  feed.written.push(...keys.filter((key) => !known.has(key)));
  if (feed.written.length > WRITTEN_KEPT) feed.written.splice(0, feed.written.length - WRITTEN_KEPT);
}
