/**
 * Safe by default on a real host: the site's one Content-Security-Policy and the headers
 * sent with it. The build writes it twice from the same final HTML: to `_headers` (Netlify,
 * Cloudflare Pages; docs/publishing.md shows it for nginx and CloudFront) and as a `<meta>` in
 * index.html, which every article page copies, for hosts that cannot set headers. And the
 * dev server never hands out the content folder's raw files: they hold `secured` values.
 */
import { createHash } from "node:crypto";
import { existsSync, realpathSync } from "node:fs";
import { isAbsolute, join, resolve } from "node:path";
import { normalizePath, resolveConfig, type Plugin, type UserConfig } from "vite";
import { IMMUTABLE_CACHE_CONTROL } from "../../contract/data-layout.ts";

/** The file Netlify and Cloudflare Pages read their response headers from. */
const HEADERS_FILE = "_headers";

/**
 * The policy's directives; `script-src` gets the hash of each inline script as well. The app
 * needs only its own origin: scripts, modulepreload and CSS from `assets/`, data and feeds
 * fetched from `data/`, the web manifest, and the service worker (registered by
 * workbox-window) with what it imports. Stories' pictures come from any http(s) host.
 * Style attributes are allowed: a prerendered page's markup carries the few styles React
 * writes (a picture's aspect ratio, an outlet's colour), the same ones the app sets through
 * the CSSOM, which no policy governs; a style attribute has no selectors and loads nothing
 * but what img-src allows. Style sheets and <style> elements stay the site's own.
 */
const DIRECTIVES: readonly (readonly [string, ...string[]])[] = [
  ["default-src", "'self'"],
  ["script-src", "'self'"],
  ["style-src", "'self'"],
  ["style-src-attr", "'unsafe-inline'"],
  ["img-src", "'self'", "https:", "http:"],
  ["connect-src", "'self'"],
  ["manifest-src", "'self'"],
  ["worker-src", "'self'"],
  ["object-src", "'none'"],
  ["base-uri", "'self'"],
  ["form-action", "'self'"],
  ["frame-ancestors", "'none'"],
];

/** Browsers ignore these in a `<meta>` policy, and Chromium says so in the console: headers only. */
const HEADER_ONLY = new Set(["frame-ancestors"]);

/**
 * The service worker's script, as src/features/pwa/start-pwa.ts registers it. Its policy comes
 * with its own response, and there its `fetch()` of the pictures it caches is checked against
 * `connect-src`, not `img-src`: that is the one directive it has wider than the pages.
 */
const SERVICE_WORKER = "sw.js";

/** Sent with every file. */
const OTHER_HEADERS = {
  "Referrer-Policy": "strict-origin-when-cross-origin",
  "X-Content-Type-Options": "nosniff",
} as const;


const INLINE_SCRIPT = /<script\b([^>]*)>([\s\S]*?)<\/script\s*>/gi;

/**
 * `'sha256-…'` for each inline script of a page, in order, each once: what the browser
 * hashes is the text between the tags, line breaks read as `\n` as its HTML parser does.
 */
export function inlineScriptHashes(html: string): string[] {
  const hashes = new Set<string>();
  for (const [, attributes, text] of html.replace(/<!--[\s\S]*?-->/g, "").matchAll(INLINE_SCRIPT)) {
    if (/\bsrc\s*=/i.test(attributes)) continue;
    hashes.add(`'sha256-${createHash("sha256").update(text.replace(/\r\n?/g, "\n")).digest("base64")}'`);
  }
  return [...hashes];
}

/**
 * The policy for a page whose inline scripts have these hashes: as a header, as a `<meta>`
 * (without what only a header can say), or as the service worker's header.
 */
export function contentSecurityPolicy(scriptHashes: readonly string[], delivery: "header" | "meta" | "worker"): string {
  const images = DIRECTIVES.find(([name]) => name === "img-src")?.slice(1) ?? [];
  return DIRECTIVES.filter(([name]) => delivery !== "meta" || !HEADER_ONLY.has(name))
    .map(([name, ...sources]) => {
      if (name === "script-src") return [name, ...sources, ...scriptHashes];
      return delivery === "worker" && name === "connect-src" ? [name, ...images] : [name, ...sources];
    })
    .map((directive) => directive.join(" "))
    .join("; ");
}

const POLICY_META = /<meta http-equiv="Content-Security-Policy" content="([^"]*)" \/>/;

/** The policy a page's `<meta>` carries, if any. */
const metaPolicyOf = (html: string): string | undefined => POLICY_META.exec(html)?.[1];

/**
 * The page with its policy as a `<meta>` right after its charset (a `<meta>` policy governs
 * only what follows it), hashing the page's own inline scripts, and the referrer policy.
 */
export function withPolicyMeta(html: string): string {
  const tags = [
    `<meta http-equiv="Content-Security-Policy" content="${contentSecurityPolicy(inlineScriptHashes(html), "meta")}" />`,
    `<meta name="referrer" content="${OTHER_HEADERS["Referrer-Policy"]}" />`,
  ];
  const charset = /<meta charset[^>]*>/i.exec(html);
  if (!charset || metaPolicyOf(html)) throw new Error("index.html needs a <meta charset> and no Content-Security-Policy of its own: the build writes it (src/pipeline/publish/security.ts)");
  const at = charset.index + charset[0].length;
  const indent = /\n([ \t]*)$/.exec(html.slice(0, charset.index))?.[1] ?? "";
  return html.slice(0, at) + tags.map((tag) => `\n${indent}${tag}`).join("") + html.slice(at);
}

/**
 * `_headers` as Netlify and Cloudflare Pages read it: a path (`*` matches anything), then its
 * indented headers. Both apply every rule that matches; for the service worker's own policy
 * Cloudflare needs the site-wide one detached first (`! Name`: otherwise it would send both,
 * and a browser enforces both), while Netlify skips that line and lets the later rule's value win.
 */
export function headersFile(scriptHashes: readonly string[], base: string, immutableFolders: readonly string[]): string {
  const rule = (path: string, headers: Record<string, string>, detach: string[] = []) => [
    path,
    ...detach.map((name) => `  ! ${name}`),
    ...Object.entries(headers).map(([name, value]) => `  ${name}: ${value}`),
  ];
  return [
    ...rule(`${base}*`, { "Content-Security-Policy": contentSecurityPolicy(scriptHashes, "header"), ...OTHER_HEADERS }),
    ...rule(`${base}${SERVICE_WORKER}`, { "Content-Security-Policy": contentSecurityPolicy(scriptHashes, "worker") }, ["Content-Security-Policy"]),
    ...immutableFolders.flatMap((folder) => rule(`${base}${folder}*`, { "Cache-Control": IMMUTABLE_CACHE_CONTROL })),
    "",
  ].join("\n");
}

/**
 * The build's policy, from the final index.html (after every plugin's changes to it): the
 * `<meta>` goes into it, and so into every article page made from it, and `_headers` next to
 * it. Not in dev: Vite's dev server injects inline scripts and styles of its own.
 * `immutableFolders`: more folders (each ending in `/`) whose files are cached for good, as `assets/` is
 * (the data files' folders, `data/<kind>/`, whose files are named by their content; not `data/` itself, which holds the index).
 */
export function securityHeadersPlugin(immutableFolders: () => readonly string[]): Plugin {
  let publicDir = "";
  let base = "/";
  let assetsDir = "assets";
  return {
    name: "broadsheet:security-headers",
    apply: "build",
    enforce: "post",
    configResolved(config) {
      ({ publicDir, base } = config);
      assetsDir = config.build.assetsDir;
      if (publicDir && existsSync(join(publicDir, HEADERS_FILE))) {
        throw new Error(`${HEADERS_FILE} is written by the build (src/pipeline/publish/security.ts): remove it from ${publicDir}`);
      }
    },
    generateBundle: {
      order: "post",
      handler(_options, bundle) {
        const page = bundle["index.html"];
        if (page?.type !== "asset") return;
        const html = withPolicyMeta(String(page.source));
        page.source = html;
        const source = headersFile(inlineScriptHashes(html), base, [`${assetsDir}/`, ...immutableFolders()]);
        this.emitFile({ type: "asset", fileName: HEADERS_FILE, source });
      },
    },
  };
}

const escapeGlob = (path: string) => path.replace(/[*?[\]{}()!+@\\]/g, "\\$&");

/**
 * Vite's `server.fs.deny` with the content folder added. Without it the dev server serves
 * `/content/<file>` from the project's root, and any folder at `/@fs/<path>`, with or
 * without `?raw` or `?url`. A deny list of one's own replaces Vite's defaults (`.env`, keys,
 * `.git`), so those are kept.
 */
export async function denyContentFolder(config: UserConfig, dir: string): Promise<UserConfig> {
  const patterns = contentFolders(dir).flatMap((folder) => [escapeGlob(folder), `${escapeGlob(folder)}/**`]);
  // Arrays from a config hook are appended to the user's own.
  if (config.server?.fs?.deny) return { server: { fs: { deny: patterns } } };
  const defaults = (await resolveConfig({ configFile: false, envDir: false, root: config.root, logLevel: "silent" }, "serve")).server.fs.deny;
  return { server: { fs: { deny: [...defaults, ...patterns] } } };
}

/** The folder as given and as it really is (a symlink resolved), with forward slashes. */
const contentFolders = (dir: string) => [...new Set([dir, existsSync(dir) ? realpathSync(dir) : dir].map(normalizePath))];

/**
 * The dev server refuses every request for a file of the content folder (403, as for any
 * denied file). `server.fs.deny` covers the file itself and `?raw`, `?url`, `?inline`; a
 * `?import` of it (also as `/@id/<path>?import`) would still be answered with a module naming
 * its URL (Vite's asset plugin loads it without its file checks), so this plugin refuses that
 * load too, with the error Vite turns into its own 403.
 */
export function contentFolderGuard(dir: string): Plugin {
  const folders = contentFolders(dir);
  const inside = (file: string) => folders.some((folder) => file === folder || file.startsWith(`${folder}/`));
  let root = "/";
  return {
    name: "broadsheet:content-folder-guard",
    apply: "serve",
    enforce: "pre",
    config: (config) => denyContentFolder(config, dir),
    configResolved: (config) => void (root = config.root),
    load(id) {
      const file = id.replace(/[?#].*$/s, "");
      // `/@id/<path>?import` arrives unresolved, without its leading slash.
      const candidates = isAbsolute(file) ? [file] : [resolve("/", file), resolve(root, file)];
      if (!candidates.some((candidate) => inside(normalizePath(candidate)))) return;
      throw Object.assign(new Error(`Denied ID ${id}: the content folder is not served; the app reads the data made from it`), { code: "ERR_DENIED_ID", id });
    },
  };
}
