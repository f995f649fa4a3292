/**
 * The media type of every file the site serves, by its path: one answer for the dev server,
 * which serves the data and the published files from memory, and for scripts/static-server.ts,
 * which serves a build as a host would.
 */
import { DATA_DIR } from "./data-layout.ts";
import { FEED_TYPES, isSitemapPath, publishedPaths } from "./published.ts";

/** What every data file is sent as. */
export const DATA_MEDIA_TYPE = "application/json";

/** The app's own files, by their extension. */
const BY_EXTENSION: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": DATA_MEDIA_TYPE,
  ".webmanifest": "application/manifest+json",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".ico": "image/x-icon",
  ".xml": "application/xml",
  ".txt": "text/plain; charset=utf-8",
};

/** The media type of a feed, the sitemap or a part of it, or robots.txt, by its path relative to the site's root; undefined for any other path. */
export function publishedMediaType(path: string): string | undefined {
  if (path.startsWith(publishedPaths.feeds)) {
    const format = path.endsWith(".xml") ? "rss" : path.endsWith(".json") ? "json" : undefined;
    return format && `${FEED_TYPES[format]}; charset=utf-8`;
  }
  if (isSitemapPath(path)) return "application/xml; charset=utf-8";
  return path === publishedPaths.robots ? "text/plain; charset=utf-8" : undefined;
}

/** The media type of what the build makes from content (the data, the feeds, the sitemap, robots.txt); undefined for any other path. */
export function contentMediaType(path: string): string | undefined {
  return path.startsWith(`${DATA_DIR}/`) ? DATA_MEDIA_TYPE : publishedMediaType(path);
}

/** The media type of any file of a build, by its path relative to the site's root (`/`-separated); undefined for an extension no file of the app has. */
export function mediaTypeOf(path: string): string | undefined {
  const dot = path.lastIndexOf(".");
  const extension = dot > path.lastIndexOf("/") ? path.slice(dot) : "";
  return contentMediaType(path) ?? BY_EXTENSION[extension];
}
