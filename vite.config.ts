import react from "@vitejs/plugin-react";
import { defineConfig } from "vitest/config";
import { broadsheetContent } from "./src/pipeline/vite-plugin.ts";

export default defineConfig(({ mode }) => ({
  // Vitest runs on this config in mode "test": its tests build their own content, not `content/`.
  plugins: [react(), mode !== "test" && broadsheetContent()],
  build: { target: "es2022" },
  test: {
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
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
    ],
  },
}));
