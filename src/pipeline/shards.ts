import { createHash } from "node:crypto";
import { dataPaths, SHARD_NAME_LENGTH, type ShardKind } from "../contract/data-layout.ts";
import type { ShardName } from "../contract/types.ts";

/**
 * One file of the built site: its path relative to the site root, and how to make it.
 * Published files (feeds, sitemaps, pages) render when written; data files are named by
 * their bytes, so they are rendered as they are made.
 */
export interface DataFile {
  path: string;
  render(): string;
}

/** A file's name: the first hex digits of the SHA-256 of its bytes. */
export const shardNameOf = (text: string): ShardName => createHash("sha256").update(text).digest("hex").slice(0, SHARD_NAME_LENGTH);

/**
 * Yields `data` as a data file of `kind`, named by its bytes, and returns the name: a file
 * that names others is made after them, from their names.
 */
export function* shard(kind: ShardKind, data: unknown): Generator<DataFile, ShardName> {
  return yield* shardText(kind, JSON.stringify(data));
}

/** The same, for a file already rendered. */
export function* shardText(kind: ShardKind, text: string): Generator<DataFile, ShardName> {
  const name = shardNameOf(text);
  yield { path: dataPaths.shard(kind, name), render: () => text };
  return name;
}
