import { useSyncExternalStore } from "react";

function subscribe(onChange: () => void) {
  window.addEventListener("online", onChange);
  window.addEventListener("offline", onChange);
  return () => {
    window.removeEventListener("online", onChange);
    window.removeEventListener("offline", onChange);
  };
}

/** Whether the browser believes it has a network; a prerendered page is drawn, and hydrates, online. */
export const useOnlineStatus = (): boolean => useSyncExternalStore(subscribe, () => navigator.onLine, () => true);
