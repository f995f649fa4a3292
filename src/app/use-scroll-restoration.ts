import { useLayoutEffect } from "react";
import { useLocation, useNavigationType } from "react-router-dom";

const positions = new Map<string, number>();

/**
 * Back and forward return to where the reader was; a new page starts at the top. The
 * feed keeps its measured card heights, so the saved offset lands on the same story.
 */
export function useScrollRestoration(): void {
  const { key } = useLocation();
  const navigation = useNavigationType();
  useLayoutEffect(() => {
    history.scrollRestoration = "manual";
    window.scrollTo(0, navigation === "POP" ? (positions.get(key) ?? 0) : 0);
    return () => void positions.set(key, window.scrollY);
  }, [key, navigation]);
}
