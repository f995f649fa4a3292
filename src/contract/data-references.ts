/**
 * Which data files each data file names. The index names the first files of everything;
 * each of those names the next (a list head its page table and other orders, a page table
 * its pages, a bucket table its buckets, a catalog its lists, the search manifest its
 * word files). So the files one index uses are the ones reachable from it: what a device
 * keeps when a new index comes, and what it may delete.
 *
 * Read from files a device holds, which may be damaged, of another format or not data at
 * all: nothing here throws, and a file it cannot read names what can still be read of it.
 */
import { isShardName, SHARD_PATH_SOURCE, type ShardKind } from "./data-layout.ts";
import type { ShardName } from "./types.ts";

/** Every kind of data file: the index, or a shard in its kind's folder. */
export type DataKind = ShardKind | "index";

/** One data file named by another. */
export interface DataReference {
  kind: ShardKind;
  name: ShardName;
}

type Loose = Record<string, unknown>;

const isObject = (value: unknown): value is Loose => typeof value === "object" && value !== null && !Array.isArray(value);
const field = (value: unknown, key: string): unknown => (isObject(value) ? value[key] : undefined);
const each = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);

/** Kinds whose files name no other file: a walk need not read them. */
const LEAVES: ReadonlySet<DataKind> = new Set<DataKind>(["pages", "articles"]);

/** Whether files of `kind` may name other files (so a walk over references must read them). */
export const namesOtherFiles = (kind: DataKind): boolean => !LEAVES.has(kind);

/**
 * Every shard-like string anywhere inside `value`, as files of `kind`: for the search
 * files, whose shape is redesigned on its own (src/contract/search.ts), and which name only
 * other search files. A string that only looks like a name costs nothing: a walk keeps a
 * file only when it is there.
 */
function shardStringsIn(value: unknown, kind: ShardKind, into: DataReference[], depth = 0): void {
  // Deeper than any data file nests: a hostile file cannot exhaust the stack.
  if (depth > 32) return;
  if (isShardName(value)) into.push({ kind, name: value });
  else if (Array.isArray(value)) for (const item of value) shardStringsIn(item, kind, into, depth + 1);
  else if (isObject(value)) for (const key in value) shardStringsIn(value[key], kind, into, depth + 1);
}

/**
 * The data files `data`, a file of `kind`, names: each once, in the order the file names
 * them. Only values where the file's type holds a name count, and only when they are names.
 * Never throws; a damaged file names what its readable parts name.
 */
export function referencesOf(kind: DataKind, data: unknown): DataReference[] {
  const found: DataReference[] = [];
  const add = (to: ShardKind, name: unknown) => {
    if (isShardName(name)) found.push({ kind: to, name });
  };
  try {
    switch (kind) {
      case "index": {
        // SiteIndex
        add("lists", field(data, "feed"));
        for (const topic of each(field(data, "topTopics"))) add("lists", field(topic, "list"));
        add("catalogs", field(data, "topics"));
        add("catalogs", field(data, "providers"));
        for (const table of each(field(field(data, "articles"), "tables"))) add("tables", table);
        add("search", field(data, "search"));
        break;
      }
      case "lists": {
        // ListHead
        add("tables", field(data, "pages"));
        const orders = field(data, "orders");
        add("lists", field(orders, "hot"));
        add("lists", field(orders, "top"));
        break;
      }
      case "tables": {
        // PageTable or BucketTable: the folder holds both, told apart by their fields.
        for (const page of each(field(data, "pages"))) add("pages", page);
        // `groups`: a bucket table's field, a wire name.
        for (const bucket of each(field(data, "groups"))) add("articles", bucket);
        break;
      }
      case "catalogs": {
        // TopicCatalog or OutletCatalog
        for (const topic of each(field(data, "topics"))) add("lists", field(topic, "list"));
        for (const outlet of each(field(data, "providers"))) add("lists", field(outlet, "list"));
        break;
      }
      case "search":
        shardStringsIn(data, "search", found);
        break;
      case "pages":
      case "articles":
        break;
    }
  } catch {
    // A getter or proxy in place of data: what was found before it stands.
  }
  const seen = new Set<string>();
  return found.filter(({ kind: to, name }) => {
    const key = `${to}/${name}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

const SHARD_PATH = new RegExp(`/${SHARD_PATH_SOURCE}$`);

/** The shard a URL's path names (`…/data/<kind>/<name>.json`), or undefined for any other path. */
export function shardAt(pathname: string): DataReference | undefined {
  const match = SHARD_PATH.exec(pathname);
  return match ? { kind: match[1] as ShardKind, name: match[2] } : undefined;
}
