import { useLayoutEffect } from "react";

/**
 * Calls `measure` (a stable callback) before the browser paints, again whenever the page's
 * body changes size (the width, the text size, whatever grows above), and again when
 * `remeasureOn` changes (a view that lays itself out otherwise). Nothing while not `enabled`.
 */
export function useLayoutChange(measure: () => void, remeasureOn: unknown, enabled = true): void {
  useLayoutEffect(() => {
    if (!enabled) return;
    measure();
    if (typeof ResizeObserver === "undefined") return;
    const observer = new ResizeObserver(measure);
    observer.observe(document.body);
    return () => observer.disconnect();
  }, [measure, remeasureOn, enabled]);
}
