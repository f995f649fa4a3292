import { useSyncExternalStore } from "react";

export interface PwaState {
  /** Set when a newer build is out; calling it moves the app to that build. */
  applyUpdate?: () => void;
  /** What this device keeps for reading offline, once saved. */
  savedOffline?: "everything" | "read";
}

let state: PwaState = {};
const listeners = new Set<() => void>();

export function setPwaState(change: Partial<PwaState>): void {
  state = { ...state, ...change };
  for (const listener of listeners) listener();
}

function subscribe(listener: () => void) {
  listeners.add(listener);
  return () => void listeners.delete(listener);
}

const before: PwaState = {};

/** The update and offline state the service worker side reports to the views; none yet while a prerendered page is drawn and hydrates. */
export const usePwaState = (): PwaState => useSyncExternalStore(subscribe, () => state, () => before);
