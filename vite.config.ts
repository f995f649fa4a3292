import react from "@vitejs/plugin-react";
import { VitePWA } from "vite-plugin-pwa";
import { defineConfig } from "vitest/config";
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
  // The worker is src/service-worker/sw.ts, built with its imports: the data rule it caches by is the app's own.
  strategies: "injectManifest",
  srcDir: "src/service-worker",
  filename: "sw.ts",
  injectManifest: {
    globPatterns: ["**/*.{js,css,html,svg,png,ico}"],
    // Pages the build draws (index.html, topics/, articles/) hold stories as of their build: the worker
    // answers navigations with shell.html, which holds none (src/service-worker/sw.ts).
    globIgnores: ["data/**", "index.html", "topics/**", "articles/**"],
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
          name: "build",
          include: ["tests/build/**/*.test.ts"],
          environment: "node",
          // Each file runs whole Vite builds (in this process or as `vite build`), which take a minute on a loaded 2-core machine.
          testTimeout: 120_000,
          hookTimeout: 120_000,
        },
      },
      {
        extends: true,
        test: {
          name: "components",
          include: ["tests/components/**/*.test.tsx"],
          environment: "jsdom",
          setupFiles: ["tests/components/setup.ts"],
          // Room for findBy's waits (setup.ts) on a loaded machine.
          testTimeout: 15_000,
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
