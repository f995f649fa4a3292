import { describe, expect, it } from "vitest";
import { dateSpan } from "../../src/features/coverage/timeline.tsx";

const utc = (iso: string) => new Date(iso);

describe("dateSpan, the timeline's summary of when a story was told", () => {
  it.each([
    ["one day, whatever the hours", "2026-03-02T00:10:00Z", "2026-03-02T23:50:00Z", "on 2 March 2026"],
    ["days of one month", "2026-03-02T09:00:00Z", "2026-03-04T18:00:00Z", "between 2 and 4 March 2026"],
    ["two months of one year", "2026-02-28T09:00:00Z", "2026-03-04T18:00:00Z", "between 28 February and 4 March 2026"],
    ["two years", "2025-12-30T09:00:00Z", "2026-01-02T18:00:00Z", "between 30 December 2025 and 2 January 2026"],
    // In UTC wherever it is drawn: 23:30 UTC is the next day east of Greenwich, and still this one here.
    ["days in UTC", "2026-03-02T23:30:00Z", "2026-03-03T00:30:00Z", "between 2 and 3 March 2026"],
  ])("%s", (_case, start, end, said) => {
    expect(dateSpan(utc(start), utc(end))).toBe(said);
  });
});
