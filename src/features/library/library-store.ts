/**
 * What a reader keeps on this device: saved stories and which stories they have read.
 * localStorage rather than IndexedDB: both values are small, they are read synchronously
 * while the feed renders (no loading state for a card's Save button), and the `storage`
 * event tells other tabs of every change. Nothing leaves the device; there is no account.
 */
import type { Summary } from "../../contract/types.ts";
import { createLocalStore, useLocalStore } from "../../lib/local-store.ts";

export interface SavedStory {
  /** The feed's summary, so the Saved view shows the story without a network. */
  story: Summary;
  /** ISO 8601. */
  savedAt: string;
}

const isSavedStory = (entry: unknown): entry is SavedStory => {
  const { story, savedAt } = (entry ?? {}) as Partial<SavedStory>;
  return (
    typeof savedAt === "string" &&
    typeof story?.id === "string" &&
    typeof story.title === "string" &&
    typeof story.publishedAt === "string"
  );
};

function parseJson(raw: string | null): unknown {
  try {
    return raw === null ? null : JSON.parse(raw);
  } catch {
    return null;
  }
}

/** Newest saved first. */
const savedStore = createLocalStore<SavedStory[]>("broadsheet-saved", {
  parse: (raw) => {
    const entries = parseJson(raw);
    return Array.isArray(entries) ? entries.filter(isSavedStory) : [];
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

const readStore = createLocalStore<ReadState>("broadsheet-read", {
  parse: (raw) => {
    const stored = (parseJson(raw) ?? {}) as { until?: unknown; read?: unknown };
    const read = Array.isArray(stored.read)
      ? stored.read.filter((pair): pair is [string, number] => Array.isArray(pair) && typeof pair[0] === "string" && typeof pair[1] === "number")
      : [];
    return { until: typeof stored.until === "number" ? stored.until : -Infinity, read: new Map(read) };
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
