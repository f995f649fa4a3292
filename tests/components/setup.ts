import "@testing-library/jest-dom/vitest";
import { cleanup, configure } from "@testing-library/react";
import { afterEach, vi } from "vitest";

// findBy and waitFor wait for what the reader would see; on a busy 2-core machine that can
// take longer than Testing Library's 1 s default, so they wait within the test's own timeout.
configure({ asyncUtilTimeout: 10_000 });

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
  vi.useRealTimers();
});

// jsdom does not scroll; the app restores scroll positions on every navigation.
window.scrollTo = () => {};

// jsdom has no media queries: the story list asks whether the screen is narrow. It is not.
window.matchMedia = (query: string) =>
  ({
    matches: false,
    media: query,
    onchange: null,
    addEventListener: () => {},
    removeEventListener: () => {},
    addListener: () => {},
    removeListener: () => {},
    dispatchEvent: () => false,
  }) satisfies MediaQueryList;
