import { ID_HASH_LENGTH } from "../contract/buckets.ts";

/** Runs `task` over `items` with at most `limit` at once, keeping the order of results. */
export async function mapLimit<T, R>(items: readonly T[], limit: number, task: (item: T) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await task(items[index]);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

/** Appends in place: building lists by spreading would cost O(n²) at 100k articles. */
export function pushTo<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/**
 * Whether a run of `average` items on average ends after the article with this id: when the
 * hash at the end of its id is a multiple of `average`. Ids' hashes are evenly spread, so
 * runs average `average` items; and whether one ends depends on that article alone.
 */
export const endsRunAt = (id: string, average: number): boolean => parseInt(id.slice(-ID_HASH_LENGTH), 16) % average === 0;

/**
 * `items` (in order) cut into runs where the content says: a run ends after an item for
 * which `ends` holds, or after `max` items. Where the runs end depends on the items alone,
 * not on their positions, so an item added, changed or removed anywhere changes only the
 * run it is in (and, past `max`, the runs that follow until the next natural end).
 */
export function cutByContent<T>(items: readonly T[], ends: (item: T) => boolean, max: number): T[][] {
  const runs: T[][] = [];
  let run: T[] = [];
  for (const item of items) {
    run.push(item);
    if (ends(item) || run.length === max) {
      runs.push(run);
      run = [];
    }
  }
  if (run.length > 0) runs.push(run);
  return runs;
}
