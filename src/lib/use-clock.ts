import { createContext, createElement, startTransition, useContext, useEffect, useState, type ReactNode } from "react";
import type { Clock } from "./format.ts";

const MINUTE = 60_000;

/**
 * The clock a prerendered page was drawn with: its build's time, in UTC. The prerender sets
 * it before rendering, and the browser sets the same value (written into the page) before
 * hydrating, so both render the same times; the reader's own clock follows at once.
 */
let drawnClock: Clock | undefined;
export function setRenderClock(now: number): void {
  drawnClock = { now, timeZone: "UTC" };
}

const readClock = (): Clock => ({ now: Date.now() });

const ClockContext = createContext<Clock | undefined>(undefined);

/**
 * Now for every time below it, moving on every minute ("just now" becomes "1 minute ago").
 * The move to the reader's clock after hydrating, and each minute's, is a transition: React
 * redraws every card's time in slices, never in one long task.
 */
export function ClockProvider({ children }: { children: ReactNode }) {
  const [clock, setClock] = useState(() => drawnClock ?? readClock());
  useEffect(() => {
    const tick = () => startTransition(() => setClock(readClock()));
    if (drawnClock) tick();
    const timer = setInterval(tick, MINUTE);
    return () => clearInterval(timer);
  }, []);
  return createElement(ClockContext, { value: clock }, children);
}

/** Now, in the reader's time zone: the app's clock, or (a component drawn alone) the moment it is drawn. */
export const useClock = (): Clock => useContext(ClockContext) ?? readClock();
