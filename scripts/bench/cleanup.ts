/**
 * Undo steps that must run even when the benchmark is stopped with Ctrl-C: stop a running
 * build, put an edited content file back, remove temporary folders. Each is synchronous, so
 * it can run from a signal handler; the latest registered runs first.
 */
const steps = new Set<() => void>();

let stopping = false;
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  // `on`, not `once`: tsx forwards the signal the terminal already sent, and a second one
  // with no listener left would kill the process halfway through.
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    console.error(`\n${signal}: cleaning up`);
    for (const step of [...steps].reverse()) {
      try {
        step();
      } catch (error) {
        console.error(error);
      }
    }
    process.exit(130);
  });
}

/** Registers `step` to run if the process is interrupted; call the returned function once it has run normally. */
export function onInterrupt(step: () => void): () => void {
  steps.add(step);
  return () => steps.delete(step);
}

/** Blocks for `ms`, e.g. while a killed process finishes its last write. */
export const pauseSync = (ms: number): void => {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
};
