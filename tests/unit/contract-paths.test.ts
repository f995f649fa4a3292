import { describe, expect, it } from "vitest";
import { shardAt } from "../../src/contract/data-references.ts";
import { contentMediaType, mediaTypeOf } from "../../src/contract/media-types.ts";
import { dataPaths, isShardName, isShardPath, SHARD_KINDS, SHARD_NAME_LENGTH } from "../../src/contract/data-layout.ts";
import { FILE_PATH_PATTERNS, isSitemapPath, publishedPaths } from "../../src/contract/published.ts";

const NAME = "0123456789abcdef".slice(0, SHARD_NAME_LENGTH);

describe("a data file's name and path", () => {
  it("is SHARD_NAME_LENGTH hex digits, wherever it is read", () => {
    expect(isShardName(NAME)).toBe(true);
    expect(isShardName(NAME.slice(1))).toBe(false);
    expect(isShardName(`${NAME}0`)).toBe(false);
    for (const kind of SHARD_KINDS) {
      const path = dataPaths.shard(kind, NAME);
      expect(isShardPath(path)).toBe(true);
      expect(shardAt(`/news/${path}`)).toEqual({ kind, name: NAME });
      expect(isShardPath(dataPaths.shard(kind, NAME.slice(1)))).toBe(false);
    }
    expect(isShardPath(dataPaths.index)).toBe(false);
    expect(isShardPath(`data/other/${NAME}.json`)).toBe(false);
  });

  it("and the sitemap's parts are told by the paths that make them", () => {
    expect(isSitemapPath(publishedPaths.sitemap)).toBe(true);
    expect(isSitemapPath(publishedPaths.sitemapPart(NAME))).toBe(true);
    expect(isSitemapPath(publishedPaths.sitemapPart("x"))).toBe(false);
  });
});

describe("paths that are files, never the app", () => {
  it.each([
    [`/${dataPaths.index}`, true],
    [`/news/${dataPaths.shard("lists", NAME)}`, true],
    [`/${publishedPaths.latestFeed("rss")}`, true],
    [`/news/${publishedPaths.topicFeed("ai", "json")}`, true],
    [`/${publishedPaths.sitemap}`, true],
    [`/${publishedPaths.sitemapPart(NAME)}`, true],
    [`/${publishedPaths.robots}`, true],
    ["/", false],
    ["/topics/ai", false],
    ["/articles/data-breach-0123abcd", false],
    ["/search?q=sitemap.xml", false],
  ])("%s: %s", (path, file) => {
    expect(FILE_PATH_PATTERNS.some((pattern) => pattern.test(path))).toBe(file);
  });
});

describe("media types", () => {
  it.each([
    [dataPaths.index, "application/json"],
    [dataPaths.shard("search", NAME), "application/json"],
    [publishedPaths.latestFeed("rss"), "application/rss+xml; charset=utf-8"],
    [publishedPaths.latestFeed("json"), "application/feed+json; charset=utf-8"],
    [publishedPaths.sitemapPart(NAME), "application/xml; charset=utf-8"],
    [publishedPaths.robots, "text/plain; charset=utf-8"],
    ["index.html", "text/html; charset=utf-8"],
    ["topics/ai.html", "text/html; charset=utf-8"],
    ["assets/index-abc.js", "text/javascript; charset=utf-8"],
    ["manifest.webmanifest", "application/manifest+json"],
    ["favicon.ico", "image/x-icon"],
    ["_headers", undefined],
    ["assets.d/file", undefined],
  ])("%s is %s", (path, type) => {
    expect(mediaTypeOf(path)).toBe(type);
  });

  it("of what the build makes from content are the dev server's, and nothing else is", () => {
    expect(contentMediaType("data/anything")).toBe("application/json");
    expect(contentMediaType("index.html")).toBeUndefined();
    expect(contentMediaType("assets/index-abc.js")).toBeUndefined();
  });
});
