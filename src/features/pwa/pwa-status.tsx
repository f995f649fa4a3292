import { useState } from "react";
import { useOnlineStatus } from "../../lib/use-online-status.ts";
import { usePwaState } from "./pwa-state.ts";

/** A small, polite note while there is no network. */
export function OfflineIndicator() {
  const online = useOnlineStatus();
  return (
    <p className="offline-indicator" role="status">
      {online ? "" : "Offline: showing saved stories"}
    </p>
  );
}

/** Offers a newer build without interrupting: it waits until the reader chooses. */
export function UpdatePrompt() {
  const { applyUpdate } = usePwaState();
  const [dismissed, setDismissed] = useState(false);
  if (!applyUpdate || dismissed) return null;
  return (
    <div className="update-prompt" role="status">
      <p>New stories available</p>
      <button type="button" className="button button--primary" onClick={applyUpdate}>
        Refresh
      </button>
      <button type="button" className="button" onClick={() => setDismissed(true)}>
        Later
      </button>
    </div>
  );
}

/** Says what this device keeps for reading offline. */
export function OfflineSavedNote() {
  const { savedOffline } = usePwaState();
  if (!savedOffline) return null;
  return (
    <p role="status">
      {savedOffline === "everything"
        ? "Every story is saved on this device for reading offline."
        : "Stories you open are saved on this device for reading offline."}
    </p>
  );
}
