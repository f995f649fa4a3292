import type { QueryClient } from "@tanstack/react-query";
import { INDEX_PATH } from "../../contract/data-layout.ts";
import type { SiteIndex } from "../../contract/types.ts";
import { fetchData } from "../../lib/api.ts";
import { indexQuery } from "../../lib/queries.ts";
import { setPwaState } from "./pwa-state.ts";
import { saveForOffline, type FirstScreenData } from "./save-for-offline.ts";

const CHECK_EVERY_MS = 15 * 60 * 1000;

/** Set once the service worker is registered: looks for a newer build and offers it. */
let checkForUpdate: () => Promise<void> = async () => {};

/**
 * Asks whether a newer build is out. Called on a "not found" too: after a deploy, the
 * files of the build an open tab is reading are gone from the host.
 */
export const checkForNewBuild = (): Promise<void> => checkForUpdate();

/**
 * Registers the service worker, saves this build for offline reading, and watches for a
 * newer one: a new app shell (the worker waits) or new stories (a new build id). Either
 * way the reader is offered one Refresh that takes both; nothing changes under them
 * until they take it. `fetchFirstScreenData` is for the offline save (saveForOffline).
 */
export async function startPwa(queryClient: QueryClient, fetchFirstScreenData: FirstScreenData): Promise<void> {
  if (!("serviceWorker" in navigator)) return;
  const { Workbox } = await import("workbox-window");
  const worker = new Workbox(`${import.meta.env.BASE_URL}sw.js`, { scope: import.meta.env.BASE_URL });
  let shellWaiting = false;
  const applyUpdate = () => {
    if (!shellWaiting) return location.reload();
    worker.addEventListener("controlling", () => location.reload());
    worker.messageSkipWaiting();
  };
  worker.addEventListener("waiting", () => {
    shellWaiting = true;
    setPwaState({ applyUpdate });
  });
  // No worker (a host that does not serve sw.js, a private window): the app works, just not offline.
  if (!(await worker.register().catch(() => undefined))) return;

  checkForUpdate = async () => {
    // Offline, or the host down: the next check asks again.
    void worker.update().catch(() => undefined);
    const current = queryClient.getQueryData(indexQuery().queryKey);
    // The query string keeps this look from replacing the index the worker serves offline.
    const latest = await fetchData<SiteIndex>(`${INDEX_PATH}?check=${Date.now()}`).catch(() => undefined);
    if (current && latest && latest.buildId !== current.buildId) setPwaState({ applyUpdate });
  };
  document.addEventListener("visibilitychange", () => {
    if (document.visibilityState === "visible") void checkForUpdate();
  });
  window.addEventListener("online", () => void checkForUpdate());
  setInterval(() => void checkForUpdate(), CHECK_EVERY_MS);

  await navigator.serviceWorker.ready;
  // Without an index (offline, none saved yet) there is nothing to save; the next visit saves it.
  const index = await queryClient.ensureQueryData(indexQuery()).catch(() => undefined);
  if (index) setPwaState({ savedOffline: await saveForOffline(index, fetchFirstScreenData) });
}
