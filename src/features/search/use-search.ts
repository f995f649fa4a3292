import { useQueries, useQuery } from "@tanstack/react-query";
import { useMemo, useState } from "react";
import type { SearchChunk, SearchOrder } from "../../contract/search.ts";
import type { ShardName, Summary } from "../../contract/types.ts";
import { chunkOf, summarySlot } from "./search-engine.ts";
import {
  queryWords,
  RESULTS_PER_PAGE,
  searchChunkQuery,
  searchMatchesQuery,
  searchOrderQuery,
  searchSummariesQuery,
} from "./search-queries.ts";

/** The values in order up to the first missing one: what has arrived, without gaps. */
function upToFirstMissing<T>(values: readonly (T | undefined)[]): T[] {
  const found: T[] = [];
  for (const value of values) {
    if (value === undefined) break;
    found.push(value);
  }
  return found;
}

/**
 * The matches for `query` (all of them, counted and ranked) and the stories of the first
 * `shown` in `order`, read from the search's summary blocks. Stories come in order as their
 * blocks arrive, up to the first one still on its way: nothing shown ever moves.
 */
export function useSearch(manifestName: ShardName | undefined, query: string, order: SearchOrder = "best") {
  const words = useMemo(() => queryWords(query), [query]);
  const [shown, setShown] = useState(RESULTS_PER_PAGE);
  const name = manifestName ?? "";
  const enabled = words.length > 0 && manifestName !== undefined;
  const matches = useQuery({ ...searchMatchesQuery(name, words), enabled });
  const ordered = useQuery({
    ...searchOrderQuery(name, words, order, shown),
    enabled: enabled && matches.isSuccess,
    // While more are read, the ones shown stay: the first of a longer run are the same stories.
    placeholderData: (previous, previousQuery) => (previousQuery?.queryKey[3] === order && previousQuery.queryKey[1] === name ? previous : undefined),
  });
  const manifest = matches.data?.manifest;
  const numbers = (ordered.data ?? []).slice(0, shown);
  const chunkIndexes = [...new Set(numbers.map(chunkOf))];
  const chunks = useQueries({ queries: manifest ? chunkIndexes.map((index) => searchChunkQuery(manifest, index)) : [] });
  const chunkData = new Map<number, SearchChunk | undefined>(chunkIndexes.map((index, i) => [index, chunks[i]?.data]));
  const blockOf = (number: number) => chunkData.get(chunkOf(number))?.summaries[summarySlot(number).block];
  const blockNames = [...new Set(upToFirstMissing(numbers.map(blockOf)))];
  const blocks = useQueries({ queries: blockNames.map((block) => searchSummariesQuery(block)) });
  const blockData = new Map(blockNames.map((block, i) => [block, blocks[i].data]));
  const stories: Summary[] = upToFirstMissing(
    numbers.map((number) => {
      const block = blockOf(number);
      return block === undefined ? undefined : blockData.get(block)?.items[summarySlot(number).item];
    }),
  );
  const total = matches.data?.matches.length ?? 0;
  return {
    words,
    matches,
    stories,
    /** A file of the results (their order's keys, their summaries) that could not be fetched, to try again. */
    failedPage: (ordered.isError ? ordered : undefined) ?? chunks.find((chunk) => chunk.isError) ?? blocks.find((block) => block.isError),
    loadingMore: stories.length < Math.min(shown, total),
    hasMore: total > shown,
    showMore: () => setShown((count) => count + RESULTS_PER_PAGE),
  };
}
