/**
 * A feed server for the importer's tests: node:http on 127.0.0.1, a port of its own (a
 * second server is a second host), a route table, and a record of what it was asked.
 */
import { createServer, type IncomingHttpHeaders, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { brotliCompressSync, gzipSync } from "node:zlib";

export interface Route {
  status?: number;
  headers?: Record<string, string>;
  body?: string | Uint8Array;
  /** Compress the body and say so in content-encoding. */
  gzip?: boolean;
  br?: boolean;
  /** Wait this long before sending the status line. */
  delayMs?: number;
  /** Send the body one byte at a time, this many ms apart. */
  trickleMs?: number;
  /** Send the body in 16 KiB chunks with no content-length. */
  chunked?: boolean;
}

/** A route, or a function of the request (and how many times this path was asked before) giving one. */
export type RouteSpec = Route | ((request: IncomingMessage, count: number) => Route);

export interface RecordedRequest {
  path: string;
  headers: IncomingHttpHeaders;
}

export interface FeedServer {
  /** The absolute URL of `path` on this server. */
  url(path: string): string;
  /** `host:port`, as url.host gives it. */
  host: string;
  routes: Map<string, RouteSpec>;
  requests: RecordedRequest[];
  /** The most requests this server had in flight at once. */
  maxInFlight: number;
  close(): Promise<void>;
}

export async function startFeedServer(routes: Record<string, RouteSpec> = {}): Promise<FeedServer> {
  const table = new Map(Object.entries(routes));
  const counts = new Map<string, number>();
  const requests: RecordedRequest[] = [];
  let inFlight = 0;
  const state = { maxInFlight: 0 };

  const server: Server = createServer((request, response) => {
    const path = request.url ?? "/";
    requests.push({ path, headers: request.headers });
    inFlight++;
    state.maxInFlight = Math.max(state.maxInFlight, inFlight);
    let timer: NodeJS.Timeout | undefined;
    response.on("close", () => {
      inFlight--;
      clearTimeout(timer);
      clearInterval(timer);
    });
    const count = counts.get(path) ?? 0;
    counts.set(path, count + 1);
    const spec = table.get(path);
    const route: Route = typeof spec === "function" ? spec(request, count) : (spec ?? { status: 404, body: "not here" });

    let body: Buffer = typeof route.body === "string" ? Buffer.from(route.body, "utf8") : Buffer.from(route.body ?? new Uint8Array(0));
    const headers: Record<string, string> = { ...route.headers };
    if (route.gzip) {
      body = gzipSync(body);
      headers["content-encoding"] = "gzip";
    } else if (route.br) {
      body = brotliCompressSync(body);
      headers["content-encoding"] = "br";
    }
    const send = () => {
      if (route.trickleMs) {
        response.writeHead(route.status ?? 200, headers);
        let offset = 0;
        timer = setInterval(() => {
          if (offset >= body.length) {
            clearInterval(timer);
            response.end();
            return;
          }
          response.write(body.subarray(offset, offset + 1));
          offset++;
        }, route.trickleMs);
      } else if (route.chunked) {
        response.writeHead(route.status ?? 200, headers);
        for (let offset = 0; offset < body.length; offset += 16 * 1024) response.write(body.subarray(offset, offset + 16 * 1024));
        response.end();
      } else {
        if (!("content-length" in headers)) headers["content-length"] = String(body.length);
        response.writeHead(route.status ?? 200, headers);
        response.end(body);
      }
    };
    if (route.delayMs) timer = setTimeout(send, route.delayMs);
    else send();
  });

  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  const host = `127.0.0.1:${port}`;
  return {
    url: (path) => `http://${host}${path}`,
    host,
    routes: table,
    requests,
    get maxInFlight() {
      return state.maxInFlight;
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        // Keep-alive sockets would otherwise keep close() waiting.
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
