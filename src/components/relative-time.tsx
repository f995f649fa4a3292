import { fullDate, relativeTime } from "../lib/format.ts";

/** A date as a reader scans it ("2 hours ago"), with the full date on hover. */
export function RelativeTime({ iso }: { iso: string }) {
  return (
    <time dateTime={iso} title={fullDate(iso)}>
      {relativeTime(iso)}
    </time>
  );
}
