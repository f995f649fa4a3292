import { readdirSync } from "node:fs";
import js from "@eslint/js";
import { createNodeResolver, importX } from "eslint-plugin-import-x";
// @ts-expect-error -- eslint-plugin-jsx-a11y ships no types (tsconfig.tools.json checks this file).
import jsxA11y from "eslint-plugin-jsx-a11y";
import reactHooks from "eslint-plugin-react-hooks";
import globals from "globals";
import tseslint from "typescript-eslint";

/**
 * The features' building blocks, in order: each imports only the ones before it. Every
 * other folder of src/features is a leaf, which may import the blocks (and src/lib,
 * src/components, src/contract) but never another leaf; src/app composes them all.
 */
const BLOCKS = ["library", "feed"];
const LEAVES = readdirSync(new URL("src/features", import.meta.url), { withFileTypes: true })
  .filter((entry) => entry.isDirectory() && !BLOCKS.includes(entry.name))
  .map((entry) => entry.name);

/** The app's code, as the browser runs it (src/prerender draws it for the build, in Node, with React). */
const APP = ["src/app", "src/features", "src/components", "src/lib", "src/prerender", "src/main.tsx"];

/** Each side's globals, as its tsconfig (tsconfig.{app,sw,node,tools}.json) gives it its types. */
const GLOBALS = [
  { files: APP.map((path) => (path.endsWith(".tsx") ? path : `${path}/**`)), globals: globals.browser },
  { files: ["src/service-worker/**"], globals: globals.serviceworker },
  { files: ["src/pipeline/**", "vite.config.ts"], globals: globals.node },
  // Shared by all three: only what a page, a worker and Node all have.
  { files: ["src/contract/**"], globals: globals["shared-node-browser"] },
  // Tests and scripts run in Node, with bodies for a page (page.evaluate, jsdom) and the service worker's code.
  { files: ["tests/**", "scripts/**", "eslint.config.js"], globals: { ...globals.node, ...globals.browser, ...globals.serviceworker } },
];

/** Which folders may import which: import-x/no-restricted-paths, paths from the repository's root. */
const zones = [
  ...BLOCKS.map((block, at) => ({
    target: `src/features/${block}`,
    from: "src/features",
    except: BLOCKS.slice(0, at + 1).map((before) => `./${before}`),
    message: `The building blocks are ${BLOCKS.join(" then ")}: each imports only the ones before it, never a leaf feature.`,
  })),
  ...LEAVES.map((leaf) => ({
    target: `src/features/${leaf}`,
    from: "src/features",
    except: [...BLOCKS, leaf].map((allowed) => `./${allowed}`),
    message: `A feature imports only the building blocks (${BLOCKS.join(", ")}), never another feature: what two share goes to src/lib or src/components.`,
  })),
  {
    target: "src/features",
    from: ["src/app", "src/prerender", "src/main.tsx"],
    message: "src/app, src/prerender and the entry (main.tsx) compose the features; a feature never imports them (the entry hands a feature what it needs).",
  },
  {
    target: "src/app",
    from: ["src/prerender", "src/main.tsx"],
    message: "src/prerender and the entry draw the app; the app never imports them.",
  },
  {
    target: ["src/components", "src/lib"],
    from: ["src/features", "src/app", "src/prerender", "src/main.tsx"],
    message: "src/components and src/lib are below the features: they never import a feature or the app.",
  },
  {
    target: "src/contract",
    from: ".",
    except: ["./src/contract"],
    message: "The contract depends on nothing outside itself.",
  },
  {
    target: "src/pipeline",
    from: [...APP, "src/service-worker"],
    message: "The pipeline never imports the app.",
  },
  {
    target: APP,
    from: ["src/pipeline", "src/service-worker"],
    message: "The app reads the built JSON; it never imports the pipeline (nor the service worker, built on its own).",
  },
  {
    target: "src/service-worker",
    from: "src",
    except: ["./service-worker", "./contract"],
    message: "The service worker shares only the contract with the app.",
  },
];

export default tseslint.config(
  // tests/fixtures/lint holds code that breaks the rules on purpose (tests/unit/lint-rules.test.ts).
  { ignores: ["dist", "dev-dist", "coverage", ".bench", "tests/fixtures/lint/"] },
  js.configs.recommended,
  ...tseslint.configs.strict,
  {
    files: ["**/*.{ts,tsx}"],
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
    },
  },
  ...GLOBALS.map(({ files, globals }) => ({ files, languageOptions: { globals } })),
  {
    // Import rules read the imported modules themselves: they need TypeScript's parser for
    // .ts and .tsx (without it no-cycle silently finds nothing) and a resolver for the
    // relative imports, which all carry their extension.
    files: ["**/*.{ts,tsx,js}"],
    plugins: { "import-x": importX },
    settings: {
      "import-x/extensions": [".ts", ".tsx", ".js"],
      "import-x/parsers": { "@typescript-eslint/parser": [".ts", ".tsx"] },
      "import-x/resolver-next": [createNodeResolver({ extensions: [".ts", ".tsx", ".js"] })],
    },
    rules: {
      "import-x/no-cycle": "error",
    },
  },
  {
    files: ["src/**/*.{ts,tsx}"],
    rules: {
      "import-x/no-restricted-paths": ["error", { basePath: import.meta.dirname, zones }],
    },
  },
  {
    files: ["src/**/*.tsx", "tests/**/*.tsx"],
    ...reactHooks.configs.flat.recommended,
  },
  {
    files: ["src/**/*.tsx"],
    ...jsxA11y.flatConfigs.recommended,
  },
  {
    files: ["src/**/*.{ts,tsx}"],
    ignores: ["src/pipeline/**", "src/contract/**"],
    rules: {
      "no-restricted-syntax": ["error", { selector: "JSXAttribute[name.name='dangerouslySetInnerHTML']", message: "Text from content is rendered as text." }],
    },
  },
  {
    // Packages are not paths: the zones above cannot say this.
    files: ["src/pipeline/**/*.ts"],
    rules: {
      "no-restricted-imports": ["error", { patterns: [{ group: ["react", "react-*"], message: "The pipeline never imports React: pages are drawn by the app's renderer, bundled (publish/first-screen.ts)." }] }],
    },
  },
);
