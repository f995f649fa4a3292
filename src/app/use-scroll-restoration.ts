import { useLayoutEffect } from "react";
import { useLocation, useNavigationType } from "react-router-dom";

const positions = new Map<string, number>();

/**
 * Back and forward return to where the reader was; a new page starts at the top. Story
 * rows have a fixed height, so the saved offset lands on the same story.
 */
export function useScrollRestoration(): void {
  const { key } = useLocation();
  const navigation = useNavigationType();
  useLayoutEffect(() => {
    history.scrollRestoration = "manual";
    window.scrollTo(0, navigation === "POP" ? (positions.get(key) ?? 0) : 0);
    // Saved as the reader scrolls: by the time a view is left, the next one has replaced it.
    const save = () => void positions.set(key, window.scrollY);
    window.addEventListener("scroll", save, { passive: true });
    return () => window.removeEventListener("scroll", save);
  }, [key, navigation]);
}
