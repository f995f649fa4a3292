/**
 * Undo steps that must run even when the benchmark is stopped with Ctrl-C: put an edited
 * content file back, remove temporary builds. Each is synchronous, so it can run from a
 * signal handler.
 */
const steps = new Set<() => void>();

function runAll() {
  for (const step of [...steps].reverse()) {
    try {
      step();
    } catch (error) {
      console.error(error);
    }
  }
  steps.clear();
}

for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.once(signal, () => {
    console.error(`\n${signal}: cleaning up`);
    runAll();
    process.exit(130);
  });
}

/** Registers `step` to run if the process is interrupted; call the returned function once it has run normally. */
export function onInterrupt(step: () => void): () => void {
  steps.add(step);
  return () => steps.delete(step);
}
