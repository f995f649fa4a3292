import { useState } from "react";
import { markAllRead } from "./library-store.ts";

/** Marks every story published up to now as read, and says so to a screen reader; the eye sees the unread dots go. */
export function MarkAllRead() {
  const [done, setDone] = useState(false);
  return (
    <div className="mark-all-read">
      <button
        type="button"
        className="button"
        onClick={() => {
          markAllRead();
          setDone(true);
        }}
      >
        Mark all as read
      </button>
      <span role="status" className="visually-hidden">{done && "Every story so far is marked as read."}</span>
    </div>
  );
}
