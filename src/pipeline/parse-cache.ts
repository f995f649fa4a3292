import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { mkdir, readdir, readFile, rename, rm, unlink, writeFile } from "node:fs/promises";
import { isBuiltin } from "node:module";
import { dirname, join, relative, sep } from "node:path";
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

/** The module that makes a file's result: what it imports, on and on, is what the result depends on. */
const PARSE_ENTRY = fileURLToPath(new URL("./parse-file.ts", import.meta.url));

/** Import specifiers in a module's source, but type-only imports (erased: they run no code). */
const IMPORTED = /\b(?:import|export)\s+(?!type\b)(?:[^'"`;]*?\bfrom\s*)?["']([^"']+)["']|\bimport\s*\(\s*["']([^"']+)["']\s*\)/g;

/** A package's name from a bare specifier (`zod/mini` → `zod`, `@scope/name/x` → `@scope/name`). */
const packageName = (specifier: string) => specifier.split("/").slice(0, specifier.startsWith("@") ? 2 : 1).join("/");

/** The folder of `name` as Node would find it from `from`: the nearest node_modules above that holds it. */
function packageFolder(name: string, from: string): string | undefined {
  for (let dir = from; ; dir = dirname(dir)) {
    const candidate = join(dir, "node_modules", name);
    if (existsSync(join(candidate, "package.json"))) return candidate;
    if (dirname(dir) === dir) return undefined;
  }
}

interface PackageJson {
  name?: string;
  version?: string;
  dependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
}

/**
 * Every installed package the parse runs, as `name@version` at its folder, sorted: the packages
 * `entry` and the modules it imports (followed through relative imports) import, then each of
 * their dependencies, resolved as Node resolves them. Read from what is installed, not listed by
 * hand, so a new parser dependency or an upgrade deep in the tree is seen.
 */
export function parseDependencies(entry: string = PARSE_ENTRY): string[] {
  const modules = new Set<string>();
  const packages = new Map<string, string>();
  const visitPackage = (name: string, from: string) => {
    const folder = packageFolder(name, from);
    if (folder === undefined || packages.has(folder)) return;
    const manifest = JSON.parse(readFileSync(join(folder, "package.json"), "utf8")) as PackageJson;
    packages.set(folder, `${manifest.name ?? name}@${manifest.version ?? "?"}`);
    const { dependencies = {}, optionalDependencies = {}, peerDependencies = {} } = manifest;
    for (const dependency of new Set([...Object.keys(dependencies), ...Object.keys(optionalDependencies), ...Object.keys(peerDependencies)])) {
      visitPackage(dependency, folder);
    }
  };
  const visitModule = (path: string) => {
    // A path that names no file came from text that only looks like an import (a comment, a string).
    if (modules.has(path) || !existsSync(path)) return;
    modules.add(path);
    for (const match of readFileSync(path, "utf8").matchAll(IMPORTED)) {
      const specifier = match[1] ?? match[2];
      if (specifier.startsWith(".")) visitModule(join(dirname(path), specifier));
      else if (!specifier.startsWith("node:") && !isBuiltin(specifier)) visitPackage(packageName(specifier), dirname(path));
    }
  };
  visitModule(entry);
  return [...packages].map(([folder, id]) => `${id} ${relative(dirname(entry), folder).split(sep).join("/")}`).sort();
}

/**
 * What a result depends on besides the file: the pipeline's code and every installed package
 * the parse runs (see `parseDependencies`; `entry` is for tests).
 */
export function codeVersion(entry: string = PARSE_ENTRY): string {
  const hash = createHash("sha1");
  for (const dependency of parseDependencies(entry)) hash.update(`${dependency}\n`);
  for (const folder of ["../pipeline", "../contract"]) {
    const root = fileURLToPath(new URL(folder, import.meta.url));
    const files = readdirSync(root, { recursive: true, withFileTypes: true }).filter((entry) => entry.isFile());
    const paths = files.map((entry) => join(entry.parentPath, entry.name)).sort();
    for (const path of paths) hash.update(relative(root, path)).update(readFileSync(path));
  }
  return hash.digest("hex").slice(0, 16);
}

/** Opens the cache for `contentDir` under `root`; shards that cannot be read are left out, never fatal. */
export async function openParseCache(root: string, contentDir: string, version: string = codeVersion()): Promise<ParseCache> {
  const folder = join(root, createHash("sha1").update(contentDir).digest("hex").slice(0, 12));
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
