import { readFileSync } from "node:fs";
import { readdir, readFile } from "node:fs/promises";
import { join, relative, sep } from "node:path";
import { fileKey } from "./parse-cache.ts";
import { parseArticleFile, type FileResult } from "./parse-file.ts";

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

function parseUnlessKnown(file: string, text: string, known: ReadonlySet<string>): LoadedFile {
  const key = fileKey(file, text);
  return known.has(key) ? { key } : { key, result: parseArticleFile(file, text) };
}

/** One file, read and parsed unless its key is `known`; a file that cannot be read is a problem like any other. */
export async function loadArticleFile(dir: string, file: string, known = NOTHING_KNOWN): Promise<LoadedFile> {
  let text: string;
  try {
    text = await readFile(join(dir, file), "utf8");
  } catch (error) {
    return unreadable(file, error);
  }
  return parseUnlessKnown(file, text, known);
}

/** The same, blocking: for worker threads, which have nothing else to do meanwhile. */
export function loadArticleFileSync(dir: string, file: string, known = NOTHING_KNOWN): LoadedFile {
  let text: string;
  try {
    text = readFileSync(join(dir, file), "utf8");
  } catch (error) {
    return unreadable(file, error);
  }
  return parseUnlessKnown(file, text, known);
}
