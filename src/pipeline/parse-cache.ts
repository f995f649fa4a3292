import { createHash } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import { mkdir, readdir, readFile, rename, rm, unlink, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { pushTo } from "./collections.ts";
import { shareStrings, type FileResult } from "./parse-file.ts";

/**
 * Parsed files kept between builds, each under the hash of its path and text: a rebuild
 * parses only the files whose text changed. The cache lives in one folder per content
 * folder, cut into shards by the hash's first two hex digits so an edit rewrites two
 * small files, not the whole cache. It is wiped whenever the pipeline's code or its
 * parsers change, so a result is never older than the rules that made it.
 */
export interface ParseCache {
  /** Keys of every result the cache holds: files with these keys need no parsing. */
  readonly known: ReadonlySet<string>;
  get(key: string): FileResult | undefined;
  set(key: string, result: FileResult): void;
  /** Writes the shards that changed, keeping only the entries in `used`. */
  save(used: ReadonlySet<string>): Promise<void>;
}

/** The key a file's result is cached under: its path and its content (text, or the bytes that hold it as UTF-8) decide its result. */
export function fileKey(file: string, content: string | Uint8Array): string {
  return createHash("sha1").update(file).update("\0").update(content).digest("hex");
}

const shardOf = (key: string) => key.slice(0, 2);

/** What a result depends on besides the file: the pipeline's code and the parsers' versions. */
function codeVersion(): string {
  const hash = createHash("sha1");
  const require = createRequire(import.meta.url);
  for (const name of ["gray-matter", "js-yaml", "zod"]) {
    hash.update(`${name}@${(require(`${name}/package.json`) as { version: string }).version}\n`);
  }
  for (const folder of ["../pipeline", "../contract"]) {
    const root = fileURLToPath(new URL(folder, import.meta.url));
    const files = readdirSync(root, { recursive: true, withFileTypes: true }).filter((entry) => entry.isFile());
    const paths = files.map((entry) => join(entry.parentPath, entry.name)).sort();
    for (const path of paths) hash.update(relative(root, path)).update(readFileSync(path));
  }
  return hash.digest("hex").slice(0, 16);
}

/** Opens the cache for `contentDir` under `root`; shards that cannot be read are left out, never fatal. */
export async function openParseCache(root: string, contentDir: string): Promise<ParseCache> {
  const folder = join(root, createHash("sha1").update(contentDir).digest("hex").slice(0, 12));
  const version = codeVersion();
  const versionFile = join(folder, "version");
  const current = await readFile(versionFile, "utf8").catch(() => "");
  if (current !== version) {
    await rm(folder, { recursive: true, force: true });
    await mkdir(folder, { recursive: true });
    await writeFile(versionFile, version);
  }

  const entries = new Map<string, FileResult>();
  const stored = new Map<string, Set<string>>();
  const share = shareStrings();
  for (const name of await readdir(folder)) {
    if (!name.endsWith(".json")) continue;
    try {
      const shard = JSON.parse(await readFile(join(folder, name), "utf8")) as Record<string, FileResult>;
      const keys = new Set<string>();
      for (const [key, result] of Object.entries(shard)) {
        share(result);
        entries.set(key, result);
        keys.add(key);
      }
      stored.set(name.slice(0, -".json".length), keys);
    } catch {
      // A shard torn by an interrupted write is parsed again, and rewritten.
    }
  }
  const dirty = new Set<string>();
  const known = new Set(entries.keys());

  return {
    known,
    get: (key) => entries.get(key),
    set(key, result) {
      entries.set(key, result);
      known.add(key);
      dirty.add(shardOf(key));
    },
    async save(used) {
      const shards = new Map<string, string[]>();
      for (const key of used) if (entries.has(key)) pushTo(shards, shardOf(key), key);
      for (const [shard, keys] of stored) {
        const kept = shards.get(shard) ?? [];
        if (kept.length !== keys.size) dirty.add(shard);
      }
      for (const shard of dirty) {
        const keys = (shards.get(shard) ?? []).sort();
        const path = join(folder, `${shard}.json`);
        if (keys.length === 0) {
          await unlink(path).catch(() => {});
          continue;
        }
        // Written aside and renamed: a reader never sees half a shard.
        const partial = `${path}.${process.pid}.tmp`;
        await writeFile(partial, JSON.stringify(Object.fromEntries(keys.map((key) => [key, entries.get(key)]))));
        await rename(partial, path);
      }
      dirty.clear();
      stored.clear();
      for (const [shard, keys] of shards) stored.set(shard, new Set(keys));
    },
  };
}
