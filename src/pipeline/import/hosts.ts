/**
 * Politeness: undici's global agent has no per-host limit, so the importer takes a slot
 * here before every request (every hop of a redirect chain) and holds it until the body
 * has been read or cancelled. At most `perHost` requests go to one host (`url.host`, so a
 * port is a host of its own) and at most `total` are in flight altogether.
 */

export interface HostLimits {
  /** Requests in flight to one host; 2 by default. */
  perHost?: number;
  /** Requests in flight altogether; 8 by default. */
  total?: number;
}

/** Gives the slot back; calling it twice is harmless. */
export type Release = () => void;

interface Waiter {
  host: string;
  grant: (release: Release) => void;
}

export class HostLimiter {
  readonly perHost: number;
  readonly total: number;
  private readonly active = new Map<string, number>();
  private running = 0;
  private readonly queue: Waiter[] = [];

  constructor(limits: HostLimits = {}) {
    this.perHost = Math.max(1, limits.perHost ?? 2);
    this.total = Math.max(1, limits.total ?? 8);
  }

  /** Requests in flight now, to `host` or (without it) altogether. */
  inFlight(host?: string): number {
    return host === undefined ? this.running : (this.active.get(host) ?? 0);
  }

  /**
   * Waits for a slot for `host`, first come first served among the requests that could
   * run. Rejects with the signal's reason when `signal` aborts while waiting.
   */
  acquire(host: string, signal?: AbortSignal): Promise<Release> {
    if (signal?.aborted) return Promise.reject(signal.reason);
    if (this.canRun(host)) return Promise.resolve(this.take(host));
    return new Promise<Release>((resolve, reject) => {
      const onAbort = () => {
        const index = this.queue.indexOf(waiter);
        if (index >= 0) this.queue.splice(index, 1);
        reject(signal?.reason);
      };
      const waiter: Waiter = {
        host,
        grant: (release) => {
          signal?.removeEventListener("abort", onAbort);
          resolve(release);
        },
      };
      this.queue.push(waiter);
      signal?.addEventListener("abort", onAbort, { once: true });
    });
  }

  private canRun(host: string): boolean {
    return this.running < this.total && (this.active.get(host) ?? 0) < this.perHost;
  }

  private take(host: string): Release {
    this.running++;
    this.active.set(host, (this.active.get(host) ?? 0) + 1);
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.running--;
      const left = (this.active.get(host) ?? 1) - 1;
      if (left > 0) this.active.set(host, left);
      else this.active.delete(host);
      this.pump();
    };
  }

  private pump(): void {
    for (let i = 0; i < this.queue.length && this.running < this.total; ) {
      const waiter = this.queue[i];
      if (this.canRun(waiter.host)) {
        this.queue.splice(i, 1);
        waiter.grant(this.take(waiter.host));
      } else {
        i++;
      }
    }
  }
}

/** The limiter every fetchFeed call shares unless it is given its own. */
export const sharedHostLimiter = new HostLimiter();
