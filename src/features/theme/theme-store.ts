import { createLocalStore } from "../../lib/local-store.ts";

export const THEMES = ["system", "light", "dark"] as const;
export type Theme = (typeof THEMES)[number];

/**
 * Stored as plain text under this key, because the inline script in index.html reads it
 * too: it sets `data-theme` before the first paint, so a dark page never flashes white.
 */
const THEME_KEY = "broadsheet-theme";

export const themeStore = createLocalStore<Theme>(THEME_KEY, {
  parse: (raw) => (raw === "light" || raw === "dark" ? raw : "system"),
  serialize: (theme) => theme,
});

/** "system" leaves the choice to `prefers-color-scheme` (styles.css); the others override it. */
export function applyTheme(theme: Theme): void {
  if (theme === "system") delete document.documentElement.dataset.theme;
  else document.documentElement.dataset.theme = theme;
}
