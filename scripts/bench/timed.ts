import { spawn } from "node:child_process";
import { rmSync } from "node:fs";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { onInterrupt, pauseSync } from "./cleanup.ts";

export interface TimedRun {
  /** Wall clock, milliseconds. */
  wallMs: number;
  /** User plus system CPU time, milliseconds: above the wall time when threads run in parallel. */
  cpuMs: number;
  /** Peak resident set size, bytes. */
  maxRssBytes: number;
  /** What the command wrote to stdout and stderr, interleaved. */
  output: string;
  stdout: string;
}

/** `h:mm:ss.ss` or `m:ss.ss`, as GNU time prints the elapsed time, in milliseconds. */
export function parseElapsed(text: string): number {
  const seconds = text
    .trim()
    .split(":")
    .reduce((total, part) => total * 60 + Number(part), 0);
  if (!Number.isFinite(seconds)) throw new Error(`unreadable elapsed time "${text}"`);
  return seconds * 1000;
}

/** One field of GNU time's `-v` report, e.g. `Maximum resident set size (kbytes)`. */
function field(report: string, name: string): string {
  const line = report.split("\n").find((candidate) => candidate.trim().startsWith(`${name}:`));
  if (line === undefined) throw new Error(`/usr/bin/time -v printed no "${name}":\n${report}`);
  return line.slice(line.indexOf(`${name}:`) + name.length + 1).trim();
}

/**
 * Runs `node <args>` under `/usr/bin/time -v` and reads its wall time and peak memory.
 * The report goes to a file of its own (`-o`), so the command's own output cannot mix with it.
 */
export function runTimed(args: readonly string[], env: Record<string, string> = {}): Promise<TimedRun> {
  return runTimedCommand(process.execPath, args, { env });
}

/** Runs any `command` under `/usr/bin/time -v`, as `runTimed` runs node (Hugo, for the peer row). */
export async function runTimedCommand(
  command: string,
  args: readonly string[],
  { env = {}, cwd }: { env?: Record<string, string>; cwd?: string } = {},
): Promise<TimedRun> {
  const folder = await mkdtemp(join(tmpdir(), "broadsheet-time-"));
  const reportFile = join(folder, "time.txt");
  const forgetFolder = onInterrupt(() => rmSync(folder, { recursive: true, force: true }));
  try {
    const { code, output, stdout } = await new Promise<{ code: number | null; output: string; stdout: string }>((done, fail) => {
      // A process group of its own, so that an interrupted benchmark can stop the command and
      // not only `time` (which ignores SIGINT while it waits).
      const child = spawn("/usr/bin/time", ["-v", "-o", reportFile, command, ...args], {
        env: { ...process.env, ...env },
        cwd,
        stdio: ["ignore", "pipe", "pipe"],
        detached: true,
      });
      const forget = onInterrupt(() => {
        if (child.pid === undefined || child.exitCode !== null) return;
        process.kill(-child.pid, "SIGKILL");
        // Let a write in progress land before the folders it writes to are removed.
        pauseSync(300);
      });
      child.on("close", forget);
      let output = "";
      let stdout = "";
      child.stdout.on("data", (chunk: Buffer) => {
        output += chunk;
        stdout += chunk;
      });
      child.stderr.on("data", (chunk: Buffer) => (output += chunk));
      child.on("error", fail);
      child.on("close", (exitCode) => done({ code: exitCode, output, stdout }));
    });
    if (code !== 0) throw new Error(`${command} ${args.join(" ")} exited with ${code}:\n${output.slice(-4000)}`);
    const report = await readFile(reportFile, "utf8");
    const seconds = (name: string) => Number(field(report, name)) * 1000;
    return {
      wallMs: parseElapsed(field(report, "Elapsed (wall clock) time (h:mm:ss or m:ss)")),
      cpuMs: seconds("User time (seconds)") + seconds("System time (seconds)"),
      maxRssBytes: Number(field(report, "Maximum resident set size (kbytes)")) * 1024,
      output,
      stdout,
    };
  } finally {
    await rm(folder, { recursive: true, force: true });
    forgetFolder();
  }
}
