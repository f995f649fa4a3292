/**
 * How articles are spread over the buckets, the 2^bits article files, and how the index's
 * bucket tables name the buckets. The pipeline writes by these rules and the app reads by them.
 */

/** Length of the hex hash at the end of every article id. */
export const ID_HASH_LENGTH = 8;

/** The hash at the end of an id, or undefined when the id has none. */
function idHash(id: string): string | undefined {
  const hash = id.slice(-ID_HASH_LENGTH);
  return /^[0-9a-f]+$/.test(hash) && hash.length === ID_HASH_LENGTH ? hash : undefined;
}

/** Which bucket holds `id`, or undefined for an id no build could have made. */
export function articleBucketOf(id: string, bits: number): number | undefined {
  const hash = idHash(id);
  if (hash === undefined) return undefined;
  return bits === 0 ? 0 : parseInt(hash, 16) >>> (32 - bits);
}

/** How many bucket tables name the 2^bits buckets: about the square root, so each table and the index stay small. */
export const bucketTableBitsFor = (bits: number): number => bits >> 1;

/** Where bucket `bucket` is named: which of the index's bucket tables, and where in it. */
export function bucketTableSlot(bucket: number, bits: number): { table: number; slot: number } {
  const perTable = bits - bucketTableBitsFor(bits);
  return { table: bucket >>> perTable, slot: bucket & (2 ** perTable - 1) };
}

/** Enough buckets that each holds about `perBucket` articles. */
export function articleBucketBitsFor(articleCount: number, perBucket = 32): number {
  return Math.max(0, Math.ceil(Math.log2(Math.max(1, articleCount / perBucket))));
}
