import { useState, useSyncExternalStore } from "react";
import { useHref } from "react-router-dom";

const neverChanges = () => () => {};
const hasShareSheet = () => typeof navigator.share === "function";

interface ShareButtonProps {
  title: string;
  /** The app path to share (`paths.article(id)`): the link is to this page in Broadsheet. */
  to: string;
}

/**
 * "Share" opens the device's share sheet where the browser has one (the Web Share API);
 * elsewhere "Copy link" puts the address on the clipboard. Either way the outcome is said
 * in a polite live region, so a screen reader hears it without losing its place.
 */
export function ShareButton({ title, to }: ShareButtonProps) {
  const href = useHref(to);
  const [message, setMessage] = useState("");
  // A page prerendered at build time offers "Copy link" and hydrates so; a device with a share sheet then offers "Share".
  const canShare = useSyncExternalStore(neverChanges, hasShareSheet, () => false);

  async function share() {
    const url = new URL(href, window.location.origin).href;
    setMessage("");
    if (canShare) {
      try {
        await navigator.share({ title, url });
      } catch (error) {
        // Closing the share sheet is a choice, not a failure.
        if (!(error instanceof DOMException && error.name === "AbortError")) setMessage("Couldn’t share this story.");
      }
      return;
    }
    try {
      await navigator.clipboard.writeText(url);
      setMessage("Link copied");
    } catch {
      setMessage("Couldn’t copy the link. Copy it from the address bar instead.");
    }
  }

  return (
    <>
      <button type="button" className="button" onClick={() => void share()}>
        {canShare ? "Share" : "Copy link"}
      </button>
      <span role="status" className="share__message">
        {message}
      </span>
    </>
  );
}
