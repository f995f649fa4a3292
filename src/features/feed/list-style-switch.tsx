import { useEffect } from "react";
import { applyListStyle, LIST_STYLES, listStyleStore, useListStyle, type ListStyle } from "./list-style.ts";

const NAMES: Record<ListStyle, string> = { cards: "Cards", headlines: "Headlines" };

/** Two pressed-or-not buttons: the reader's choice is kept on this device and followed by every tab. */
export function ListStyleSwitch() {
  const style = useListStyle();
  useEffect(() => applyListStyle(style), [style]);
  return (
    <div className="segmented" role="group" aria-label="View">
      {LIST_STYLES.map((choice) => (
        <button key={choice} type="button" className="segmented__option" aria-pressed={choice === style} onClick={() => listStyleStore.set(choice)}>
          {NAMES[choice]}
        </button>
      ))}
    </div>
  );
}
