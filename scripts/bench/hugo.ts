/**
 * The peer row of issue #11: the same archive built by Hugo (Debian's 0.111), with minimal
 * templates: one HTML page per article, the home list and the section list paged by 50,
 * one paged list per topic (a taxonomy) and the topic index, RSS feeds of the newest 50
 * (as Broadsheet's) and the sitemap. Timed with `/usr/bin/time -v` as `vite build` is.
 *
 * Hugo is installed with `apt-get install -y hugo` when it is missing and the benchmark runs
 * as root; otherwise the row is skipped with a note. Only the benchmark uses it: never
 * `npm test` nor `.ci/run`.
 */
import { execFile } from "node:child_process";
import { copyFile, link, mkdir, readdir, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { articleFiles } from "./bare-parse.ts";
import { runTimedCommand, type TimedRun } from "./timed.ts";

export interface HugoFigures {
  version: string;
  run: TimedRun;
  /** HTML pages Hugo wrote. */
  pages: number;
  /** Articles it was given. */
  articles: number;
}

const run = (command: string, args: string[]) =>
  new Promise<{ ok: boolean; output: string }>((done) =>
    execFile(command, args, { maxBuffer: 64 * 2 ** 20 }, (error, stdout, stderr) => done({ ok: error === null, output: `${stdout}${stderr}` })),
  );

/** Hugo is not there and cannot be installed: the row is skipped, not failed. */
export class HugoMissing extends Error {}

let found: Promise<string> | undefined;

/** `hugo version`'s line; installs Hugo from Debian when it is missing and that is possible; throws the reason to skip otherwise. */
export function ensureHugo(log: (line: string) => void): Promise<string> {
  found ??= (async () => {
    const version = async () => {
      const { ok, output } = await run("hugo", ["version"]);
      return ok ? output.trim() : undefined;
    };
    const present = await version();
    if (present) return present;
    if (process.getuid?.() !== 0) throw new HugoMissing("Hugo is not installed, and the benchmark is not running as root to install it (`apt-get install -y hugo`)");
    log("Hugo is missing: apt-get install -y hugo…");
    let install = await run("apt-get", ["install", "-y", "hugo"]);
    if (!install.ok) {
      await run("apt-get", ["update"]);
      install = await run("apt-get", ["install", "-y", "hugo"]);
    }
    const installed = await version();
    if (!installed) throw new HugoMissing(`Hugo could not be installed with apt-get: ${install.output.trim().split("\n").slice(-3).join(" / ")}`);
    return installed;
  })();
  return found;
}

const CONFIG = `baseURL = "https://news.example.com/"
title = "Broadsheet archive on Hugo"
languageCode = "en"
paginate = 50
[taxonomies]
topic = "topics"
[frontmatter]
date = ["publishedDateTime", ":default"]
[services.rss]
limit = 50
`;

const LAYOUTS: Record<string, string> = {
  "baseof.html": `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width"><title>{{ .Title }} · {{ .Site.Title }}</title></head><body><header><a href="/">{{ .Site.Title }}</a> <a href="/topics/">Topics</a></header><main>{{ block "main" . }}{{ end }}</main></body></html>\n`,
  "single.html": `{{ define "main" }}<article><h1>{{ .Title }}</h1><p>{{ .Params.excerpt }}</p><time datetime="{{ .Date.Format "2006-01-02T15:04:05Z07:00" }}">{{ .Date.Format "2 January 2006" }}</time><ul>{{ range .GetTerms "topics" }}<li><a href="{{ .RelPermalink }}">{{ .LinkTitle }}</a></li>{{ end }}</ul><p><a href="{{ .Params.sourceUrl }}">Read at {{ .Params.provider.name }}</a></p></article>{{ end }}\n`,
  "list.html": `{{ define "main" }}<h1>{{ .Title }}</h1>{{ $pager := .Paginate .Pages }}{{ if .IsHome }}{{ $pager = .Paginate .Site.RegularPages }}{{ end }}<ul>{{ range $pager.Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a> <time>{{ .Date.Format "2 Jan 2006" }}</time></li>{{ end }}</ul>{{ with $pager.Next }}<a href="{{ .URL }}">Older stories</a>{{ end }}{{ end }}\n`,
  "terms.html": `{{ define "main" }}<h1>{{ .Title }}</h1><ul>{{ range .Data.Terms.ByCount }}<li><a href="{{ .Page.RelPermalink }}">{{ .Page.Title }}</a> ({{ .Count }})</li>{{ end }}</ul>{{ end }}\n`,
};

/**
 * The Hugo site for `archive` in `folder`: every article file as `content/articles/<name>.md`
 * (a hard link: the front matter is already YAML), the config and the layouts.
 */
async function hugoSite(archive: string, folder: string): Promise<number> {
  await rm(folder, { recursive: true, force: true });
  const articles = join(folder, "content", "articles");
  const layouts = join(folder, "layouts", "_default");
  await mkdir(articles, { recursive: true });
  await mkdir(layouts, { recursive: true });
  await writeFile(join(folder, "hugo.toml"), CONFIG);
  for (const [name, text] of Object.entries(LAYOUTS)) await writeFile(join(layouts, name), text);
  const files = articleFiles(archive);
  const place = async (file: string) => {
    const target = join(articles, `${file.slice(archive.length + 1).replaceAll("/", "_").replace(/\.(txt|md)$/, "")}.md`);
    await link(file, target).catch(() => copyFile(file, target));
  };
  for (let start = 0; start < files.length; start += 256) await Promise.all(files.slice(start, start + 256).map(place));
  return files.length;
}

async function htmlPages(dir: string): Promise<number> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries.filter((entry) => entry.isFile() && entry.name.endsWith(".html")).length;
}

/** Converts `archive` into a Hugo site under `work` once, builds it with `hugo --quiet`, and removes it. */
export async function measureHugo(archive: string, work: string, log: (line: string) => void): Promise<HugoFigures> {
  const version = await ensureHugo(log);
  const folder = join(work, "hugo-site");
  try {
    const articles = await hugoSite(archive, folder);
    log(`  hugo --quiet (${articles} articles)…`);
    const timed = await runTimedCommand("hugo", ["--quiet", "--destination", join(folder, "public"), "--cacheDir", join(folder, "cache")], { cwd: folder });
    const pages = await htmlPages(join(folder, "public"));
    log(`  Hugo built ${pages} pages in ${(timed.wallMs / 1000).toFixed(1)} s, peak ${(timed.maxRssBytes / 2 ** 20).toFixed(0)} MiB`);
    return { version: /v[\d.]+/.exec(version)?.[0] ?? version, run: timed, pages, articles };
  } finally {
    await rm(folder, { recursive: true, force: true });
  }
}
