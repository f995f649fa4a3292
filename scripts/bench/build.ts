import { spawn } from "node:child_process";
import { resolve } from "node:path";

/** `vite build` over `contentDir` into `outDir` in a child process, the way `npm run build` runs it (every plugin, the service worker); resolves with its output. */
export function viteBuildInChild(contentDir: string, outDir: string, env: Record<string, string> = {}): Promise<string> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [resolve("node_modules/vite/bin/vite.js"), "build", "--outDir", outDir, "--emptyOutDir"], {
      env: { ...process.env, CONTENT_DIR: resolve(contentDir), NODE_ENV: "production", ...env },
    });
    let output = "";
    child.stdout.on("data", (chunk) => (output += chunk));
    child.stderr.on("data", (chunk) => (output += chunk));
    child.on("close", (code) => (code === 0 ? done(output) : fail(new Error(`vite build failed:\n${output}`))));
  });
}
