import react from "@vitejs/plugin-react";
import { VitePWA } from "vite-plugin-pwa";
import { defineConfig } from "vitest/config";
import { CACHE_NAMES } from "./src/contract/paths.ts";
import { SITE_DESCRIPTION, SITE_NAME } from "./src/pipeline/publish/site-identity.ts";
import { broadsheetContent } from "./src/pipeline/vite-plugin.ts";

const THEME = "#a3261b";

/** The app shell is precached; data and images are cached as they are read. */
const pwa = VitePWA({
  registerType: "prompt",
  // The app registers the worker itself, after the first paint (src/features/pwa).
  injectRegister: false,
  pwaAssets: { image: "public/favicon.svg", overrideManifestIcons: true, injectThemeColor: true },
  manifest: {
    id: "/",
    name: SITE_NAME,
    short_name: SITE_NAME,
    description: SITE_DESCRIPTION,
    start_url: "/",
    scope: "/",
    display: "standalone",
    theme_color: THEME,
    background_color: "#fbfaf7",
    categories: ["news"],
  },
  workbox: {
    globPatterns: ["**/*.{js,css,html,svg,png,ico}"],
    // Article pages are index.html with another head, for hosts and link previews: the precached shell serves those URLs.
    globIgnores: ["data/**", "articles/**"],
    navigateFallback: "index.html",
    // Feeds, sitemaps and robots.txt are files, never the app, even when a reader opens one in the tab.
    navigateFallbackDenylist: [/\/data\//, /\/feeds\//, /\/sitemap[^/]*\.xml$/, /\/robots\.txt$/],
    clientsClaim: true,
    cleanupOutdatedCaches: true,
    runtimeCaching: [
      {
        // Fresh when online, the last one seen when not. Update checks add a query and skip this cache.
        urlPattern: ({ url }) => url.pathname.endsWith("/data/index.json") && url.search === "",
        handler: "NetworkFirst",
        options: { cacheName: CACHE_NAMES.index, networkTimeoutSeconds: 4, cacheableResponse: { statuses: [200] } },
      },
      {
        // Everything under a build id never changes, the search index (data/<id>/search/) included: the cache answers first.
        urlPattern: ({ url }) => /\/data\/[0-9a-f]+\//.test(url.pathname),
        handler: "CacheFirst",
        options: {
          cacheName: CACHE_NAMES.data,
          plugins: [
            {
              // A host's SPA fallback answers a missing file with index.html: never keep that as
              // data. Any JSON type counts (`application/json; charset=utf-8` too).
              cacheWillUpdate: async ({ response }) =>
                response.status === 200 && (response.headers.get("content-type") ?? "").includes("json") ? response : null,
            },
          ],
        },
      },
      {
        // Images live on other hosts; keep a bounded number, for a bounded time. Opaque answers
        // weigh heavily against the storage quota, hence the small cap.
        urlPattern: ({ request, sameOrigin }) => request.destination === "image" && !sameOrigin,
        handler: "CacheFirst",
        options: {
          cacheName: CACHE_NAMES.images,
          expiration: { maxEntries: 100, maxAgeSeconds: 30 * 24 * 3600, purgeOnQuotaError: true },
          cacheableResponse: { statuses: [0, 200] },
        },
      },
    ],
  },
});

export default defineConfig(({ mode }) => ({
  // Vitest runs on this config in mode "test": its tests build their own content, not `content/`.
  plugins: mode === "test" ? [react()] : [react(), broadsheetContent(), pwa],
  build: { target: "es2022" },
  test: {
    // Tests build throwaway folders; their parsed files are not worth keeping.
    env: { CONTENT_CACHE: "off" },
    projects: [
      {
        extends: true,
        test: { name: "unit", include: ["tests/unit/**/*.test.ts"], environment: "node" },
      },
      {
        extends: true,
        test: {
          name: "components",
          include: ["tests/components/**/*.test.tsx"],
          environment: "jsdom",
          setupFiles: ["tests/components/setup.ts"],
        },
      },
      {
        extends: true,
        test: {
          name: "browser",
          include: ["tests/browser/**/*.test.ts"],
          environment: "node",
          globalSetup: ["tests/browser/global-setup.ts"],
          // Each test builds or serves a real site; generous, for a loaded 2-core machine.
          testTimeout: 90_000,
          hookTimeout: 120_000,
        },
      },
    ],
  },
}));
