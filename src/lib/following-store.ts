/**
 * The topics and outlets a reader follows, kept on this device beside their saved stories
 * (src/features/library/library-store.ts): in localStorage, checked entry by entry when read
 * back, shared with other tabs through the `storage` event. Nothing leaves the device.
 */
import { isOutletKey, isTopicSlug } from "../contract/names.ts";
import { createLocalStore, parseStoredJson, useLocalStore } from "./local-store.ts";
import type { FeedSource } from "./queries.ts";

export interface Followed {
  source: NonNullable<FeedSource>;
  /** The topic's or outlet's name when followed, so the reader's shortcuts show without a network. */
  name: string;
}

/** One string per list, the same however the source object was made. */
export const keyOf = (source: NonNullable<FeedSource>): string => ("topic" in source ? `topic:${source.topic}` : `provider:${source.provider}`);

const isFields = (value: unknown): value is Record<string, unknown> => typeof value === "object" && value !== null;

/** A source the data could have a list for: a topic slug or an outlet key, as their pages' URLs allow. */
function sourceOf(value: unknown): NonNullable<FeedSource> | undefined {
  if (!isFields(value)) return undefined;
  const { topic, provider } = value;
  if (typeof topic === "string" && provider === undefined && isTopicSlug(topic)) return { topic };
  if (typeof provider === "string" && topic === undefined && isOutletKey(provider)) return { provider };
  return undefined;
}

/** A stored entry as the app can use it, or undefined for anything else. */
function followedOf(entry: unknown): Followed | undefined {
  if (!isFields(entry)) return undefined;
  const source = sourceOf(entry.source);
  const { name } = entry;
  if (!source || typeof name !== "string" || name.trim() === "") return undefined;
  return { source, name };
}

/**
 * In the order followed, the first first, so a new one joins the end of the reader's list.
 * A damaged or older-shaped entry is left out and the others kept; a list followed twice counts once.
 */
const followingStore = createLocalStore<Followed[]>("broadsheet-following", {
  parse: (raw) => {
    const entries = parseStoredJson(raw);
    if (!Array.isArray(entries)) return [];
    const byKey = new Map<string, Followed>();
    for (const entry of entries) {
      const followed = followedOf(entry);
      if (followed && !byKey.has(keyOf(followed.source))) byKey.set(keyOf(followed.source), followed);
    }
    return [...byKey.values()];
  },
  serialize: (entries) => JSON.stringify(entries),
});

/** What is followed now, outside React (the offline save reads it). */
export const followedNow = (): Followed[] => followingStore.get();

export const useFollowing = (): Followed[] => useLocalStore(followingStore, (entries) => entries);

export const useIsFollowing = (source: NonNullable<FeedSource>): boolean =>
  useLocalStore(followingStore, (entries) => entries.some((entry) => keyOf(entry.source) === keyOf(source)));

export function toggleFollowing(source: NonNullable<FeedSource>, name: string): void {
  followingStore.update((entries) =>
    entries.some((entry) => keyOf(entry.source) === keyOf(source))
      ? entries.filter((entry) => keyOf(entry.source) !== keyOf(source))
      : [...entries, { source, name }],
  );
}
