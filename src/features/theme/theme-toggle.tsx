import { useEffect } from "react";
import { useLocalStore } from "../../lib/local-store.ts";
import { applyTheme, THEMES, themeStore, type Theme } from "./theme-store.ts";

const CHOICES: Record<Theme, { label: string; icon: string }> = {
  // Half light, half dark: whatever the device says.
  system: { label: "System", icon: "M12 3a9 9 0 1 0 0 18 9 9 0 0 0 0-18zm0 2v14a7 7 0 0 1 0-14z" },
  light: {
    label: "Light",
    icon: "M12 8a4 4 0 1 0 0 8 4 4 0 0 0 0-8zM11 2h2v3h-2zm0 17h2v3h-2zM2 11h3v2H2zm17 0h3v2h-3zM4.2 5.6l1.4-1.4 2.1 2.1-1.4 1.4zm12.1 12.1 1.4-1.4 2.1 2.1-1.4 1.4zM4.2 18.4l2.1-2.1 1.4 1.4-2.1 2.1zM16.3 6.3l2.1-2.1 1.4 1.4-2.1 2.1z",
  },
  dark: { label: "Dark", icon: "M14.5 3a9 9 0 1 0 6.5 13.8A7.5 7.5 0 0 1 14.5 3z" },
};
const identity = (theme: Theme) => theme;

/** System, Light or Dark: remembered on this device, and followed by every open tab. */
export function ThemeToggle() {
  const theme = useLocalStore(themeStore, identity);
  useEffect(() => applyTheme(theme), [theme]);
  return (
    <div role="group" aria-label="Theme" className="theme-toggle">
      {THEMES.map((choice) => (
        <button
          key={choice}
          type="button"
          aria-pressed={theme === choice}
          title={`${CHOICES[choice].label} theme`}
          onClick={() => themeStore.set(choice)}
        >
          <svg aria-hidden="true" viewBox="0 0 24 24" width="18" height="18">
            <path d={CHOICES[choice].icon} />
          </svg>
          <span className="visually-hidden">{CHOICES[choice].label}</span>
        </button>
      ))}
    </div>
  );
}
