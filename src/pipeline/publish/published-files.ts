import { FEED_TYPES, publishedPaths } from "../../contract/paths.ts";
import type { DataFile } from "../shards.ts";
import type { SiteModel } from "../site.ts";
import { feedFiles } from "./feeds.ts";
import { robotsTxt, sitemapFiles } from "./sitemap.ts";

/** Every file the build publishes for feed readers and search engines, at the site's root. */
export function* publishedFiles(model: SiteModel, siteUrl: string): Generator<DataFile> {
  yield* feedFiles(model, siteUrl);
  yield* sitemapFiles(model, siteUrl);
  yield { path: publishedPaths.robots, render: () => robotsTxt(siteUrl) };
}

/** The media type a server sends with a published file, or undefined for a path that is none. */
export function publishedContentType(path: string): string | undefined {
  if (path.startsWith(publishedPaths.feeds)) {
    const format = path.endsWith(".xml") ? "rss" : path.endsWith(".json") ? "json" : undefined;
    return format && `${FEED_TYPES[format]}; charset=utf-8`;
  }
  if (path === publishedPaths.sitemap || /^sitemap-[0-9a-f]+\.xml$/.test(path)) return "application/xml; charset=utf-8";
  return path === publishedPaths.robots ? "text/plain; charset=utf-8" : undefined;
}
