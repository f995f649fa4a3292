import type { OutletCoverage } from "../../contract/types.ts";

/** Dates as the chart's ends and its summary give them: in UTC, so the page reads the same wherever it was drawn. */
const day = new Intl.DateTimeFormat("en-GB", { day: "numeric", timeZone: "UTC" });
const month = new Intl.DateTimeFormat("en-GB", { month: "long", timeZone: "UTC" });
const year = new Intl.DateTimeFormat("en-GB", { year: "numeric", timeZone: "UTC" });
const shortDate = new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "short", year: "numeric", timeZone: "UTC" });
const clock = new Intl.DateTimeFormat("en-GB", { hour: "2-digit", minute: "2-digit", hourCycle: "h23", timeZone: "UTC" });

const longDate = (date: Date) => `${day.format(date)} ${month.format(date)} ${year.format(date)}`;

/** "between 2 and 4 March 2026", "between 28 February and 4 March 2026", "on 2 March 2026". */
export function dateSpan(start: Date, end: Date): string {
  const [from, to] = [longDate(start), longDate(end)];
  if (from === to) return `on ${from}`;
  if (year.format(start) !== year.format(end)) return `between ${from} and ${to}`;
  if (month.format(start) !== month.format(end)) return `between ${day.format(start)} ${month.format(start)} and ${to}`;
  return `between ${day.format(start)} and ${to}`;
}

/** How many rows of dots the chart has: dots closer than `GAP` share a row only when every row is taken. */
const ROWS = 3;
/** Percent of the width kept between two dots in one row (a dot is 10 px wide; 3% of a 320 px phone is 9.6 px). */
const GAP = 3;
/** The chart's height in pixels, and where its axis is: fixed, so the page never moves as it draws. */
const HEIGHT = 56;
const AXIS = 46;
/** Percent of the width left at each end, so a dot there is drawn whole. */
const EDGE = 2;

interface Mark {
  outlet: OutletCoverage;
  /** Percent of the width. */
  x: number;
  /** 0 on the axis, upwards. */
  row: number;
}

/**
 * What the chart draws: the span of time the outlets' latest pieces and this article cover,
 * where a moment is on the axis, and one dot per dated outlet, oldest first, each in the
 * lowest row where it keeps `GAP` from the dot before it (else in the row whose last dot
 * is furthest back).
 */
function timelineOf(outlets: readonly OutletCoverage[], articleAt: string) {
  const dated = outlets
    .map((outlet) => ({ outlet, at: Date.parse(outlet.latestAt ?? "") }))
    .filter(({ at }) => Number.isFinite(at))
    .sort((a, b) => a.at - b.at);
  const times = [Date.parse(articleAt), ...dated.map(({ at }) => at)];
  const start = Math.min(...times);
  const end = Math.max(...times);
  const xOf = (at: number) => (end === start ? 50 : EDGE + ((at - start) / (end - start)) * (100 - 2 * EDGE));
  const lastX = Array.from({ length: ROWS }, () => -Infinity);
  const marks = dated.map(({ outlet, at }): Mark => {
    const x = xOf(at);
    const free = lastX.findIndex((last) => x - last >= GAP);
    const row = free === -1 ? lastX.indexOf(Math.min(...lastX)) : free;
    lastX[row] = x;
    return { outlet, x, row };
  });
  return { start: new Date(start), end: new Date(end), articleX: xOf(Date.parse(articleAt)), marks };
}

/**
 * When each outlet published: one dot per outlet at its latest piece, this article a line of
 * the accent's colour. Drawn as a picture for the eye (role="img", its summary as its name);
 * the outlet list that follows it says the same, outlet by outlet, for everyone else.
 * Shown only when there are two dots or more.
 */
export function CoverageTimeline({ outlets, outletCount, articleAt }: { outlets: readonly OutletCoverage[]; outletCount: number; articleAt: string }) {
  const { start, end, articleX, marks } = timelineOf(outlets, articleAt);
  if (marks.length < 2) return null;
  const sameDay = shortDate.format(start) === shortDate.format(end);
  const endLabel = (date: Date) => (sameDay ? `${shortDate.format(date)}, ${clock.format(date)} UTC` : shortDate.format(date));
  const who = marks.length < outletCount ? `${marks.length} of ${outletCount} outlets` : `${marks.length} outlets`;
  // Every x is a percentage of the width and every y a pixel: the chart fills any width at a
  // fixed height without stretching its dots (a viewBox would scale them with the width).
  return (
    <figure className="timeline">
      <svg className="timeline__chart" role="img" aria-label={`${who} published ${dateSpan(start, end)}`} width="100%" height={HEIGHT}>
        <line className="timeline__axis" x1={`${EDGE}%`} x2={`${100 - EDGE}%`} y1={AXIS} y2={AXIS} />
        <line className="timeline__axis" x1={`${EDGE}%`} x2={`${EDGE}%`} y1={AXIS - 4} y2={AXIS + 4} />
        <line className="timeline__axis" x1={`${100 - EDGE}%`} x2={`${100 - EDGE}%`} y1={AXIS - 4} y2={AXIS + 4} />
        <line className="timeline__article" x1={`${articleX}%`} x2={`${articleX}%`} y1={2} y2={AXIS + 6} />
        {marks.map(({ outlet, x, row }) => (
          <circle key={outlet.key} className="timeline__mark" cx={`${x}%`} cy={AXIS - 10 - row * 13} r={5}>
            {/* For a pointer's hover; the list below names every outlet for everyone. */}
            <title>{outlet.name}</title>
          </circle>
        ))}
      </svg>
      <figcaption className="timeline__caption">
        <span className="timeline__ends" aria-hidden="true">
          <span>{endLabel(start)}</span>
          <span>{endLabel(end)}</span>
        </span>
        <span className="timeline__legend">Each dot is an outlet’s latest piece, as listed below; the line is this article.</span>
      </figcaption>
    </figure>
  );
}
