import "@testing-library/jest-dom/vitest";
import { cleanup } from "@testing-library/react";
import { afterEach, vi } from "vitest";

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
  vi.useRealTimers();
});

// jsdom does not scroll; the router's ScrollRestoration calls this on every navigation.
window.scrollTo = () => {};

// jsdom lays nothing out, so every box measures 0 px tall and the windowed story list
// would put every card on screen at once. A card's height keeps it to a screenful, as in a browser.
Object.defineProperty(HTMLElement.prototype, "offsetHeight", { configurable: true, get: () => 180 });
