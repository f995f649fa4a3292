import { useSyncExternalStore } from "react";

interface LocalStoreOptions<T> {
  /**
   * Turns what localStorage holds (null when nothing) into a value, checking it: storage
   * may hold anything (another version's shape, a hand edit, a write cut short). Should it
   * throw anyway, the value is what `parse(null)` gives.
   */
  parse: (raw: string | null) => T;
  serialize: (value: T) => string;
}

export interface LocalStore<T> {
  get(): T;
  /** What a page rendered at build time shows, and what hydrating it shows first: nothing stored. */
  initial(): T;
  set(value: T): void;
  update(change: (value: T) => T): void;
  subscribe(listener: () => void): () => void;
}

/**
 * A value kept in localStorage under `key`, shared by every component that reads it and by
 * every tab: another tab's write arrives as a `storage` event. Where localStorage refuses
 * (a private window, a full quota) the value still works for this page.
 */
export function createLocalStore<T>(key: string, { parse, serialize }: LocalStoreOptions<T>): LocalStore<T> {
  let memory: string | null = null;
  let storageWorks = true;
  let parsed: { raw: string | null; value: T } | undefined;
  const listeners = new Set<() => void>();

  const readRaw = (): string | null => {
    if (!storageWorks) return memory;
    try {
      return window.localStorage.getItem(key);
    } catch {
      storageWorks = false;
      return memory;
    }
  };

  const parseSafely = (raw: string | null): T => {
    try {
      return parse(raw);
    } catch {
      return parse(null);
    }
  };

  // Parsed again only when the stored text changed, so a snapshot stays the same object.
  const get = (): T => {
    const raw = readRaw();
    if (!parsed || parsed.raw !== raw) parsed = { raw, value: parseSafely(raw) };
    return parsed.value;
  };

  const emit = () => {
    for (const listener of listeners) listener();
  };

  const set = (value: T) => {
    memory = serialize(value);
    try {
      window.localStorage.setItem(key, memory);
    } catch {
      storageWorks = false;
    }
    emit();
  };

  const onStorage = (event: StorageEvent) => {
    // A null key means another tab cleared all of storage.
    if (event.key === key || event.key === null) emit();
  };

  const subscribe = (listener: () => void) => {
    if (listeners.size === 0) window.addEventListener("storage", onStorage);
    listeners.add(listener);
    return () => {
      listeners.delete(listener);
      if (listeners.size === 0) window.removeEventListener("storage", onStorage);
    };
  };

  let initial: { value: T } | undefined;
  return {
    get,
    initial: () => (initial ??= { value: parseSafely(null) }).value,
    set,
    update: (change) => set(change(get())),
    subscribe,
  };
}

/** What JSON text in storage holds; null for nothing, or for text that is not JSON. */
export function parseStoredJson(raw: string | null): unknown {
  try {
    return raw === null ? null : JSON.parse(raw);
  } catch {
    return null;
  }
}

/**
 * `select(value)`, again whenever the value changes, in this tab or another. A page
 * prerendered at build time hydrates with `select(initial)`, then shows what is stored. `select` must
 * return the same thing for the same value (a boolean, a field), or React re-renders forever.
 */
export const useLocalStore = <T, S>(store: LocalStore<T>, select: (value: T) => S): S =>
  useSyncExternalStore(
    store.subscribe,
    () => select(store.get()),
    () => select(store.initial()),
  );

