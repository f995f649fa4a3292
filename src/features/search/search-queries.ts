import { queryOptions, type QueryClient } from "@tanstack/react-query";
import { dataPaths, FEED_PAGE_SIZE } from "../../contract/paths.ts";
import type { SortOrder } from "../../contract/order.ts";
import { searchWords, type SearchManifest, type SearchRanks, type SearchWordFile } from "../../contract/search.ts";
import { fetchData } from "../../lib/api.ts";
import { feedPageQuery } from "../../lib/queries.ts";

/** The engine's code comes when the reader first reaches for the search box, never with the first page. */
export const loadSearchEngine = () => import("./search-engine.ts");

/** A query's words, each once; past eight, more words only narrow what is already narrow. */
export const queryWords = (query: string): string[] => [...new Set(searchWords(query))].slice(0, 8);

/** A word of the query, and whether longer words that begin with it match too. */
export interface QueryWord {
  word: string;
  prefix: boolean;
}

/** Whether an indexed (normalised) word matches a word of the query: what the ranking counts and a highlight marks. */
export const matchesQueryWord = (indexed: string, { word, prefix }: QueryWord): boolean =>
  indexed === word || (prefix && indexed.startsWith(word));

export const RESULTS_PER_PAGE = 10;

const searchManifestQuery = (buildId: string) =>
  queryOptions({
    queryKey: ["search-manifest", buildId],
    queryFn: ({ signal }) => fetchData<SearchManifest>(dataPaths.searchManifest(buildId), signal),
    staleTime: Infinity,
  });

const searchWordFileQuery = (buildId: string, file: number) =>
  queryOptions({
    queryKey: ["search-words", buildId, file],
    queryFn: ({ signal }) => fetchData<SearchWordFile>(dataPaths.searchWords(buildId, file), signal),
    staleTime: Infinity,
  });

/** Starts loading what every search needs, so the first one answers sooner: the engine and the list of word files. */
export function prepareSearch(queryClient: QueryClient, buildId: string): void {
  void loadSearchEngine();
  void queryClient.prefetchQuery(searchManifestQuery(buildId));
}

/** Every story that matches `words`, best first, as numbers in the Latest feed; and how each word matched, for highlights. */
export const searchMatchesQuery = (buildId: string, words: readonly string[]) =>
  queryOptions({
    queryKey: ["search", buildId, words],
    queryFn: async ({ client }) => {
      const [engine, manifest] = await Promise.all([loadSearchEngine(), client.fetchQuery(searchManifestQuery(buildId))]);
      const plan = engine.planSearch(manifest, words);
      const files = await Promise.all(plan.files.map((file) => client.fetchQuery(searchWordFileQuery(buildId, file))));
      const matches = engine.rankMatches(manifest, plan, new Map(plan.files.map((file, i) => [file, files[i]])));
      const matched: QueryWord[] = plan.words.map(({ word, prefix }) => ({ word, prefix }));
      return { matches, words: matched };
    },
    staleTime: Infinity,
  });

/** Each story's place in the Hot or Top order, by story number: fetched only when a search is sorted so. */
export const searchRanksQuery = (buildId: string, sort: "hot" | "top") =>
  queryOptions({
    queryKey: ["search-ranks", buildId, sort],
    queryFn: ({ signal }) => fetchData<SearchRanks>(dataPaths.searchRanks(buildId, sort), signal),
    staleTime: Infinity,
  });

/** How results are ordered: by how well they match (the default), or as the feed orders stories. */
export type SearchOrder = "best" | SortOrder;

/** `matches` (best first) in `order`; Hot and Top need their ranks. Story numbers are the Latest order. */
export function orderMatches(matches: readonly number[], order: SearchOrder, ranks: SearchRanks | undefined): number[] {
  if (order === "latest") return [...matches].sort((a, b) => a - b);
  if (order === "hot" || order === "top") return ranks ? [...matches].sort((a, b) => ranks.ranks[a] - ranks.ranks[b]) : [];
  return [...matches];
}

/** The Latest feed page that holds story number `number`. */
export const feedPageOf = (number: number): number => Math.floor(number / FEED_PAGE_SIZE) + 1;

/**
 * Runs a search ahead of its view: the matches, then the pages of the first stories, so
 * they are fetched while the view mounts rather than after it has rendered.
 */
export async function prefetchSearch(queryClient: QueryClient, buildId: string, query: string): Promise<void> {
  const words = queryWords(query);
  if (words.length === 0) return;
  const { matches } = await queryClient.fetchQuery(searchMatchesQuery(buildId, words));
  const pages = new Set(matches.slice(0, RESULTS_PER_PAGE).map(feedPageOf));
  await Promise.all([...pages].map((page) => queryClient.prefetchQuery(feedPageQuery(buildId, null, "latest", page))));
}
