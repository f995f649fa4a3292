/**
 * A static host as a CDN would be: gzip for text, long caching for hashed files,
 * `<path>.html` for a path that names such a file (as Netlify and Cloudflare Pages serve
 * a topic's or an article's page), the app shell (`shell.html`, or `index.html` in a build
 * without one) for every other path that is not a file (the SPA fallback), nothing from
 * the build's own `.broadsheet/` (as Netlify leaves dot-folders out of a deploy), and the
 * headers the build's `_headers` file gives a path, as Netlify and Cloudflare Pages send
 * them. The benchmark and the browser tests serve `dist/` with it.
 */
import { createReadStream } from "node:fs";
import { readFile, stat } from "node:fs/promises";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { extname, join, normalize, sep } from "node:path";
import { createGzip } from "node:zlib";
import { mediaTypeOf } from "../src/contract/media-types.ts";
import { IMMUTABLE_CACHE_CONTROL, isShardPath } from "../src/contract/data-layout.ts";
import { STATE_DIR } from "../src/pipeline/output.ts";

const COMPRESSIBLE = new Set([".html", ".js", ".css", ".json", ".webmanifest", ".svg", ".xml", ".txt"]);

/** `path` relative to the root, `/`-separated as the build names its files. */
function cacheControl(path: string): string {
  return path.startsWith("assets/") || isShardPath(path) ? IMMUTABLE_CACHE_CONTROL : "no-cache";
}

export interface HeaderRule {
  /** A path, `*` matching any run of characters, as in `/assets/*`. */
  path: string;
  headers: [name: string, value: string][];
  /** Headers an earlier rule gave that this one takes away (`! Name`). */
  detach: string[];
}

/** The rules of a `_headers` file: a path on a line of its own, then its `Name: value` and `! Name` lines, indented. */
export function parseHeaderRules(text: string): HeaderRule[] {
  const rules: HeaderRule[] = [];
  for (const line of text.split(/\r?\n/)) {
    if (!line.trim() || line.trim().startsWith("#")) continue;
    if (!/^\s/.test(line)) {
      rules.push({ path: line.trim(), headers: [], detach: [] });
      continue;
    }
    const rule = rules.at(-1);
    const [, detach, name, value] = /^\s+(?:!\s*(\S+)|([^:\s]+):\s*(.*))$/.exec(line) ?? [];
    if (!rule || !(detach || name)) throw new Error(`_headers: "${line.trim()}" is not a header of a path`);
    if (detach) rule.detach.push(detach);
    else rule.headers.push([name, value.trim()]);
  }
  return rules;
}

/**
 * The headers `pathname` gets, as Cloudflare Pages applies the rules: every matching rule in
 * order, each first taking away what it detaches; a header two rules give is joined with ", ".
 */
export function headersFor(rules: readonly HeaderRule[], pathname: string): Map<string, string> {
  const headers = new Map<string, string>();
  for (const rule of rules) {
    const pattern = new RegExp(`^${rule.path.split("*").map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")).join(".*")}$`);
    if (!pattern.test(pathname)) continue;
    for (const name of rule.detach) headers.delete(name.toLowerCase());
    for (const [name, value] of rule.headers) {
      const key = name.toLowerCase();
      headers.set(key, headers.has(key) ? `${headers.get(key)}, ${value}` : value);
    }
  }
  return headers;
}

/** What a host serves for `asked`: that file, else `<asked>.html`, else a folder's index.html (the home page), else the app shell. */
async function fileFor(root: string, asked: string) {
  const candidates = asked.startsWith("..") || asked.startsWith(STATE_DIR) ? [] : [asked, `${asked}.html`, join(asked, "index.html")];
  for (const path of [...candidates, "shell.html", "index.html"]) {
    const info = await stat(join(root, path)).catch(() => undefined);
    if (info?.isFile()) return { path, info };
  }
  throw new Error(`${root} has no index.html`);
}

export interface StaticServer {
  url: string;
  close(): Promise<void>;
}

export async function serveStatic(root: string, port = 0): Promise<StaticServer> {
  const server: Server = createServer(async (request, response) => {
    let pathname: string;
    try {
      pathname = decodeURIComponent(new URL(request.url ?? "/", "http://localhost").pathname);
    } catch {
      response.writeHead(400).end("Bad request");
      return;
    }
    const { path, info } = await fileFor(root, normalize(pathname).replace(/^[\\/]+/, ""));
    const type = extname(path);
    const sitePath = path.split(sep).join("/");
    response.setHeader("Content-Type", mediaTypeOf(sitePath) ?? "application/octet-stream");
    response.setHeader("Cache-Control", cacheControl(sitePath));
    // Read on every request (a test may rebuild the site it serves), matched against the address asked for, not the file that answers it, as the hosts do.
    const rules = parseHeaderRules(await readFile(join(root, "_headers"), "utf8").catch(() => ""));
    for (const [name, value] of headersFor(rules, pathname)) response.setHeader(name, value);
    const stream = createReadStream(join(root, path));
    if (COMPRESSIBLE.has(type) && /\bgzip\b/.test(String(request.headers["accept-encoding"]))) {
      response.setHeader("Content-Encoding", "gzip");
      stream.pipe(createGzip()).pipe(response);
    } else {
      response.setHeader("Content-Length", info.size);
      stream.pipe(response);
    }
  });
  await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
  const { port: actual } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${actual}`,
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
