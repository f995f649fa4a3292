/**
 * The feeds the build publishes for feed readers: the whole site's and each topic's
 * newest stories, in RSS 2.0 and JSON Feed 1.1.
 */
import { pagePaths } from "../../contract/pages.ts";
import { FEED_TYPES, type FeedFormat, PUBLISHED_FEED_SIZE, publishedPaths } from "../../contract/published.ts";
import type { Article } from "../../contract/types.ts";
import type { DataFile } from "../shards.ts";
import type { SiteModel } from "../site.ts";
import { escapeMarkup, fileUrl, pageUrl } from "./markup.ts";
import { SITE_NAME } from "./site-identity.ts";

export const JSON_FEED_VERSION = "https://jsonfeed.org/version/1.1";

/** One published feed: its name, the app's page that lists the same stories, its files, its stories newest first. */
export interface FeedChannel {
  title: string;
  description: string;
  page: string;
  file: (format: FeedFormat) => string;
  articles: readonly Article[];
}

/** RFC 822 dates, as RSS wants them (`Sun, 22 Dec 2019 12:58:00 GMT`). */
const rfc822 = (iso: string) => new Date(iso).toUTCString();

function rssItem(article: Article, siteUrl: string): string {
  const link = escapeMarkup(pageUrl(siteUrl, pagePaths.article(article.id)));
  const lines = [
    `<title>${escapeMarkup(article.title)}</title>`,
    `<link>${link}</link>`,
    `<guid isPermaLink="true">${link}</guid>`,
    `<pubDate>${rfc822(article.publishedAt)}</pubDate>`,
    // Readers take an RSS description as HTML: escaped once for HTML and once for XML, an excerpt stays text.
    ...(article.excerpt ? [`<description>${escapeMarkup(escapeMarkup(article.excerpt))}</description>`] : []),
    ...article.topics.map((topic) => `<category>${escapeMarkup(topic.name)}</category>`),
  ];
  return `    <item>\n${lines.map((line) => `      ${line}\n`).join("")}    </item>\n`;
}

export function rssFeed(channel: FeedChannel, siteUrl: string): string {
  const newest = channel.articles[0]?.publishedAt;
  const head = [
    `<title>${escapeMarkup(channel.title)}</title>`,
    `<link>${escapeMarkup(pageUrl(siteUrl, channel.page))}</link>`,
    `<description>${escapeMarkup(channel.description)}</description>`,
    "<language>en</language>",
    // The newest story's date rather than the clock's: two builds of the same content write the same feed.
    ...(newest ? [`<lastBuildDate>${rfc822(newest)}</lastBuildDate>`] : []),
    `<atom:link href="${escapeMarkup(fileUrl(siteUrl, channel.file("rss")))}" rel="self" type="${FEED_TYPES.rss}"/>`,
  ];
  return (
    '<?xml version="1.0" encoding="UTF-8"?>\n' +
    '<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom">\n' +
    "  <channel>\n" +
    head.map((line) => `    ${line}\n`).join("") +
    channel.articles.map((article) => rssItem(article, siteUrl)).join("") +
    "  </channel>\n" +
    "</rss>\n"
  );
}

export function jsonFeed(channel: FeedChannel, siteUrl: string): string {
  return JSON.stringify({
    version: JSON_FEED_VERSION,
    title: channel.title,
    home_page_url: pageUrl(siteUrl, channel.page),
    feed_url: fileUrl(siteUrl, channel.file("json")),
    description: channel.description,
    language: "en",
    items: channel.articles.map((article) => {
      const url = pageUrl(siteUrl, pagePaths.article(article.id));
      return {
        id: url,
        url,
        external_url: article.sourceUrl,
        title: article.title,
        content_text: article.excerpt ?? article.title,
        date_published: article.publishedAt,
        tags: article.topics.map((topic) => topic.name),
        ...(article.images[0] ? { image: article.images[0].url } : {}),
      };
    }),
  });
}

type FeedModel = Pick<SiteModel, "articles" | "topics" | "topicArticles">;

/** The site's feed, then each topic's: the newest `PUBLISHED_FEED_SIZE` articles of each. */
export function feedChannels(model: FeedModel): FeedChannel[] {
  const channels: FeedChannel[] = [
    {
      title: SITE_NAME,
      description: `The newest stories on ${SITE_NAME}, with their coverage from other outlets.`,
      page: pagePaths.home,
      file: publishedPaths.latestFeed,
      articles: model.articles.slice(0, PUBLISHED_FEED_SIZE),
    },
  ];
  for (const topic of model.topics) {
    const newest = (model.topicArticles.get(topic.slug) ?? []).slice(0, PUBLISHED_FEED_SIZE);
    channels.push({
      title: `${topic.name} · ${SITE_NAME}`,
      description: `The newest stories about ${topic.name} on ${SITE_NAME}.`,
      page: pagePaths.topic(topic.slug),
      file: (format) => publishedPaths.topicFeed(topic.slug, format),
      articles: newest.map((index) => model.articles[index]),
    });
  }
  return channels;
}

export function* feedFiles(model: FeedModel, siteUrl: string): Generator<DataFile> {
  for (const channel of feedChannels(model)) {
    yield { path: channel.file("rss"), render: () => rssFeed(channel, siteUrl) };
    yield { path: channel.file("json"), render: () => jsonFeed(channel, siteUrl) };
  }
}
