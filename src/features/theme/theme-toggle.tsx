import { useEffect, useRef, useState } from "react";
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

const Icon = ({ theme }: { theme: Theme }) => (
  <svg aria-hidden="true" viewBox="0 0 24 24" width="18" height="18">
    <path d={CHOICES[theme].icon} />
  </svg>
);

/**
 * System, Light or Dark, behind one small button so the header keeps to one line: the
 * choice is remembered on this device and followed by every open tab. The menu closes on
 * a choice, on Escape, and when focus or a click goes elsewhere.
 */
export function ThemeToggle() {
  const theme = useLocalStore(themeStore, identity);
  const [open, setOpen] = useState(false);
  const menu = useRef<HTMLDivElement>(null);
  const button = useRef<HTMLButtonElement>(null);
  useEffect(() => applyTheme(theme), [theme]);

  useEffect(() => {
    if (!open) return;
    const onPointerDown = (event: PointerEvent) => {
      if (!menu.current?.contains(event.target as Node)) setOpen(false);
    };
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key !== "Escape") return;
      setOpen(false);
      button.current?.focus();
    };
    document.addEventListener("pointerdown", onPointerDown);
    document.addEventListener("keydown", onKeyDown);
    return () => {
      document.removeEventListener("pointerdown", onPointerDown);
      document.removeEventListener("keydown", onKeyDown);
    };
  }, [open]);

  return (
    <div
      ref={menu}
      className="theme-menu"
      onBlur={(event) => {
        if (!event.currentTarget.contains(event.relatedTarget)) setOpen(false);
      }}
    >
      <button
        ref={button}
        type="button"
        className="theme-menu__button"
        aria-expanded={open}
        aria-controls="theme-choices"
        title="Theme"
        onClick={() => setOpen(!open)}
      >
        <Icon theme={theme} />
        <span className="visually-hidden">Theme: {CHOICES[theme].label}</span>
      </button>
      {open && (
        <div id="theme-choices" role="group" aria-label="Theme" className="theme-menu__choices">
          {THEMES.map((choice) => (
            <button
              key={choice}
              type="button"
              aria-pressed={theme === choice}
              onClick={() => {
                themeStore.set(choice);
                setOpen(false);
                button.current?.focus();
              }}
            >
              <Icon theme={choice} />
              {CHOICES[choice].label}
            </button>
          ))}
        </div>
      )}
    </div>
  );
}
