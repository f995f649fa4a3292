/**
 * Dates and times as a reader reads them. Every function takes a `Clock`: the moment to
 * count from and the time zone to read days in. A page prerendered at build time is drawn
 * in UTC at its build's time, and hydrates with that same clock before moving to the
 * reader's own (see use-clock.ts), so the HTML and the first client render agree.
 */
export interface Clock {
  now: number;
  /** An IANA time zone; undefined for the reader's own. */
  timeZone?: string;
}

const UNITS: [Intl.RelativeTimeFormatUnit, number][] = [
  ["year", 365 * 24 * 3600],
  ["month", 30 * 24 * 3600],
  ["week", 7 * 24 * 3600],
  ["day", 24 * 3600],
  ["hour", 3600],
  ["minute", 60],
];

const DAY = 24 * 3600 * 1000;
/** Within this, a list says how long ago; past it, the date itself. */
const RELATIVE_FOR = 7 * DAY;

const relative = new Intl.RelativeTimeFormat("en", { numeric: "auto" });

/** "3 hours ago", "yesterday", "6 years ago". */
export function relativeTime(iso: string, now = Date.now()): string {
  const seconds = Math.round((Date.parse(iso) - now) / 1000);
  for (const [unit, size] of UNITS) {
    if (Math.abs(seconds) >= size) return relative.format(Math.trunc(seconds / size), unit);
  }
  return "just now";
}

const formatters = new Map<string, Intl.DateTimeFormat>();
/** British English: "Monday 30 November", the day before the month, as the readers wrote it. */
function formatter(options: Intl.DateTimeFormatOptions, timeZone: string | undefined): Intl.DateTimeFormat {
  const key = `${JSON.stringify(options)}@${timeZone ?? ""}`;
  let made = formatters.get(key);
  if (!made) formatters.set(key, (made = new Intl.DateTimeFormat("en-GB", { ...options, timeZone })));
  return made;
}
const format = (time: number, options: Intl.DateTimeFormatOptions, timeZone: string | undefined) => formatter(options, timeZone).format(time);
const formatParts = (time: number, options: Intl.DateTimeFormatOptions, timeZone: string | undefined) =>
  formatter(options, timeZone).formatToParts(time);

const zoneSuffix = (clock: Clock) => (clock.timeZone === "UTC" ? " UTC" : "");

/** "Monday 30 November 2026 at 10:12": what hovering a time shows, and what a screen reader hears. */
export const fullDate = (iso: string, clock: Clock): string =>
  format(Date.parse(iso), { dateStyle: "full", timeStyle: "short" }, clock.timeZone).replace(",", "") + zoneSuffix(clock);

/** The calendar day of `time` where the reader is: "2026-11-30". */
function dayOf(time: number, clock: Clock): string {
  const parts = formatParts(time, { year: "numeric", month: "2-digit", day: "2-digit" }, clock.timeZone);
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((entry) => entry.type === type)?.value ?? "";
  return `${part("year")}-${part("month")}-${part("day")}`;
}

const sameYear = (time: number, clock: Clock) =>
  format(time, { year: "numeric" }, clock.timeZone) === format(clock.now, { year: "numeric" }, clock.timeZone);

/** A story's time in a list: how long ago within a week, the date after ("30 Nov", "30 Nov 2019"). */
export function storyTime(iso: string, clock: Clock): string {
  const time = Date.parse(iso);
  if (Math.abs(clock.now - time) < RELATIVE_FOR) return relativeTime(iso, clock.now);
  return format(time, sameYear(time, clock) ? { day: "numeric", month: "short" } : { day: "numeric", month: "short", year: "numeric" }, clock.timeZone);
}

/** A heading over a list's stories, and what it groups them by. */
export interface DateGroup {
  key: string;
  label: string;
}

/**
 * Which heading a story falls under, newest first, as people think back: "Today",
 * "Yesterday", a day of the past week ("Monday 30 November"), then a month ("November
 * 2024"): an archive with a story every few days is not cut into a heading per story.
 */
export function dateGroup(iso: string, clock: Clock): DateGroup {
  const time = Date.parse(iso);
  const day = dayOf(time, clock);
  if (day === dayOf(clock.now, clock)) return { key: day, label: "Today" };
  if (day === dayOf(clock.now - DAY, clock)) return { key: day, label: "Yesterday" };
  if (Math.abs(clock.now - time) < RELATIVE_FOR) {
    const options: Intl.DateTimeFormatOptions = { weekday: "long", day: "numeric", month: "long" };
    // en-GB writes a comma after the weekday once there is a year; the heading reads better without.
    return { key: day, label: format(time, sameYear(time, clock) ? options : { ...options, year: "numeric" }, clock.timeZone).replace(",", "") };
  }
  return { key: day.slice(0, 7), label: format(time, { month: "long", year: "numeric" }, clock.timeZone) };
}

/** The host of a URL without `www.`, for "Read at …" labels. */
export function hostOf(url: string): string {
  try {
    return new URL(url).hostname.replace(/^www\./, "");
  } catch {
    return url;
  }
}
