import { publishedPaths } from "../../contract/published.ts";
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
