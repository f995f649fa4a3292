import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { isDataAnswer, isJsonType } from "../../src/contract/data-answer.ts";
import { dataOnly, lastGoodCopy } from "../../src/service-worker/data-plugins.ts";
import { IMAGE_CACHE_BYTES, imageBudget, OPAQUE_IMAGE_BYTES, weigh } from "../../src/service-worker/image-budget.ts";

const event = {} as ExtendableEvent;
const request = new Request("https://example.com/data/index.json");
const answer = (status: number, type: string | null, body = "{}") =>
  new Response(body, { status, headers: type === null ? {} : { "content-type": type } });

describe("what counts as a data file", () => {
  it.each([
    ["application/json", true],
    ["application/json; charset=utf-8", true],
    ["Application/JSON", true],
    ["application/feed+json", true],
    ["text/html; charset=utf-8", false],
    ["text/plain", false],
    ["application/jsonp", false],
    [null, false],
  ])("%s is JSON: %s", (type, json) => {
    expect(isJsonType(type)).toBe(json);
  });

  it("is a 200 with a JSON type: a host's fallback page, an error or an empty answer is not", () => {
    expect(isDataAnswer(answer(200, "application/json"))).toBe(true);
    expect(isDataAnswer(answer(200, "text/html", "<!doctype html>"))).toBe(false);
    expect(isDataAnswer(answer(404, "application/json"))).toBe(false);
    expect(isDataAnswer(new Response(null, { status: 204, headers: { "content-type": "application/json" } }))).toBe(false);
  });

  it("is all the data routes of the service worker cache", async () => {
    const json = answer(200, "application/json");
    expect(await dataOnly.cacheWillUpdate({ request, response: json, event })).toBe(json);
    expect(await dataOnly.cacheWillUpdate({ request, response: answer(200, "text/html", "<!doctype html>"), event })).toBeNull();
    expect(await dataOnly.cacheWillUpdate({ request, response: answer(500, "application/json"), event })).toBeNull();
  });

  it("is the only answer the network-first index takes from the network: anything else leaves it to the last good copy", async () => {
    const json = answer(200, "application/json");
    expect(await lastGoodCopy.fetchDidSucceed({ request, response: json, event })).toBe(json);
    await expect(lastGoodCopy.fetchDidSucceed({ request, response: answer(200, "text/html", "<!doctype html>"), event })).rejects.toThrow(
      "Not a data file: HTTP 200, text/html",
    );
    await expect(lastGoodCopy.fetchDidSucceed({ request, response: answer(503, "text/plain"), event })).rejects.toThrow();
  });
});

/** The Cache API as far as the plugin uses it: entries in the order they were stored, a new put last. */
class FakeCache {
  readonly entries = new Map<string, Response>();
  async keys() {
    return [...this.entries.keys()].map((url) => new Request(url));
  }
  async match(key: Request) {
    return this.entries.get(key.url);
  }
  async delete(key: Request) {
    return this.entries.delete(key.url);
  }
  async put(key: Request, response: Response) {
    this.entries.delete(key.url);
    this.entries.set(key.url, response);
  }
}

const CACHE = "broadsheet-images";
const opaque = () => Object.defineProperty(new Response("tiny"), "type", { value: "opaque" }) as Response;
const sized = (bytes: number) => new Response(new Uint8Array(bytes), { headers: { "content-length": String(bytes) } });

describe("the image cache's byte budget", () => {
  let cache: FakeCache;
  beforeEach(() => {
    cache = new FakeCache();
    vi.stubGlobal("caches", { open: async (name: string) => (name === CACHE ? cache : new FakeCache()) });
  });
  afterEach(() => vi.unstubAllGlobals());

  /** Stores each image as the strategy does, then tells the plugin, as Workbox does after each put. */
  async function store(plugin: ReturnType<typeof imageBudget>, images: [string, Response][]) {
    for (const [name, response] of images) {
      const key = new Request(`https://images.example.com/${name}`);
      await cache.put(key, response);
      await plugin.cacheDidUpdate({ cacheName: CACHE, request: key, newResponse: response, event });
    }
  }
  const names = () => [...cache.entries.keys()].map((url) => url.split("/").pop());

  it("keeps every image while together they weigh no more than the budget", async () => {
    const plugin = imageBudget({ maxBytes: 1000 });
    await store(plugin, [["a", sized(400)], ["b", sized(600)]]);
    expect(names()).toEqual(["a", "b"]);
  });

  it("deletes the longest cached first until the rest fit", async () => {
    const plugin = imageBudget({ maxBytes: 1000 });
    await store(plugin, [["a", sized(400)], ["b", sized(400)], ["c", sized(300)], ["d", sized(500)]]);
    expect(names()).toEqual(["c", "d"]);
  });

  it("counts an opaque answer at its documented weight, whatever it holds: 14 of them fit in 100 MB", async () => {
    expect(OPAQUE_IMAGE_BYTES).toBe(7 * 1024 * 1024);
    expect(IMAGE_CACHE_BYTES).toBe(100 * 1024 * 1024);
    const plugin = imageBudget();
    await store(plugin, Array.from({ length: 16 }, (_, i): [string, Response] => [`opaque-${i}`, opaque()]));
    expect(names()).toEqual(Array.from({ length: 14 }, (_, i) => `opaque-${i + 2}`));
  });

  it("weighs an answer without a Content-Length by its body", async () => {
    expect(await weigh(new Response(new Uint8Array(1234)))).toBe(1234);
    expect(await weigh(sized(99))).toBe(99);
    expect(await weigh(opaque(), 5)).toBe(5);
  });

  it("keeps the budget when images arrive at once", async () => {
    const plugin = imageBudget({ maxBytes: 1000 });
    const images = ["a", "b", "c", "d", "e"].map((name) => [new Request(`https://images.example.com/${name}`), sized(300)] as const);
    for (const [key, response] of images) await cache.put(key, response);
    await Promise.all(images.map(([key, response]) => plugin.cacheDidUpdate({ cacheName: CACHE, request: key, newResponse: response, event })));
    expect(names()).toEqual(["c", "d", "e"]);
  });
});
