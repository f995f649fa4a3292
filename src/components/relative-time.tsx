import { fullDate, storyTime } from "../lib/format.ts";
import { useClock } from "../lib/use-clock.ts";

/**
 * When a story was published as a reader scans it: "2 hours ago" within a week, the date
 * after. The date and time in words are on hover (title) and, for a screen reader, in the
 * text itself; `datetime` gives machines the exact moment.
 */
export function RelativeTime({ iso }: { iso: string }) {
  const clock = useClock();
  const full = fullDate(iso, clock);
  return (
    <time dateTime={iso} title={full}>
      <span aria-hidden="true">{storyTime(iso, clock)}</span>
      <span className="visually-hidden">{full}</span>
    </time>
  );
}
