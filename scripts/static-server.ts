/**
 * A static host as a CDN would be: gzip for text, long caching for hashed files,
 * `<path>.html` for a path that names such a file (as Netlify and Cloudflare Pages serve
 * an article's page), `index.html` for every other path that is not a file (the SPA
 * fallback). The benchmark and the browser tests serve `dist/` with it.
 */
import { createReadStream } from "node:fs";
import { stat } from "node:fs/promises";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { extname, join, normalize, sep } from "node:path";
import { createGzip } from "node:zlib";

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json",
  ".webmanifest": "application/manifest+json",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".ico": "image/x-icon",
  ".xml": "application/xml",
  ".txt": "text/plain; charset=utf-8",
};
const COMPRESSIBLE = new Set([".html", ".js", ".css", ".json", ".webmanifest", ".svg", ".xml", ".txt"]);

function cacheControl(path: string): string {
  if (path.startsWith(`assets${sep}`) || /^data[\\/][0-9a-f]+[\\/]/.test(path)) return "public, max-age=31536000, immutable";
  return "no-cache";
}

/** What a host serves for `asked`: that file, else `<asked>.html`, else index.html. */
async function fileFor(root: string, asked: string) {
  const candidates = asked.startsWith("..") ? [] : [asked, `${asked}.html`];
  for (const path of [...candidates, "index.html"]) {
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
    response.setHeader("Content-Type", TYPES[type] ?? "application/octet-stream");
    response.setHeader("Cache-Control", cacheControl(path));
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
