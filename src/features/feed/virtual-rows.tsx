/**
 * A story list past its head: only the rows near the viewport are in the DOM, each measured
 * once drawn, so a reader can scroll through thousands of stories. Its code (the
 * virtualizer's, about 10 kB gzip) loads only when a list has rows past its head
 * (story-list.tsx), never for a first screen.
 */
import { defaultRangeExtractor, useWindowVirtualizer, type Range, type VirtualItem } from "@tanstack/react-virtual";
import { useCallback, useEffect, useRef, useState, type FocusEvent, type ReactNode } from "react";
import type { Summary } from "../../contract/types.ts";
import { useLayoutChange } from "../../lib/use-layout-change.ts";
import type { ListStyle } from "./list-style.ts";
import { DayHeading, estimatedHeight, type Row } from "./story-rows.tsx";

/** Where each list's rows were measured, so coming back lands on the same story. */
const measured = new Map<string, VirtualItem[]>();

export interface VirtualRowsProps {
  rows: readonly Row[];
  /** The list's name: whose measurements these are. */
  label: string;
  style: ListStyle;
  columns: number;
  card: (story: Summary, position: number) => ReactNode;
}

export function VirtualRows({ rows, label, style, columns, card }: VirtualRowsProps) {
  const restRef = useRef<HTMLDivElement>(null);
  const [scrollMargin, setScrollMargin] = useState(0);
  // The rows' place follows the page's layout: the width, the view, the text size, whatever
  // above the list grows. Also on every scroll the virtualizer sees: a margin left stale by a
  // change no observer caught would leave the rows in view undrawn, and one read of a laid-out box is cheap.
  const followMargin = useCallback(() => {
    const rest = restRef.current;
    if (rest) setScrollMargin(rest.getBoundingClientRect().top + window.scrollY);
  }, []);
  useLayoutChange(followMargin, style);

  // The row holding focus stays in the DOM when scrolled away, so keyboard focus is never lost.
  const focusedRow = useRef<number | null>(null);
  const rangeExtractor = useCallback((range: Range) => {
    const shown = defaultRangeExtractor(range);
    const focused = focusedRow.current;
    return focused === null || focused >= range.count || shown.includes(focused) ? shown : [...shown, focused].sort((a, b) => a - b);
  }, []);
  const onRowBlur = (event: FocusEvent<HTMLElement>) => {
    if (!event.currentTarget.contains(event.relatedTarget)) focusedRow.current = null;
  };

  const virtualizer = useWindowVirtualizer({
    count: rows.length,
    estimateSize: (index) => estimatedHeight(rows[index], style),
    getItemKey: (index) => rows[index].key,
    overscan: 3,
    scrollMargin,
    rangeExtractor,
    initialMeasurementsCache: measured.get(label),
    onChange: followMargin,
    // React batches the list's updates with everything else; a synchronous render per scroll
    // event made long tasks of the first screen.
    useFlushSync: false,
  });
  useEffect(() => () => void measured.set(label, virtualizer.measurementsCache), [label, virtualizer]);
  useEffect(() => virtualizer.measure(), [virtualizer, style, columns]);

  return (
    <div ref={restRef} className="story-list__rest" style={{ height: virtualizer.getTotalSize() }}>
      {virtualizer.getVirtualItems().map((item) => {
        const row = rows[item.index];
        return (
          <div
            key={item.key}
            data-index={item.index}
            ref={virtualizer.measureElement}
            className={row.kind === "day" ? "story-list__row" : "story-list__row story-grid"}
            style={{ transform: `translateY(${item.start - scrollMargin}px)` }}
            onFocus={() => (focusedRow.current = item.index)}
            onBlur={onRowBlur}
          >
            {row.kind === "day" ? <DayHeading label={row.label} /> : row.stories.map((story, offset) => card(story, row.first + offset))}
          </div>
        );
      })}
    </div>
  );
}
