/**
 * Fetches one feed politely, with Node's fetch: conditional requests, redirects followed by
 * hand (so a chain of permanent moves can be reported), one deadline for the whole feed
 * (live through the body read, so a server that trickles is stopped), a cap on the decoded
 * size while streaming, and Retry-After handed back to the caller. It returns bytes, never
 * text: decode.ts decides the encoding. Every failure is a reason in words a publisher
 * understands ("HTTP 404", "timed out after 20 s", "larger than 10 MB").
 */
import { parseHttpUrl } from "../../contract/urls.ts";
import { sharedHostLimiter, type HostLimiter, type Release } from "./hosts.ts";

/**
 * package.json names no repository, so the User-Agent names the project and what it does;
 * the importer may pass its own (with the version and the site's URL).
 */
export const DEFAULT_USER_AGENT = "Broadsheet feed import";
export const DEFAULT_DEADLINE_MS = 20_000;
export const DEFAULT_MAX_BYTES = 10 * 1024 * 1024;
export const DEFAULT_MAX_REDIRECTS = 5;
/** A Retry-After longer than this is taken as this. */
export const MAX_RETRY_AFTER_MS = 24 * 60 * 60 * 1000;

const ACCEPT = "application/rss+xml, application/atom+xml, application/feed+json, application/rdf+xml;q=0.9, application/xml;q=0.9, text/xml;q=0.9, application/json;q=0.8, */*;q=0.5";
const REDIRECTS = new Set([301, 302, 303, 307, 308]);
const PERMANENT = new Set([301, 308]);

/** Validators a server sent, and the URL they belong to (they are sent again only to that URL). */
export interface Validators {
  url: string;
  etag?: string;
  lastModified?: string;
}

export interface FetchFeedOptions {
  /** One deadline for the whole feed: every hop and the body. 20 s by default. */
  deadlineMs?: number;
  /** The most decoded bytes read. 10 MiB by default. */
  maxBytes?: number;
  /** The most redirects followed. 5 by default. */
  maxRedirects?: number;
  userAgent?: string;
  /** Cancels the fetch (Ctrl-C); reported as "cancelled", not as a timeout. */
  signal?: AbortSignal;
  /** Per-host politeness; the module's shared limiter by default. */
  limiter?: HostLimiter;
  /** For tests: another fetch. */
  fetch?: typeof fetch;
  /** For Retry-After dates: the clock, in ms since the epoch. Date.now by default. */
  now?: () => number;
}

export type FetchResult =
  | {
      kind: "ok";
      status: number;
      bytes: Uint8Array;
      /** The Content-Type header, for decodeFeed. */
      contentType: string | undefined;
      /** The URL the body came from, after redirects. */
      finalUrl: string;
      /** To store, and pass back as `known` next time. */
      validators: Validators;
      /** Set when every redirect was 301 or 308: the feed's new address. */
      movedTo?: string;
    }
  | { kind: "not-modified"; status: 304; finalUrl: string; validators: Validators; movedTo?: string }
  | {
      kind: "failed";
      reason: string;
      /** The HTTP status, when the server answered with an error. */
      status?: number;
      /** From Retry-After on a 429 or 503: how long to wait, in ms, at most 24 h. */
      retryAfterMs?: number;
      /** 410: the publisher says the feed is gone for good. */
      gone?: boolean;
    };

/** `bytes` in the units a publisher reads: "10 MB", "512 KB", "900 bytes" (binary multiples). */
export function formatSize(bytes: number): string {
  const units: [number, string][] = [
    [1024 * 1024, "MB"],
    [1024, "KB"],
  ];
  for (const [size, unit] of units) {
    if (bytes >= size) return `${Number((bytes / size).toFixed(1))} ${unit}`;
  }
  return `${bytes} bytes`;
}

function formatSeconds(ms: number): string {
  return `${Number((ms / 1000).toFixed(1))} s`;
}

/** Retry-After as ms from `now`: delta-seconds or an HTTP-date, capped at 24 h; undefined when absent or unreadable. */
export function parseRetryAfter(value: string | null, now: number): number | undefined {
  const text = value?.trim();
  if (!text) return undefined;
  let ms: number;
  if (/^\d+$/.test(text)) {
    ms = Number(text) * 1000;
  } else {
    const at = Date.parse(text);
    if (Number.isNaN(at)) return undefined;
    ms = at - now;
  }
  return Math.min(Math.max(ms, 0), MAX_RETRY_AFTER_MS);
}

function codeOf(error: unknown): string | undefined {
  for (let e: unknown = error, depth = 0; e && typeof e === "object" && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === "string") return code;
  }
  return undefined;
}

/** A network or body error in a publisher's words. */
function networkReason(error: unknown, host: string): string {
  const code = codeOf(error);
  switch (code) {
    case "ENOTFOUND":
    case "EAI_AGAIN":
      return `could not find the server ${host}`;
    case "ECONNREFUSED":
      return `the server ${host} refused the connection`;
    case "ECONNRESET":
    case "UND_ERR_SOCKET":
      return `the connection to ${host} was cut`;
    case undefined:
      return `could not fetch: ${error instanceof Error ? error.message : String(error)}`;
    default:
      // zlib's codes (Z_DATA_ERROR, Z_BUF_ERROR) and brotli's (ERR__ERROR_FORMAT_…).
      if (/^Z_|BROTLI|^ERR__ERROR_FORMAT/.test(code)) return "the server sent a corrupt compressed body";
      if (/CERT|SSL|TLS/.test(code)) return `the server's TLS certificate was refused (${code})`;
      return `could not fetch (${code})`;
  }
}

class Refusal extends Error {}

/** Reads the body, counting decoded bytes, and cancels it past `maxBytes`. */
async function readCapped(response: Response, maxBytes: number): Promise<Uint8Array> {
  if (!response.body) return new Uint8Array(0);
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel().catch(() => undefined);
      throw new Refusal(`larger than ${formatSize(maxBytes)}`);
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return bytes;
}

async function discard(response: Response): Promise<void> {
  await response.body?.cancel().catch(() => undefined);
}

/**
 * Fetches the feed at `url`. `known` holds the validators stored from the last fetch:
 * If-None-Match and If-Modified-Since are sent only to the URL they belong to.
 */
export async function fetchFeed(url: string, known: Validators | undefined, options: FetchFeedOptions = {}): Promise<FetchResult> {
  const deadlineMs = options.deadlineMs ?? DEFAULT_DEADLINE_MS;
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  const maxRedirects = options.maxRedirects ?? DEFAULT_MAX_REDIRECTS;
  const limiter = options.limiter ?? sharedHostLimiter;
  const fetchImpl = options.fetch ?? fetch;
  const now = options.now ?? Date.now;

  const start = parseHttpUrl(url);
  if (!start) return { kind: "failed", reason: `not an http(s) address: ${url}` };
  let current: URL = start;

  let deadline: AbortSignal | undefined;
  let signal: AbortSignal | undefined = options.signal;
  let permanent = true;
  let release: Release | undefined;

  const failure = (error: unknown, host: string): FetchResult => {
    if (error instanceof Refusal) return { kind: "failed", reason: error.message };
    if (deadline?.aborted) return { kind: "failed", reason: `timed out after ${formatSeconds(deadlineMs)}` };
    if (options.signal?.aborted) return { kind: "failed", reason: "cancelled" };
    return { kind: "failed", reason: networkReason(error, host) };
  };

  for (let hops = 0; ; hops++) {
    const host = current.host;
    try {
      release = await limiter.acquire(host, signal);
      // The deadline starts once the first request may go out, not while it waits its turn.
      if (!deadline) {
        deadline = AbortSignal.timeout(deadlineMs);
        signal = options.signal ? AbortSignal.any([deadline, options.signal]) : deadline;
      }
      const headers: Record<string, string> = {
        "user-agent": options.userAgent ?? DEFAULT_USER_AGENT,
        "accept-encoding": "br, gzip, deflate",
        accept: ACCEPT,
      };
      if (known && known.url === current.href) {
        if (known.etag) headers["if-none-match"] = known.etag;
        if (known.lastModified) headers["if-modified-since"] = known.lastModified;
      }
      const response = await fetchImpl(current.href, { headers, redirect: "manual", signal });
      const { status } = response;

      if (REDIRECTS.has(status)) {
        await discard(response);
        const location = response.headers.get("location");
        if (!location) return { kind: "failed", reason: `HTTP ${status} without a Location`, status };
        if (hops >= maxRedirects) return { kind: "failed", reason: `too many redirects (more than ${maxRedirects})` };
        let next: URL;
        try {
          next = new URL(location, current);
        } catch {
          return { kind: "failed", reason: `redirected to an unreadable address: ${location}` };
        }
        const checked = parseHttpUrl(next.href);
        if (!checked) return { kind: "failed", reason: `redirected to a non-http(s) address (${next.protocol})` };
        if (!PERMANENT.has(status)) permanent = false;
        current = checked;
        continue;
      }

      // A move from https to plain http is followed this once, never remembered.
      const movedTo = permanent && hops > 0 && !(new URL(url).protocol === "https:" && current.protocol === "http:") ? current.href : undefined;
      const validators = (): Validators => {
        const stored = known?.url === current.href ? known : undefined;
        const etag = response.headers.get("etag") ?? stored?.etag;
        const lastModified = response.headers.get("last-modified") ?? stored?.lastModified;
        return { url: current.href, ...(etag ? { etag } : {}), ...(lastModified ? { lastModified } : {}) };
      };

      if (status === 304) {
        await discard(response);
        return { kind: "not-modified", status: 304, finalUrl: current.href, validators: validators(), ...(movedTo ? { movedTo } : {}) };
      }
      if (status < 200 || status > 299) {
        await discard(response);
        const result: FetchResult = { kind: "failed", reason: `HTTP ${status}`, status };
        if (status === 429 || status === 503) {
          const retryAfterMs = parseRetryAfter(response.headers.get("retry-after"), now());
          if (retryAfterMs !== undefined) result.retryAfterMs = retryAfterMs;
        }
        if (status === 410) result.gone = true;
        return result;
      }

      // content-length is the compressed size: over the cap, the decoded body is too.
      const length = Number(response.headers.get("content-length"));
      if (Number.isFinite(length) && length > maxBytes) {
        await discard(response);
        return { kind: "failed", reason: `larger than ${formatSize(maxBytes)}` };
      }
      const bytes = await readCapped(response, maxBytes);
      return {
        kind: "ok",
        status,
        bytes,
        contentType: response.headers.get("content-type") ?? undefined,
        finalUrl: current.href,
        validators: validators(),
        ...(movedTo ? { movedTo } : {}),
      };
    } catch (error) {
      return failure(error, host);
    } finally {
      release?.();
      release = undefined;
    }
  }
}
