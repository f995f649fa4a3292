import { useState } from "react";
import { useOnlineStatus } from "../../lib/use-online-status.ts";
import { usePwaState, type PwaState } from "./pwa-state.ts";

/** A small, polite note while there is no network. */
export function OfflineIndicator() {
  const online = useOnlineStatus();
  return (
    <p className="offline-indicator" role="status">
      {online ? "" : "Offline: showing saved stories"}
    </p>
  );
}

/**
 * Offers a newer build without interrupting: it waits until the reader chooses. The live
 * region is always there, so a screen reader hears the offer when it appears.
 */
export function UpdatePrompt() {
  const { applyUpdate } = usePwaState();
  const [dismissed, setDismissed] = useState<PwaState["applyUpdate"]>();
  const shown = applyUpdate && applyUpdate !== dismissed;
  return (
    <aside className="update-region" aria-label="Updates">
      <div role="status" className={shown ? "update-prompt" : undefined}>
        {shown && (
          <>
            <p>New stories available</p>
            <button type="button" className="button button--primary" onClick={applyUpdate}>
              Refresh
            </button>
            <button type="button" className="button" onClick={() => setDismissed(() => applyUpdate)}>
              Later
            </button>
          </>
        )}
      </div>
    </aside>
  );
}

/** Says what this device keeps for reading offline. */
export function OfflineSavedNote() {
  const { savedOffline } = usePwaState();
  return (
    <p role="status">
      {savedOffline === "everything" && "Every story is saved on this device for reading offline."}
      {savedOffline === "read" && "Stories you open are saved on this device for reading offline."}
    </p>
  );
}
