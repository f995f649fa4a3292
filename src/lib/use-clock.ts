import { useSyncExternalStore } from "react";
import type { Clock } from "./format.ts";

const MINUTE = 60_000;

/**
 * The clock a prerendered page was drawn with: its build's time, in UTC. The prerender sets
 * it before rendering, and the browser sets the same value (written into the page) before
 * hydrating, so both render the same times; the reader's own clock follows at once.
 */
let renderClock: Clock = { now: Date.now(), timeZone: "UTC" };
export function setRenderClock(now: number): void {
  renderClock = { now, timeZone: "UTC" };
}

// The same object for a minute, so React sees no change between renders in that minute.
let readerClock: Clock | undefined;
function readClock(): Clock {
  const now = Date.now();
  if (!readerClock || Math.abs(now - readerClock.now) >= MINUTE) readerClock = { now };
  return readerClock;
}

function subscribe(onTick: () => void) {
  const timer = setInterval(onTick, MINUTE);
  return () => clearInterval(timer);
}

/** Now, in the reader's time zone, moving on every minute ("just now" becomes "1 minute ago"). */
export const useClock = (): Clock => useSyncExternalStore(subscribe, readClock, () => renderClock);
