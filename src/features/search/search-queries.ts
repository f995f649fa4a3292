import { queryOptions, type QueryClient } from "@tanstack/react-query";
import { dataPaths } from "../../contract/data-layout.ts";
import { queryWords, type QueryWord, type SearchChunk, type SearchManifest, type SearchOrder, type SearchSummaries, type SearchWordFile } from "../../contract/search.ts";
import type { ShardName } from "../../contract/types.ts";
import { fetchData } from "../../lib/api.ts";

/** The engine's code comes when the reader first reaches for the search box, never with the first page. */
export const loadSearchEngine = () => import("./search-engine.ts");

export { queryWords, type QueryWord };

export const RESULTS_PER_PAGE = 10;

/**
 * One search file. Its name is its content, so it never needs asking for again: the key is
 * the name (as every data file's is, so a summary block is found among the other lists).
 */
export const searchFileQuery = <T>(name: ShardName) =>
  queryOptions({
    queryKey: ["data", "search", name] as const,
    queryFn: ({ signal }) => fetchData<T>(dataPaths.shard("search", name), signal),
    staleTime: Infinity,
  });

const manifestQuery = (manifest: ShardName) => searchFileQuery<SearchManifest>(manifest);

/** Starts loading what every search needs, so the first one answers sooner: the engine and the manifest. */
export function prepareSearch(queryClient: QueryClient, manifest: ShardName): void {
  void loadSearchEngine();
  void queryClient.prefetchQuery(manifestQuery(manifest));
}

export interface SearchMatches {
  manifest: SearchManifest;
  /** Every matching story's number, best first. */
  matches: number[];
  /** How each word of the query matched, for highlights. */
  words: QueryWord[];
}

/** Every story that matches `words`, best first, as story numbers; and how each word matched, for highlights. */
export const searchMatchesQuery = (manifestName: ShardName, words: readonly string[]) =>
  queryOptions({
    queryKey: ["search", manifestName, words] as const,
    queryFn: async ({ client }): Promise<SearchMatches> => {
      const [engine, manifest] = await Promise.all([loadSearchEngine(), client.fetchQuery(manifestQuery(manifestName))]);
      const plan = engine.planSearch(manifest, words);
      const files = await Promise.all(plan.files.map(({ name }) => client.fetchQuery(searchFileQuery<SearchWordFile>(name))));
      const matches = engine.rankMatches(manifest, plan, new Map(plan.files.map(({ name }, i) => [name, files[i]])));
      return { manifest, matches, words: plan.words.map(({ word, prefix }) => ({ word, prefix })) };
    },
    staleTime: Infinity,
  });

/** The chunk (sort keys and summary block names) of chunk `index`. */
export const searchChunkQuery = (manifest: SearchManifest, index: number) => searchFileQuery<SearchChunk>(manifest.chunks.names[index]);

/** A block of summaries. */
export const searchSummariesQuery = (name: ShardName) => searchFileQuery<SearchSummaries>(name);

/**
 * The first `want` matches in `order` (all of them once `want` passes their number): Best
 * match is the matches' own order; the feed's orders read the sort keys of the chunks that
 * can hold the first results, a few at a time, until the first `want` are certain.
 */
export const searchOrderQuery = (manifestName: ShardName, words: readonly string[], order: SearchOrder, want: number) =>
  queryOptions({
    queryKey: ["search-order", manifestName, words, order, want] as const,
    queryFn: async ({ client }): Promise<number[]> => {
      const [engine, { manifest, matches }] = await Promise.all([loadSearchEngine(), client.fetchQuery(searchMatchesQuery(manifestName, words))]);
      const chunks = new Map<number, SearchChunk>();
      for (;;) {
        const { numbers, need } = engine.orderMatches(manifest, matches, order, chunks, want);
        if (need.length === 0) return numbers;
        const read = await Promise.all(need.map((index) => client.fetchQuery(searchChunkQuery(manifest, index))));
        need.forEach((index, i) => chunks.set(index, read[i]));
      }
    },
    staleTime: Infinity,
  });

/**
 * Runs a search ahead of its view: the matches, their first page in the Best match order,
 * and the summaries of those stories, so they are fetched while the view mounts rather than
 * after it has rendered.
 */
export async function prefetchSearch(queryClient: QueryClient, manifestName: ShardName, query: string, order: SearchOrder = "best"): Promise<void> {
  const words = queryWords(query);
  if (words.length === 0) return;
  const [engine, numbers, { manifest }] = await Promise.all([
    loadSearchEngine(),
    queryClient.fetchQuery(searchOrderQuery(manifestName, words, order, RESULTS_PER_PAGE)),
    queryClient.fetchQuery(searchMatchesQuery(manifestName, words)),
  ]);
  const chunks = [...new Set(numbers.map(engine.chunkOf))];
  const read = new Map(await Promise.all(chunks.map(async (index) => [index, await queryClient.fetchQuery(searchChunkQuery(manifest, index))] as const)));
  const blocks = new Set(numbers.map((number) => read.get(engine.chunkOf(number))?.summaries[engine.summarySlot(number).block]));
  await Promise.all([...blocks].flatMap((name) => (name ? [queryClient.prefetchQuery(searchSummariesQuery(name))] : [])));
}
