/**
 * What a page's HTML head tells a search engine and a link preview before any script runs:
 * the site's, written into index.html, and each topic's and article's, written into a copy
 * of the built index.html that a static host serves at its URL; and where in that copy the
 * page's first screen goes (src/pipeline/publish/first-screen.ts draws it).
 */
import { pagePaths } from "../../contract/pages.ts";
import { FEED_TYPES, type FeedFormat, publishedPaths } from "../../contract/published.ts";
import type { Article, Topic } from "../../contract/types.ts";
import { escapeMarkup, fileUrl, pageUrl } from "./markup.ts";
import { SITE_DESCRIPTION, SITE_IMAGE, SITE_NAME } from "./site-identity.ts";

/**
 * Articles that get a page of their own, newest first: link previews are asked for the
 * stories people share, and a page per article of a 100k archive would add 100,000 files
 * to every build (see docs/publishing.md, "Why the newest 10,000 articles get a page"). Older articles' URLs get the site's head.
 */
export const DEFAULT_PRERENDERED_ARTICLES = 10_000;

/**
 * The app shell: the built index.html as Vite wrote it, before the home page's first screen
 * went into it. The service worker answers every navigation with it (so a page it answers
 * never shows stories older than the index the app then reads), and every page is made from it.
 */
export const SHELL_PAGE = "shell.html";

/** Where index.html wants the page head; the build replaces it. */
export const PAGE_HEAD_MARKER = "<!--broadsheet:page-head-->";

interface PageHead {
  /** The tab's title. */
  title: string;
  /** The title a link preview shows. */
  previewTitle: string;
  description: string;
  path: string;
  type: "website" | "article";
  /** An absolute http(s) URL. */
  image: string;
  /** A story's own picture shows large; the site's icon small. */
  largeImage?: boolean;
  /** Articles only: the app shows the same story at one URL whatever served it. */
  canonical?: boolean;
  publishedAt?: string;
}

function pageHeadHtml(page: PageHead, siteUrl: string): string {
  const url = escapeMarkup(pageUrl(siteUrl, page.path));
  const meta = (key: "name" | "property", name: string, value: string) => `<meta ${key}="${name}" content="${escapeMarkup(value)}" />`;
  return [
    `<title>${escapeMarkup(page.title)}</title>`,
    meta("name", "description", page.description),
    ...(page.canonical ? [`<link rel="canonical" href="${url}" />`] : []),
    meta("property", "og:site_name", SITE_NAME),
    meta("property", "og:type", page.type),
    meta("property", "og:title", page.previewTitle),
    meta("property", "og:description", page.description),
    `<meta property="og:url" content="${url}" />`,
    meta("property", "og:image", page.image),
    ...(page.publishedAt ? [meta("property", "article:published_time", page.publishedAt)] : []),
    meta("name", "twitter:card", page.largeImage ? "summary_large_image" : "summary"),
  ].join("\n    ");
}

const siteHead = (siteUrl: string): PageHead => ({
  title: SITE_NAME,
  previewTitle: SITE_NAME,
  description: SITE_DESCRIPTION,
  path: pagePaths.home,
  type: "website",
  image: fileUrl(siteUrl, SITE_IMAGE),
});

const topicHead = (topic: Topic, siteUrl: string): PageHead => ({
  title: `${topic.name} · ${SITE_NAME}`,
  previewTitle: `${topic.name} on ${SITE_NAME}`,
  description: `The latest stories about ${topic.name}, and every outlet's coverage of them, on ${SITE_NAME}.`,
  path: pagePaths.topic(topic.slug),
  type: "website",
  image: fileUrl(siteUrl, SITE_IMAGE),
  canonical: true,
});

function articleHead(article: Article, siteUrl: string): PageHead {
  const outlet = article.provider?.name ?? article.providerKey;
  const picture = article.images[0]?.url;
  return {
    title: `${article.title} · ${SITE_NAME}`,
    previewTitle: article.title,
    description: article.excerpt ?? `From ${outlet}, with its coverage from other outlets, on ${SITE_NAME}.`,
    path: pagePaths.article(article.id),
    type: "article",
    image: picture ?? fileUrl(siteUrl, SITE_IMAGE),
    largeImage: picture !== undefined,
    canonical: true,
    publishedAt: article.publishedAt,
  };
}

const feedLink = (format: FeedFormat) =>
  `<link rel="alternate" type="${FEED_TYPES[format]}" title="${SITE_NAME}" href="/${publishedPaths.latestFeed(format)}" />`;

/** index.html with the site's head and its feed links where the marker was. */
export function withSiteHead(html: string, siteUrl: string): string {
  const head = [pageHeadHtml(siteHead(siteUrl), siteUrl), feedLink("rss"), feedLink("json")].join("\n    ");
  return html.replace(PAGE_HEAD_MARKER, () => head);
}

/** The file a static host serves for a page's URL: `articles/<id>.html` answers `/articles/<id>` on Netlify and Cloudflare Pages. */
const fileOf = (path: string): string => `${decodeURIComponent(path).slice(1)}.html`;
export const articlePagePath = (id: string): string => fileOf(pagePaths.article(id));
export const topicPagePath = (slug: string): string => fileOf(pagePaths.topic(slug));

/** A page the build writes: its file, its address in the app (without the base), and its head. */
export interface SitePage {
  file: string;
  path: string;
  head: string;
}

/**
 * The pages the build writes as HTML: the home page (index.html), each topic's, and each
 * prerendered article's.
 */
export function sitePages(topics: readonly Topic[], articles: readonly Article[], siteUrl: string): SitePage[] {
  const page = (file: string, head: PageHead): SitePage => ({ file, path: head.path, head: pageHeadHtml(head, siteUrl) });
  return [
    page("index.html", siteHead(siteUrl)),
    ...topics.map((topic) => page(topicPagePath(topic.slug), topicHead(topic, siteUrl))),
    ...articles.map((article) => page(articlePagePath(article.id), articleHead(article, siteUrl))),
  ];
}

const ROOT_OPEN = '<div id="root">';

/** A page's first screen: the markup that goes inside the app's root, and the data after it (src/contract/page-state.ts). */
export interface FirstScreen {
  body: string;
  data: string;
}

/**
 * The built index.html (same scripts, so the app starts as usual), cut where a page's head
 * goes (the site's is swapped for the page's) and where its first screen goes: in place of
 * the shell's header inside the app's root, the last element of the body, and its data
 * right after the root, where the app finds it before it hydrates.
 */
export function pageTemplate(builtHtml: string, siteUrl: string): (page: SitePage, firstScreen?: FirstScreen) => string {
  const site = pageHeadHtml(siteHead(siteUrl), siteUrl);
  const at = builtHtml.indexOf(site);
  if (at < 0) throw new Error(`index.html has no page head to replace: it needs ${PAGE_HEAD_MARKER} in its <head>`);
  const [before, after] = [builtHtml.slice(0, at), builtHtml.slice(at + site.length)];
  const open = after.indexOf(ROOT_OPEN);
  const close = after.lastIndexOf("</div>", after.indexOf("</body>"));
  return (page, firstScreen) => {
    if (firstScreen === undefined) return before + page.head + after;
    if (open < 0 || close < open) throw new Error(`index.html has no ${ROOT_OPEN} at the end of its <body> for the first screen`);
    const end = close + "</div>".length;
    return before + page.head + after.slice(0, open + ROOT_OPEN.length) + firstScreen.body + after.slice(close, end) + firstScreen.data + after.slice(end);
  };
}
