/**
 * The rows a story list is drawn in: a day's heading, or a run of cards side by side. The
 * list (story-list.tsx) lays them out; past its head they are virtual (virtual-rows.tsx).
 */
import type { Summary } from "../../contract/types.ts";
import { dateGroup, type Clock } from "../../lib/format.ts";
import type { ListStyle } from "./list-style.ts";

export type Row = { kind: "day"; key: string; label: string } | { kind: "cards"; key: string; first: number; stories: Summary[] };

/** A row's height until it is drawn and measured: what the space below the list's head starts as. */
const ESTIMATE = { day: 48, cards: 220, headlines: 64 };
export const estimatedHeight = (row: Row, style: ListStyle) => (row.kind === "day" ? ESTIMATE.day : ESTIMATE[style]);

/**
 * `stories` (the list's from `from` on) in rows of at most `columns` cards, with a heading
 * before each day's first (when `byDay`); `previousDay` is the day the rows before end in.
 */
export function dayRows(stories: readonly Summary[], from: number, byDay: boolean, clock: Clock, previousDay: string | undefined, columns: number) {
  const rows: Row[] = [];
  let day = previousDay;
  let run: Summary[] = [];
  let first = from;
  const flush = () => {
    if (run.length > 0) rows.push({ kind: "cards", key: `cards-${run[0].id}`, first, stories: run });
    run = [];
  };
  stories.forEach((story, offset) => {
    const position = from + offset;
    if (byDay) {
      const group = dateGroup(story.publishedAt, clock);
      if (group.key !== day) {
        flush();
        rows.push({ kind: "day", key: `day-${group.key}`, label: group.label });
        day = group.key;
      }
    }
    if (run.length === columns) flush();
    if (run.length === 0) first = position;
    run.push(story);
  });
  flush();
  return { rows, day };
}

/**
 * A day's heading is for the eye: a feed may own only its articles, and every story's time
 * already says its date in words to a screen reader.
 */
export const DayHeading = ({ label }: { label: string }) => (
  <div className="day-heading" aria-hidden="true">
    {label}
  </div>
);
