import { spawn } from "node:child_process";
import { resolve } from "node:path";

/** `command` in a child process (async: a server in this process keeps answering it); resolves with its output, rejects with it on a failure. */
function runChild(what: string, command: string, args: string[], env: Record<string, string>): Promise<string> {
  return new Promise((done, fail) => {
    const child = spawn(command, args, { env: { ...process.env, ...env } });
    let output = "";
    child.stdout.on("data", (chunk) => (output += chunk));
    child.stderr.on("data", (chunk) => (output += chunk));
    child.on("close", (code) => (code === 0 ? done(output) : fail(new Error(`${what} failed:\n${output}`))));
  });
}

/** `vite build` over `contentDir` into `outDir` in a child process, the way `npm run build` runs it (every plugin, the service worker); resolves with its output. */
export function viteBuildInChild(contentDir: string, outDir: string, env: Record<string, string> = {}): Promise<string> {
  const vite = resolve("node_modules/vite/bin/vite.js");
  return runChild("vite build", process.execPath, [vite, "build", "--outDir", outDir, "--emptyOutDir"], {
    CONTENT_DIR: resolve(contentDir),
    NODE_ENV: "production",
    ...env,
  });
}

/** `npm run build:data` over `contentDir` into the built `outDir`, in a child process; resolves with its output. */
export function buildDataInChild(contentDir: string, outDir: string): Promise<string> {
  return runChild("npm run build:data", "npm", ["run", "build:data", "--", "--outDir", outDir], { CONTENT_DIR: resolve(contentDir) });
}
