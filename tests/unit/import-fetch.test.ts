import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { decodeFeed, FeedDecodeError, refuseEntityDeclarations } from "../../src/pipeline/import/decode.ts";
import { fetchFeed, parseRetryAfter, type FetchFeedOptions, type FetchResult } from "../../src/pipeline/import/fetch-feed.ts";
import { HostLimiter } from "../../src/pipeline/import/hosts.ts";
import { startFeedServer, type FeedServer, type Route } from "./feed-server.ts";

const TITLE = "Été à la plage";
const rss = (title: string, declaration = '<?xml version="1.0" encoding="UTF-8"?>') =>
  `${declaration}\n<rss version="2.0"><channel><title>${title}</title><link>https://example.com/</link></channel></rss>\n`;
const latin1 = (text: string) => new Uint8Array(Buffer.from(text, "latin1"));

let server: FeedServer;
let other: FeedServer;

beforeAll(async () => {
  server = await startFeedServer({
    "/plain": { headers: { "content-type": "application/rss+xml" }, body: rss("Plain") },
    "/gzip": { headers: { "content-type": "application/rss+xml" }, body: rss("Zipped"), gzip: true },
    "/br": { headers: { "content-type": "application/rss+xml" }, body: rss("Brotli"), br: true },
    "/bom": { headers: { "content-type": "application/xml; charset=iso-8859-1" }, body: new Uint8Array([0xef, 0xbb, 0xbf, ...Buffer.from(rss(TITLE))]) },
    "/latin1-header": { headers: { "content-type": "application/xml; charset=ISO-8859-1" }, body: latin1(rss(TITLE, '<?xml version="1.0"?>')) },
    "/latin1-declaration": { headers: { "content-type": "application/xml" }, body: latin1(rss(TITLE, '<?xml version="1.0" encoding="ISO-8859-1"?>')) },
    "/conditional": (request): Route =>
      request.headers["if-none-match"] === '"v1"'
        ? { status: 304, headers: { etag: '"v1"' } }
        : { headers: { etag: '"v1"', "last-modified": "Mon, 30 Nov 2026 09:30:00 GMT" }, body: rss("Conditional") },
    "/moved-1": { status: 301, headers: { location: "/moved-2" } },
    "/moved-2": { status: 308, headers: { location: "/moved-final" } },
    "/moved-final": { body: rss("Moved") },
    "/temp": { status: 302, headers: { location: "/moved-final" } },
    "/temp-then-perm": { status: 302, headers: { location: "/moved-1" } },
    "/ftp": { status: 301, headers: { location: "ftp://example.com/feed.xml" } },
    "/not-found": { status: 404, body: "gone fishing" },
    "/broken": { status: 500, body: "oops" },
    "/gone": { status: 410 },
    "/busy": { status: 429, headers: { "retry-after": "120" } },
    "/down": () => ({ status: 503, headers: { "retry-after": new Date(Date.now() + 3_600_000).toUTCString() } }),
    // 100 bytes at one every 100 ms: ten seconds, far past the test's deadline.
    "/trickle": { body: "x".repeat(100), trickleMs: 100 },
    // Headers only after five seconds.
    "/slow-headers": { body: rss("Late"), delayMs: 5_000 },
    "/corrupt-gzip": { headers: { "content-encoding": "gzip" }, body: "this is not gzip at all, not even close" },
    "/corrupt-br": { headers: { "content-encoding": "br" }, body: "nor is this brotli" },
    "/big-declared": { body: "x".repeat(5000) },
    "/big-streamed": { body: "x".repeat(5000), chunked: true },
    "/bomb": { body: new Uint8Array(2 * 1024 * 1024), gzip: true },
  });
  other = await startFeedServer({ "/cross": { body: rss("Cross") } });
  // Hops on a server of their own, so the chain can be any length.
  for (let i = 0; i < 7; i++) server.routes.set(`/hop-${i}`, { status: 301, headers: { location: `/hop-${i + 1}` } });
  server.routes.set("/hop-7", { body: rss("Far") });
  server.routes.set("/hop-exact-0", { status: 301, headers: { location: other.url("/cross") } });
});

afterAll(async () => {
  await server?.close();
  await other?.close();
});

/** Each test gets its own limiter, so no test waits for another's requests. */
const options = (extra: FetchFeedOptions = {}): FetchFeedOptions => ({ limiter: new HostLimiter(), ...extra });

function ok(result: FetchResult) {
  if (result.kind !== "ok") throw new Error(`expected ok, got ${JSON.stringify(result)}`);
  return result;
}
function failed(result: FetchResult) {
  if (result.kind !== "failed") throw new Error(`expected failed, got ${result.kind}`);
  return result;
}
const textOf = (result: FetchResult) => {
  const { bytes, contentType } = ok(result);
  return decodeFeed(bytes, contentType).text;
};

describe("fetchFeed: bodies", () => {
  it("reads a plain, a gzip and a brotli body", async () => {
    expect(textOf(await fetchFeed(server.url("/plain"), undefined, options()))).toContain("<title>Plain</title>");
    expect(textOf(await fetchFeed(server.url("/gzip"), undefined, options()))).toContain("<title>Zipped</title>");
    expect(textOf(await fetchFeed(server.url("/br"), undefined, options()))).toContain("<title>Brotli</title>");
    const plain = ok(await fetchFeed(server.url("/plain"), undefined, options()));
    expect(plain.status).toBe(200);
    expect(plain.contentType).toBe("application/rss+xml");
    expect(plain.finalUrl).toBe(server.url("/plain"));
    expect(plain.movedTo).toBeUndefined();
  });

  it("decodes by the BOM, the header's charset and the XML declaration", async () => {
    for (const path of ["/bom", "/latin1-header", "/latin1-declaration"]) {
      const text = textOf(await fetchFeed(server.url(path), undefined, options()));
      expect(text, path).toContain(`<title>${TITLE}</title>`);
      expect(text.startsWith("\uFEFF"), path).toBe(false);
    }
  });

  it("sends a User-Agent naming Broadsheet and asks for br, gzip and deflate", async () => {
    const before = server.requests.length;
    await fetchFeed(server.url("/plain"), undefined, options());
    const [request] = server.requests.slice(before);
    expect(request.headers["user-agent"]).toMatch(/Broadsheet/);
    expect(request.headers["accept-encoding"]).toBe("br, gzip, deflate");
    expect(request.headers.accept).toMatch(/application\/rss\+xml/);
    await fetchFeed(server.url("/plain"), undefined, options({ userAgent: "Broadsheet/9 (+https://news.example; feed import)" }));
    expect(server.requests.at(-1)?.headers["user-agent"]).toBe("Broadsheet/9 (+https://news.example; feed import)");
  });
});

describe("fetchFeed: conditional requests", () => {
  it("sends the stored validators and reports 304 as not modified", async () => {
    const first = ok(await fetchFeed(server.url("/conditional"), undefined, options()));
    expect(first.validators).toEqual({ url: server.url("/conditional"), etag: '"v1"', lastModified: "Mon, 30 Nov 2026 09:30:00 GMT" });
    const firstRequest = server.requests.at(-1);
    expect(firstRequest?.headers["if-none-match"]).toBeUndefined();

    const second = await fetchFeed(server.url("/conditional"), first.validators, options());
    expect(second.kind).toBe("not-modified");
    const request = server.requests.at(-1);
    expect(request?.headers["if-none-match"]).toBe('"v1"');
    expect(request?.headers["if-modified-since"]).toBe("Mon, 30 Nov 2026 09:30:00 GMT");
    if (second.kind === "not-modified") expect(second.validators.lastModified).toBe("Mon, 30 Nov 2026 09:30:00 GMT");
  });

  it("does not send validators that belong to another URL", async () => {
    await fetchFeed(server.url("/plain"), { url: server.url("/conditional"), etag: '"v1"' }, options());
    expect(server.requests.at(-1)?.headers["if-none-match"]).toBeUndefined();
  });
});

describe("fetchFeed: redirects", () => {
  it("reports a chain of 301 and 308 as a permanent move", async () => {
    const result = ok(await fetchFeed(server.url("/moved-1"), undefined, options()));
    expect(result.finalUrl).toBe(server.url("/moved-final"));
    expect(result.movedTo).toBe(server.url("/moved-final"));
    expect(textOf(result)).toContain("Moved");
  });

  it("does not report a move when any hop is a 302", async () => {
    for (const path of ["/temp", "/temp-then-perm"]) {
      const result = ok(await fetchFeed(server.url(path), undefined, options()));
      expect(result.finalUrl, path).toBe(server.url("/moved-final"));
      expect(result.movedTo, path).toBeUndefined();
    }
  });

  it("follows 5 redirects and refuses the 6th", async () => {
    expect(ok(await fetchFeed(server.url("/hop-2"), undefined, options())).finalUrl).toBe(server.url("/hop-7"));
    const result = failed(await fetchFeed(server.url("/hop-1"), undefined, options()));
    expect(result.reason).toMatch(/too many redirects/);
  });

  it("follows a redirect to another host", async () => {
    const result = ok(await fetchFeed(server.url("/hop-exact-0"), undefined, options()));
    expect(result.movedTo).toBe(other.url("/cross"));
  });

  it("refuses a redirect to anything but http(s)", async () => {
    expect(failed(await fetchFeed(server.url("/ftp"), undefined, options())).reason).toMatch(/non-http\(s\) address \(ftp:\)/);
  });

  it("refuses a URL that is not http(s)", async () => {
    expect(failed(await fetchFeed("file:///etc/passwd", undefined, options())).reason).toMatch(/not an http\(s\) address/);
  });
});

describe("fetchFeed: errors", () => {
  it("reports HTTP errors by status", async () => {
    expect(failed(await fetchFeed(server.url("/not-found"), undefined, options()))).toMatchObject({ reason: "HTTP 404", status: 404 });
    expect(failed(await fetchFeed(server.url("/broken"), undefined, options()))).toMatchObject({ reason: "HTTP 500", status: 500 });
    expect(failed(await fetchFeed(server.url("/gone"), undefined, options()))).toMatchObject({ reason: "HTTP 410", gone: true });
  });

  it("returns Retry-After on 429 (seconds) and 503 (an HTTP-date)", async () => {
    expect(failed(await fetchFeed(server.url("/busy"), undefined, options()))).toMatchObject({ status: 429, retryAfterMs: 120_000 });
    const down = failed(await fetchFeed(server.url("/down"), undefined, options()));
    expect(down.status).toBe(503);
    // An HTTP-date has whole seconds, and the clock moves on: about an hour, give or take a minute.
    expect(down.retryAfterMs).toBeGreaterThan(3_540_000);
    expect(down.retryAfterMs).toBeLessThanOrEqual(3_600_000);
  });

  it("caps Retry-After at 24 hours and ignores what it cannot read", () => {
    expect(parseRetryAfter("999999", 0)).toBe(24 * 3_600_000);
    expect(parseRetryAfter("Thu, 01 Jan 1970 00:01:00 GMT", 0)).toBe(60_000);
    expect(parseRetryAfter("Thu, 01 Jan 1970 00:01:00 GMT", 120_000)).toBe(0);
    expect(parseRetryAfter("soon", 0)).toBeUndefined();
    expect(parseRetryAfter(null, 0)).toBeUndefined();
  });

  it("stops a server that trickles past the deadline", async () => {
    const started = performance.now();
    const result = failed(await fetchFeed(server.url("/trickle"), undefined, options({ deadlineMs: 300 })));
    expect(result.reason).toBe("timed out after 0.3 s");
    // The trickle lasts ten seconds; stopping well before it is what counts.
    expect(performance.now() - started).toBeLessThan(6_000);
  });

  it("stops a server slow to send its headers", async () => {
    const started = performance.now();
    expect(failed(await fetchFeed(server.url("/slow-headers"), undefined, options({ deadlineMs: 300 }))).reason).toBe("timed out after 0.3 s");
    expect(performance.now() - started).toBeLessThan(4_000);
  });

  it("says when a compressed body is corrupt", async () => {
    for (const path of ["/corrupt-gzip", "/corrupt-br"]) {
      expect(failed(await fetchFeed(server.url(path), undefined, options())).reason, path).toBe("the server sent a corrupt compressed body");
    }
  });

  it("says when the server cannot be reached", async () => {
    const gone = await startFeedServer();
    const url = gone.url("/feed");
    await gone.close();
    expect(failed(await fetchFeed(url, undefined, options())).reason).toMatch(/refused the connection|could not fetch/);
  });

  it("reports a cancelled fetch as cancelled", async () => {
    const controller = new AbortController();
    const pending = fetchFeed(server.url("/trickle"), undefined, options({ signal: controller.signal }));
    setTimeout(() => controller.abort(), 50);
    expect(failed(await pending).reason).toBe("cancelled");
  });
});

describe("fetchFeed: size cap", () => {
  it("refuses a declared content-length over the cap", async () => {
    expect(failed(await fetchFeed(server.url("/big-declared"), undefined, options({ maxBytes: 1000 }))).reason).toBe("larger than 1000 bytes");
  });

  it("refuses a streamed body past the cap", async () => {
    expect(failed(await fetchFeed(server.url("/big-streamed"), undefined, options({ maxBytes: 1000 }))).reason).toBe("larger than 1000 bytes");
    expect(ok(await fetchFeed(server.url("/big-streamed"), undefined, options({ maxBytes: 5000 }))).bytes.byteLength).toBe(5000);
  });

  it("counts decoded bytes: a small gzip body that inflates past the cap is refused", async () => {
    expect(failed(await fetchFeed(server.url("/bomb"), undefined, options({ maxBytes: 1024 * 1024 }))).reason).toBe("larger than 1 MB");
    expect(ok(await fetchFeed(server.url("/bomb"), undefined, options())).bytes.byteLength).toBe(2 * 1024 * 1024);
  });
});

describe("politeness", () => {
  it("has at most 2 requests in flight to one host", async () => {
    const slow = await startFeedServer({ "/slow": { body: rss("Slow"), delayMs: 300 } });
    try {
      const limiter = new HostLimiter();
      const results = await Promise.all(Array.from({ length: 6 }, () => fetchFeed(slow.url("/slow"), undefined, { limiter })));
      expect(results.map((result) => result.kind)).toEqual(Array(6).fill("ok"));
      expect(slow.requests).toHaveLength(6);
      expect(slow.maxInFlight).toBeLessThanOrEqual(2);
    } finally {
      await slow.close();
    }
  });

  it("HostLimiter: 2 per host, a global cap, first come first served", async () => {
    const limiter = new HostLimiter({ perHost: 2, total: 3 });
    const granted: string[] = [];
    const take = (host: string, name: string) => limiter.acquire(host).then((release) => (granted.push(name), release));
    const a1 = await take("a", "a1");
    const a2 = await take("a", "a2");
    const a3 = take("a", "a3");
    const b1 = await take("b", "b1");
    const b2 = take("b", "b2");
    await Promise.resolve();
    expect(granted).toEqual(["a1", "a2", "b1"]);
    expect(limiter.inFlight("a")).toBe(2);
    expect(limiter.inFlight()).toBe(3);
    a1();
    a1(); // twice is harmless
    const a3release = await a3;
    expect(granted).toEqual(["a1", "a2", "b1", "a3"]);
    b1();
    const b2release = await b2;
    expect(limiter.inFlight()).toBe(3);
    for (const release of [a2, a3release, b2release]) release();
    expect(limiter.inFlight()).toBe(0);
  });

  it("HostLimiter: a waiter whose signal aborts leaves the queue", async () => {
    const limiter = new HostLimiter({ perHost: 1 });
    const first = await limiter.acquire("a");
    const controller = new AbortController();
    const waiting = limiter.acquire("a", controller.signal);
    controller.abort(new Error("stop"));
    await expect(waiting).rejects.toThrow("stop");
    first();
    const next = await limiter.acquire("a");
    expect(limiter.inFlight("a")).toBe(1);
    next();
  });
});

describe("decodeFeed", () => {
  const body = (title: string) => rss(title, "");
  it("takes the BOM first, then the header, then the declaration, then UTF-8", () => {
    const utf16 = new Uint8Array([0xff, 0xfe, ...Buffer.from(body(TITLE), "utf16le")]);
    expect(decodeFeed(utf16, "text/xml; charset=iso-8859-1")).toMatchObject({ encoding: "utf-16le", source: "bom" });
    expect(decodeFeed(utf16).text).toContain(TITLE);
    const declared = latin1(rss(TITLE, "<?xml version='1.0' encoding='iso-8859-1'?>"));
    expect(decodeFeed(declared, "application/xml")).toMatchObject({ source: "declaration" });
    expect(decodeFeed(declared).text).toContain(TITLE);
    expect(decodeFeed(new TextEncoder().encode(rss(TITLE, "<?xml version='1.0' encoding='iso-8859-1'?>")), 'application/xml; charset="utf-8"')).toMatchObject({ source: "content-type" });
    expect(decodeFeed(new TextEncoder().encode(body(TITLE)))).toMatchObject({ encoding: "utf-8", source: "default" });
  });

  it("reads a declaration of UTF-16 in ASCII bytes as UTF-8", () => {
    expect(decodeFeed(new TextEncoder().encode(rss(TITLE, '<?xml version="1.0" encoding="UTF-16"?>'))).text).toContain(TITLE);
  });

  it("names an unknown encoding", () => {
    expect(() => decodeFeed(new Uint8Array(), "text/xml; charset=klingon")).toThrow(/unknown character encoding "klingon" \(named in the Content-Type header\)/);
    expect(() => decodeFeed(latin1(rss("x", '<?xml version="1.0" encoding="x-martian"?>')))).toThrow(FeedDecodeError);
  });
});

describe("refuseEntityDeclarations", () => {
  it("refuses a DOCTYPE with entity declarations", () => {
    const bomb = `<?xml version="1.0"?>\n<!-- hi -->\n<!DOCTYPE lolz [\n <!ENTITY lol "lol">\n <!ENTITY lol2 "&lol;&lol;">\n]>\n<rss><channel><title>&lol2;</title></channel></rss>`;
    expect(() => refuseEntityDeclarations(bomb)).toThrow(/declares entities/);
    const xxe = `<!DOCTYPE rss [<!ENTITY xxe SYSTEM "file:///etc/hostname">]><rss>&xxe;</rss>`;
    expect(() => refuseEntityDeclarations(xxe)).toThrow(FeedDecodeError);
    const external = `<!DOCTYPE rss SYSTEM "http://example.com/x.dtd" [<!ENTITY a "b">]><rss/>`;
    expect(() => refuseEntityDeclarations(external)).toThrow(/declares entities/);
  });

  it("accepts a public DOCTYPE without an internal subset, and DOCTYPEs in content", () => {
    const netscape = `<?xml version="1.0" encoding="ISO-8859-1"?>\n<!DOCTYPE rss PUBLIC "-//Netscape Communications//DTD RSS 0.91//EN" "http://my.netscape.com/publish/formats/rss-0.91.dtd">\n<rss version="0.91"><channel><title>Caf&eacute;</title></channel></rss>`;
    expect(() => refuseEntityDeclarations(netscape)).not.toThrow();
    const inContent = `${rss("x")}<![CDATA[<!DOCTYPE x [<!ENTITY a "b">]>]]>`;
    expect(() => refuseEntityDeclarations(inContent)).not.toThrow();
    expect(() => refuseEntityDeclarations("\uFEFF" + rss("plain"))).not.toThrow();
  });
});
