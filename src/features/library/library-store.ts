/**
 * What a reader keeps on this device: saved stories and which stories they have read.
 * localStorage rather than IndexedDB: both values are small, they are read synchronously
 * while the feed renders (no loading state for a card's Save button), and the `storage`
 * event tells other tabs of every change. Nothing leaves the device; there is no account.
 */
import { isIsoDateTime, isSummary } from "../../contract/summary.ts";
import type { Summary } from "../../contract/types.ts";
import { createLocalStore, parseStoredJson, useLocalStore } from "../../lib/local-store.ts";

export interface SavedStory {
  /** The feed's summary, so the Saved view shows the story without a network. */
  story: Summary;
  /** ISO 8601. */
  savedAt: string;
}

/** A saved story as a card can show it: a whole summary, saved on a real date. */
const isSavedStory = (entry: unknown): entry is SavedStory => {
  const { story, savedAt } = (typeof entry === "object" && entry !== null ? entry : {}) as Partial<Record<keyof SavedStory, unknown>>;
  return isSummary(story) && isIsoDateTime(savedAt);
};

/**
 * Newest saved first. What storage holds is checked entry by entry: a damaged, half-written
 * or older-shaped entry is left out and the others kept (the next save writes them back
 * without it), and a story saved twice shows once.
 */
const savedStore = createLocalStore<SavedStory[]>("broadsheet-saved", {
  parse: (raw) => {
    const entries = parseStoredJson(raw);
    if (!Array.isArray(entries)) return [];
    const byId = new Map<string, SavedStory>();
    for (const entry of entries) if (isSavedStory(entry) && !byId.has(entry.story.id)) byId.set(entry.story.id, entry);
    return [...byId.values()];
  },
  serialize: (entries) => JSON.stringify(entries),
});

export const useSavedStories = (): SavedStory[] => useLocalStore(savedStore, (entries) => entries);
export const useIsSaved = (id: string): boolean => useLocalStore(savedStore, (entries) => entries.some((entry) => entry.story.id === id));

export function removeSaved(id: string): void {
  savedStore.update((entries) => entries.filter((entry) => entry.story.id !== id));
}

export function toggleSaved(story: Summary): void {
  savedStore.update((entries) =>
    entries.some((entry) => entry.story.id === story.id)
      ? entries.filter((entry) => entry.story.id !== story.id)
      : [{ story, savedAt: new Date().toISOString() }, ...entries],
  );
}

/**
 * Read state that stays small however long the reader keeps Broadsheet: "Mark all as read"
 * stores one date (`until`, every story published up to then is read) and forgets the ids
 * it covers; stories opened since are kept by id with their date, at most MAX_READ_IDS of
 * them, the earliest read dropped first (they show as unread again, which is the safe side).
 * A story that reaches the archive later with a date before `until` counts as read.
 */
const MAX_READ_IDS = 500;

interface ReadState {
  /** Milliseconds since 1970; -Infinity until the reader first marks all as read. */
  until: number;
  /** id → publishedAt (ms), in the order read. */
  read: Map<string, number>;
}

const isTime = (value: unknown): value is number => typeof value === "number" && Number.isFinite(value);

/** Checked as the saved stories are: a pair that is not an id and a date is left out, the others kept. */
const readStore = createLocalStore<ReadState>("broadsheet-read", {
  parse: (raw) => {
    const stored = parseStoredJson(raw);
    const { until, read } = (typeof stored === "object" && stored !== null ? stored : {}) as { until?: unknown; read?: unknown };
    const pairs = Array.isArray(read)
      ? read.filter((pair): pair is [string, number] => Array.isArray(pair) && pair.length === 2 && typeof pair[0] === "string" && isTime(pair[1]))
      : [];
    return { until: isTime(until) ? until : -Infinity, read: new Map(pairs) };
  },
  // JSON has no -Infinity: it is written as null and read back as "no date".
  serialize: ({ until, read }) => JSON.stringify({ until: Number.isFinite(until) ? until : null, read: [...read] }),
});

type Dated = Pick<Summary, "id" | "publishedAt">;

const isRead = ({ until, read }: ReadState, story: Dated) => Date.parse(story.publishedAt) <= until || read.has(story.id);

export const useIsRead = (story: Dated): boolean => useLocalStore(readStore, (state) => isRead(state, story));

export function markRead(story: Dated): void {
  const state = readStore.get();
  if (isRead(state, story)) return;
  const read = new Map(state.read).set(story.id, Date.parse(story.publishedAt));
  for (const id of read.keys()) {
    if (read.size <= MAX_READ_IDS) break;
    read.delete(id);
  }
  readStore.set({ until: state.until, read });
}

export function markAllRead(now = Date.now()): void {
  const { read } = readStore.get();
  // Only stories dated after now (scheduled, or a clock behind) still need their ids.
  readStore.set({ until: now, read: new Map([...read].filter(([, publishedAt]) => publishedAt > now)) });
}
