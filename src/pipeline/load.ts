import { closeSync, fstatSync, openSync, readFileSync } from "node:fs";
import { open, readdir } from "node:fs/promises";
import { join, relative, sep } from "node:path";
import { fileKey } from "./parse-cache.ts";
import { CONTENT_LIMITS } from "./limits.ts";
import { oversizedFile, parseArticleFile, type FileResult } from "./parse-file.ts";

/** Whether a path (relative to the content folder, `/`-separated) names an article file. */
export function isArticleFile(path: string): boolean {
  const parts = path.split("/");
  const name = parts[parts.length - 1];
  if (parts.some((part) => part.startsWith(".") || part.startsWith("_"))) return false;
  if (name.toLowerCase() === "readme.md") return false;
  return name.endsWith(".txt") || name.endsWith(".md");
}

/** Every article file below `dir`, relative and `/`-separated, sorted. */
export async function discoverArticleFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries
    .filter((entry) => entry.isFile())
    .map((entry) => relative(dir, join(entry.parentPath, entry.name)).split(sep).join("/"))
    .filter(isArticleFile)
    .sort();
}

/** A file as read: its cache key, and its result unless the cache already holds one. */
export interface LoadedFile {
  /** `fileKey` of its path and text; none when the file cannot be read. */
  key?: string;
  /** Missing only when `known` held the key. */
  result?: FileResult;
}

const NOTHING_KNOWN: ReadonlySet<string> = new Set();

const unreadable = (file: string, error: unknown): LoadedFile => ({
  result: {
    ok: false,
    problems: [{ file, message: `cannot be read (${(error as NodeJS.ErrnoException).code ?? String(error)})` }],
    warnings: [],
  },
});

function parseUnlessKnown(file: string, bytes: Uint8Array | undefined, known: ReadonlySet<string>): LoadedFile {
  // A file over the limit is never read into memory, and never cached: its size alone decides.
  if (!bytes) return { result: oversizedFile(file) };
  const key = fileKey(file, bytes);
  return known.has(key) ? { key } : { key, result: parseArticleFile(file, bytes) };
}

/** One file, read and parsed unless its key is `known`; a file that cannot be read is a problem like any other. */
export async function loadArticleFile(dir: string, file: string, known = NOTHING_KNOWN): Promise<LoadedFile> {
  let bytes: Uint8Array | undefined;
  try {
    const handle = await open(join(dir, file));
    try {
      if ((await handle.stat()).size <= CONTENT_LIMITS.fileBytes) bytes = await handle.readFile();
    } finally {
      await handle.close();
    }
  } catch (error) {
    return unreadable(file, error);
  }
  return parseUnlessKnown(file, bytes, known);
}

/** The same, blocking: for worker threads, which have nothing else to do meanwhile. */
export function loadArticleFileSync(dir: string, file: string, known = NOTHING_KNOWN): LoadedFile {
  let bytes: Uint8Array | undefined;
  try {
    const fd = openSync(join(dir, file), "r");
    try {
      if (fstatSync(fd).size <= CONTENT_LIMITS.fileBytes) bytes = readFileSync(fd);
    } finally {
      closeSync(fd);
    }
  } catch (error) {
    return unreadable(file, error);
  }
  return parseUnlessKnown(file, bytes, known);
}
