import { createLocalStore, useLocalStore } from "../../lib/local-store.ts";

/** Cards (image, excerpt, other outlets' headlines) or Headlines (title, outlet, time: a line each). */
export const LIST_STYLES = ["cards", "headlines"] as const;
export type ListStyle = (typeof LIST_STYLES)[number];

/**
 * Stored as plain text under this key, because the inline script in index.html reads it too:
 * it sets `data-list-style` before the first paint. A list's markup is the same in both
 * styles and styles.css draws the difference, so a page prerendered as cards hydrates
 * without a mismatch and paints in the reader's style from the start.
 */
const LIST_STYLE_KEY = "broadsheet-list-style";

export const listStyleStore = createLocalStore<ListStyle>(LIST_STYLE_KEY, {
  parse: (raw) => (raw === "headlines" ? "headlines" : "cards"),
  serialize: (style) => style,
});

export function applyListStyle(style: ListStyle): void {
  document.documentElement.dataset.listStyle = style;
}

const identity = (style: ListStyle) => style;
export const useListStyle = (): ListStyle => useLocalStore(listStyleStore, identity);
