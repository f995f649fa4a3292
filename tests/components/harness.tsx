import { useEffect } from "react";
import { QueryClientProvider } from "@tanstack/react-query";
import { render } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { MemoryRouter, useLocation, type Location } from "react-router-dom";
import { onTestFinished, vi } from "vitest";
import { AppRoutes } from "../../src/app/routes.tsx";
import type { SortOrder } from "../../src/contract/order.ts";
import { articleBucketOf, bucketTableSlot } from "../../src/contract/buckets.ts";
import { dataPaths, type ShardKind } from "../../src/contract/data-layout.ts";
import type { Article, BucketTable, ListHead, PageTable, OutletCatalog, SiteIndex, Topic, TopicCatalog, TopicRef } from "../../src/contract/types.ts";
import { createQueryClient, type FeedSource } from "../../src/lib/queries.ts";
import { dataFiles } from "../../src/pipeline/data-files.ts";
import { uniqueRelated, type ArticleRecord } from "../../src/pipeline/parse-file.ts";
import { outletKeyOf } from "../../src/pipeline/outlets.ts";
import { toSummary } from "../../src/contract/summary.ts";
import { articleId, buildSiteModel } from "../../src/pipeline/site.ts";
import { slugify } from "../../src/pipeline/slug.ts";
import { normaliseUrl } from "../../src/pipeline/urls.ts";

// ---------------------------------------------------------------------------
// Fixture data, cut the way the content pipeline cuts it.
// ---------------------------------------------------------------------------

/** A topic as a story carries it, slugged as the pipeline slugs a topic that no other topic's slug competes with. */
export const topic = (name: string): TopicRef => ({
  slug: slugify(name.normalize("NFKC").toLowerCase()) || "topic",
  name,
});

let made = 0;

/**
 * An article with the id the pipeline gives it (`articleId` of its title and normalised source
 * URL); every field but the id can be given. `siteFiles` checks that the site it builds agrees.
 */
export function makeArticle(fields: Partial<Omit<Article, "id">> & { title: string }): Article {
  made += 1;
  // Published on its outlet's host, as the pipeline requires of an outlet's stories.
  const sourceUrl = fields.sourceUrl ?? `https://${fields.provider?.domain ?? "news.example.com"}/${slugify(fields.title) || "story"}`;
  return {
    id: articleId(fields.title, normaliseUrl(sourceUrl)),
    sourceUrl,
    publishedAt: new Date(Date.UTC(2024, 0, 1) - made * 3600_000).toISOString(),
    topics: [],
    images: [],
    related: [],
    // The site's build finds each article's story; alone until then.
    story: { articles: [], articleCount: 0, outlets: [], outletCount: 0 },
    ...fields,
    providerKey: outletKeyOf(sourceUrl),
  };
}

/** `count` articles, each an hour older than the one before. */
export function makeArticles(count: number, fields: Partial<Article> = {}): Article[] {
  return Array.from({ length: count }, (_, i) =>
    makeArticle({
      title: `Story ${i + 1}`,
      publishedAt: new Date(Date.UTC(2024, 0, 1) - i * 3600_000).toISOString(),
      ...fields,
    }),
  );
}

export { toSummary };

export interface Site {
  index: SiteIndex;
  topics: { topics: Topic[] };
  /** Every data file, by its path relative to the base URL. */
  files: Map<string, unknown>;
}

interface SiteOptions {
  articleBucketBits?: number;
  offlineArticles?: boolean;
}

/** A fixture article as the content pipeline reads it from its file (`parseArticleFile`): `file` orders merged copies. */
function recordOf(article: Article, index: number): ArticleRecord {
  const { id: _id, providerKey: _providerKey, story: _story, topics, related, ...fields } = article;
  const key = normaliseUrl(article.sourceUrl);
  return {
    ...fields,
    file: `${String(index).padStart(6, "0")}.txt`,
    key,
    draft: false,
    topics: topics.map((topic) => topic.name),
    ...uniqueRelated(key, related),
  };
}

/**
 * The data files for `articles`, cut by the pipeline itself (`buildSiteModel`, then `dataFiles`)
 * from the records their files would make. A test finds an article by its fixture's id and a
 * topic by its fixture's slug: both are checked against the site built.
 */
export function siteFiles(articles: readonly Article[], { articleBucketBits = 1, offlineArticles = true }: SiteOptions = {}): Site {
  const model = buildSiteModel(articles.map(recordOf), { articleBucketBits });
  const built = new Map(model.articles.map((article) => [normaliseUrl(article.sourceUrl), article]));
  for (const article of articles) {
    const found = built.get(normaliseUrl(article.sourceUrl));
    if (found?.id !== article.id) throw new Error(`the fixture "${article.title}" has the id ${article.id}, the site built ${found?.id ?? "no article"}`);
    for (const { slug, name } of article.topics) {
      const slugged = found.topics.find((topic) => topic.name.normalize("NFKC").toLowerCase() === name.normalize("NFKC").toLowerCase())?.slug;
      if (slugged !== slug) throw new Error(`the fixture "${article.title}" has the topic ${name} as ${slug}, the site built ${slugged ?? "none"}`);
    }
  }
  const files = new Map<string, unknown>();
  for (const file of dataFiles(model, { offlineArticleBudget: offlineArticles ? Infinity : 0 })) {
    files.set(file.path, JSON.parse(file.render()));
  }
  return { index: files.get(dataPaths.index) as SiteIndex, topics: { topics: model.topics }, files };
}

const fileOf = <T,>(site: Site, kind: ShardKind, name: string): T => site.files.get(dataPaths.shard(kind, name)) as T;

/** Where the app finds `article`: its bucket, named by the bucket table the index names. */
export function bucketPathOf(site: Site, article: Article): string {
  const { bits, tables } = site.index.articles;
  const { table, slot } = bucketTableSlot(articleBucketOf(article.id, bits) ?? -1, bits);
  return dataPaths.shard("articles", fileOf<BucketTable>(site, "tables", tables[table]).groups[slot]);
}

/** The path of the topic catalog, which every topic page outside the index's top topics reads. */
export const topicsPathOf = (site: Site): string => dataPaths.shard("catalogs", site.index.topics);

/** The name of a list's first page in `sort` (of a list the site has). */
function headNameOf(site: Site, source: FeedSource, sort: SortOrder): string {
  let latest = site.index.feed;
  if (source && "topic" in source) latest = fileOf<TopicCatalog>(site, "catalogs", site.index.topics).topics.find((topic) => topic.slug === source.topic)?.list ?? "";
  if (source && "provider" in source) latest = fileOf<OutletCatalog>(site, "catalogs", site.index.providers).providers.find((outlet) => outlet.key === source.provider)?.list ?? "";
  const head = fileOf<ListHead>(site, "lists", latest);
  return sort === "latest" || !head.orders ? latest : head.orders[sort];
}

/** The path of a list's first page in `sort`. */
export const headPathOf = (site: Site, source: FeedSource, sort: SortOrder = "latest"): string => dataPaths.shard("lists", headNameOf(site, source, sort));

/** The path of the page that holds a list's story at `position` (from 0), past its first page. */
export function pagePathOf(site: Site, source: FeedSource, position: number, sort: SortOrder = "latest"): string {
  const head = fileOf<ListHead>(site, "lists", headNameOf(site, source, sort));
  let start = 0;
  const table = fileOf<PageTable>(site, "tables", head.pages ?? "");
  for (const [i, name] of table.pages.entries()) {
    if (position < start + table.counts[i]) return dataPaths.shard("pages", name);
    start += table.counts[i];
  }
  throw new Error(`the list has no story at ${position}`);
}

// ---------------------------------------------------------------------------
// A static host in place of fetch.
// ---------------------------------------------------------------------------

type Answer = () => Response | Promise<Response>;

const json = (body: unknown) => new Response(JSON.stringify(body), { status: 200, headers: { "content-type": "application/json" } });

export interface DataServer {
  /** Paths asked for, relative to the base URL, in order. */
  readonly requests: string[];
  requestsFor(path: string): number;
  /** Answer `path` with the data files' usual JSON. */
  serveJson(path: string, body: unknown): void;
  /** Answer `path` as a static host with an SPA fallback does: index.html, status 200. */
  serveHtml(path: string): void;
  serveStatus(path: string, status: number): void;
  /** Make `path` unreachable, as offline with nothing saved: its fetch rejects. */
  unreachable(path: string): void;
  /** Keep `path` loading until the returned function is called. */
  hold(path: string): () => void;
}

/**
 * Stubs `fetch` with a host that serves the site's files and 404s anything else.
 * The app asks for `${import.meta.env.BASE_URL}${path}`; BASE_URL is "/" under Vitest.
 */
export function serve(site: Site): DataServer {
  const answers = new Map<string, Answer>();
  for (const [path, body] of site.files) answers.set(path, () => json(body));
  const requests: string[] = [];

  vi.stubGlobal(
    "fetch",
    vi.fn(async (input: RequestInfo | URL) => {
      // Resolved against the page as a browser does: dot segments fold, escapes decode.
      const url = new URL(typeof input === "string" || input instanceof URL ? input : input.url, window.location.href);
      const path = decodeURIComponent(url.pathname).slice(import.meta.env.BASE_URL.length);
      requests.push(path);
      const answer = answers.get(path);
      return answer ? answer() : new Response("Not found", { status: 404, headers: { "content-type": "text/plain" } });
    }),
  );

  return {
    requests,
    requestsFor: (path) => requests.filter((asked) => asked === path).length,
    serveJson: (path, body) => void answers.set(path, () => json(body)),
    serveHtml: (path) =>
      void answers.set(path, () => new Response("<!doctype html><title>Broadsheet</title>", { status: 200, headers: { "content-type": "text/html" } })),
    serveStatus: (path, status) => void answers.set(path, () => new Response("", { status })),
    unreachable: (path) =>
      void answers.set(path, () => {
        throw new TypeError("Failed to fetch");
      }),
    hold(path) {
      const previous = answers.get(path) ?? (() => new Response("", { status: 404 }));
      let release = () => {};
      const held = new Promise<void>((resolve) => (release = resolve));
      answers.set(path, async () => {
        await held;
        return previous();
      });
      return release;
    },
  };
}

// ---------------------------------------------------------------------------
// Rendering a URL.
// ---------------------------------------------------------------------------

/** Keeps the memory router's current location where a test can read it. */
function LocationProbe({ locationRef }: { locationRef: { current: Location | undefined } }) {
  const location = useLocation();
  useEffect(() => {
    locationRef.current = location;
  }, [location, locationRef]);
  return null;
}

/** The app's own routes at `url`, with a fresh query cache that does not retry. */
export function renderApp(url: string) {
  const queryClient = createQueryClient();
  const defaults = queryClient.getDefaultOptions();
  queryClient.setDefaultOptions({ ...defaults, queries: { ...defaults.queries, retry: false } });
  onTestFinished(() => queryClient.clear());
  const location: { current: Location | undefined } = { current: undefined };
  const user = userEvent.setup();
  const view = render(
    <QueryClientProvider client={queryClient}>
      <MemoryRouter initialEntries={[url]}>
        <AppRoutes />
        <LocationProbe locationRef={location} />
      </MemoryRouter>
    </QueryClientProvider>,
  );
  return { ...view, user, location, queryClient };
}
