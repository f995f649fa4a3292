import { parseOpml } from "feedsmith";
import { parseHttpUrl } from "../../contract/urls.ts";
import { cleanText } from "../limits.ts";
import { normaliseUrl } from "../urls.ts";

/** One feed to import, as the OPML file lists it. */
export interface Subscription {
  /** The feed's address exactly as the OPML gives it (the state file's key). */
  xmlUrl: string;
  /** The outline's title, else its text; may be empty. */
  title: string;
  htmlUrl?: string;
  /** The folders it is listed in, each as the path of outline names from the top, innermost last. */
  folders: string[][];
  /** Tags of OPML 2.0's `category` attribute that are not paths. */
  tags: string[];
}

/** What a subscription list file holds, or why it cannot be read. */
export type OpmlResult = { ok: true; subscriptions: Subscription[]; skipped: string[] } | { ok: false; error: string };

interface Outline {
  text?: string;
  title?: string;
  xmlUrl?: string;
  htmlUrl?: string;
  category?: string;
  outlines?: Outline[];
}

/**
 * OPML 2.0's `category`: comma-separated, each a tag (`Apple`) or a slash path (`/Tech/Mac`).
 * Tags become topics; a path's last name is the folder of an outline not inside one.
 */
function categories(value: string | undefined): { tags: string[]; paths: string[][] } {
  const tags: string[] = [];
  const paths: string[][] = [];
  for (const raw of (value ?? "").split(",")) {
    const entry = cleanText(raw);
    if (!entry) continue;
    if (entry.includes("/")) {
      const path = entry.split("/").map(cleanText).filter(Boolean);
      if (path.length) paths.push(path);
    } else tags.push(entry);
  }
  return { tags, paths };
}

const sameFolder = (a: string[], b: string[]) => a.length === b.length && a.every((name, i) => name === b[i]);

/**
 * Every feed of an OPML subscription list (Feedly's, NetNewsWire's, any OPML 1.0–2.0), in
 * the file's order: a feed listed twice (in two folders, or under two spellings of one URL)
 * is one subscription in all its folders. An outline without an http(s) `xmlUrl` is named
 * in `skipped`.
 */
export function readOpml(text: string): OpmlResult {
  let outlines: Outline[] | undefined;
  try {
    const opml = parseOpml(text) as { body?: { outlines?: Outline[] } };
    outlines = opml.body?.outlines;
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return { ok: false, error: `is not an OPML subscription list (${reason})` };
  }
  if (!outlines) return { ok: false, error: "is an OPML file with no outlines: it lists no feeds" };

  const byKey = new Map<string, Subscription>();
  const skipped: string[] = [];
  const visit = (outline: Outline, folder: string[]) => {
    const name = cleanText(outline.title ?? "") || cleanText(outline.text ?? "");
    if (outline.xmlUrl === undefined) {
      const inner = name ? [...folder, name] : folder;
      for (const child of outline.outlines ?? []) visit(child, inner);
      return;
    }
    const xmlUrl = outline.xmlUrl.trim();
    if (!parseHttpUrl(xmlUrl)) {
      skipped.push(`${name || "an outline"}: its xmlUrl ${JSON.stringify(xmlUrl)} is not an http(s) URL`);
      return;
    }
    const { tags, paths } = categories(outline.category);
    const folders = folder.length ? [folder] : paths.slice(0, 1);
    const key = normaliseUrl(xmlUrl);
    const known = byKey.get(key);
    if (!known) {
      const htmlUrl = outline.htmlUrl?.trim();
      byKey.set(key, { xmlUrl, title: name, ...(htmlUrl && parseHttpUrl(htmlUrl) ? { htmlUrl } : {}), folders, tags });
      return;
    }
    for (const path of folders) if (!known.folders.some((f) => sameFolder(f, path))) known.folders.push(path);
    for (const tag of tags) if (!known.tags.some((t) => t.toLowerCase() === tag.toLowerCase())) known.tags.push(tag);
    if (!known.title && name) known.title = name;
  };
  for (const outline of outlines) visit(outline, []);
  return { ok: true, subscriptions: [...byKey.values()], skipped };
}
