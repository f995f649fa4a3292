import react from "@vitejs/plugin-react";
import { defineConfig } from "vitest/config";
import { broadsheetContent } from "./src/pipeline/vite-plugin.ts";

export default defineConfig({
  // Vitest runs on this config too: the tests build their own content, not `content/`.
  plugins: [react(), !process.env.VITEST && broadsheetContent()],
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
    ],
  },
});
