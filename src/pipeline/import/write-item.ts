import { randomBytes } from "node:crypto";
import { constants } from "node:fs";
import { copyFile, link, mkdir, open, readFile, rename, unlink, writeFile } from "node:fs/promises";
import { basename, dirname, join } from "node:path";
import { isPortableName } from "../../contract/names.ts";
import { parseHttpUrl } from "../../contract/urls.ts";
import { outletKeyOf } from "../outlets.ts";
import { shortHash, slugify } from "../slug.ts";
import { normaliseUrl } from "../urls.ts";

/** The folder of the content folder imports write to, and the only one. */
export const IMPORTED_FOLDER = "imported";

/** The most bytes of the slug in an imported file's name. */
const SLUG_BYTES = 50;

/** 16 hex digits of a hash of the normalised source URL: what names an imported item, and what the state file remembers. */
export const itemHash = (sourceUrl: string): string => shortHash(normaliseUrl(sourceUrl), 16);

/** The last segment of a URL's path as words: `/2026/12/council-budget/` → `council-budget`. */
function lastSegment(url: URL): string {
  const segment = url.pathname.split("/").filter(Boolean).pop() ?? "";
  let decoded = segment;
  try {
    decoded = decodeURIComponent(segment);
  } catch {
    // A stray % stays as written.
  }
  return decoded.replace(/\.(?:s?html?|php\d?|aspx?|jsp|cgi)$/i, "");
}

/**
 * Where an item with this source URL is written, relative to the content folder and
 * `/`-separated: `imported/<outlet>/<slug>-<hash16>.txt`. Only the URL decides it, so an item
 * fetched again with an edited title keeps its name. Every part is a portable name.
 */
export function importedPath(sourceUrl: string): string {
  const url = parseHttpUrl(sourceUrl);
  if (!url) throw new Error(`not an http(s) URL: ${JSON.stringify(sourceUrl)}`);
  let outlet = outletKeyOf(sourceUrl);
  if (!isPortableName(outlet)) outlet = `${shortHash(url.hostname, 16)}.invalid`;
  const hash = itemHash(sourceUrl);
  const slug = slugify(lastSegment(url), SLUG_BYTES) || "item";
  const name = isPortableName(`${slug}-${hash}.txt`) ? `${slug}-${hash}.txt` : `item-${hash}.txt`;
  return `${IMPORTED_FOLDER}/${outlet}/${name}`;
}

export type WriteOutcome = "written" | "already there";

/** A temporary file beside `target`: a dot-prefixed name, which the build never reads, unique to this process and call. */
const partialBeside = (target: string) => join(dirname(target), `.${basename(target)}.${process.pid}.${randomBytes(4).toString("hex")}.partial`);

/**
 * Puts `text` in place of the file at `path` all at once (a partial beside it, renamed over
 * it), only while that file is still one the importer wrote (`isOurs` of its text): a file
 * the publisher wrote or took over is never replaced. False when it was not replaced.
 */
export async function replaceOwnFile(contentDir: string, path: string, text: string, isOurs: (current: string) => boolean): Promise<boolean> {
  const target = join(contentDir, ...path.split("/"));
  const current = await readFile(target, "utf8").catch(() => undefined);
  if (current === undefined || !isOurs(current)) return false;
  const partial = partialBeside(target);
  try {
    await writeFile(partial, text, { flag: "wx" });
    await rename(partial, target);
    return true;
  } finally {
    await unlink(partial).catch(() => undefined);
  }
}

/**
 * Writes `text` to `path` (relative to `contentDir`) only when no file is there, all at once:
 * the text goes to a partial file beside it (a dot-prefixed name, which the build never
 * reads), which is then linked to the name; a file already there, hand-written or imported
 * before, is never opened for writing ("already there"). The partial is always removed.
 */
export async function writeNewFile(contentDir: string, path: string, text: string): Promise<WriteOutcome> {
  const target = join(contentDir, ...path.split("/"));
  await mkdir(dirname(target), { recursive: true });
  const partial = partialBeside(target);
  const handle = await open(partial, "wx");
  try {
    try {
      await handle.writeFile(text, "utf8");
      await handle.sync();
    } finally {
      await handle.close();
    }
    try {
      await link(partial, target);
      return "written";
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === "EEXIST") return "already there";
      // A file system without hard links (exFAT, some network and container mounts): a copy that never replaces a file.
      if (code !== "EPERM" && code !== "ENOTSUP" && code !== "EOPNOTSUPP") throw error;
      try {
        await copyFile(partial, target, constants.COPYFILE_EXCL);
        return "written";
      } catch (copyError) {
        if ((copyError as NodeJS.ErrnoException).code === "EEXIST") return "already there";
        throw copyError;
      }
    }
  } finally {
    await unlink(partial).catch(() => undefined);
  }
}
