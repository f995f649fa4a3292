import type { ReactNode } from "react";
import { matchesQueryWord, wordSpans, type QueryWord } from "../../contract/search.ts";

/** `text` with each word the query matched in <mark>: made of text nodes, never of HTML. */
export function Highlight({ text, words }: { text: string; words: readonly QueryWord[] }) {
  const parts: ReactNode[] = [];
  let from = 0;
  for (const span of wordSpans(text)) {
    if (!words.some((word) => matchesQueryWord(span.word, word))) continue;
    parts.push(text.slice(from, span.start), <mark key={span.start}>{text.slice(span.start, span.end)}</mark>);
    from = span.end;
  }
  parts.push(text.slice(from));
  return <>{parts}</>;
}
