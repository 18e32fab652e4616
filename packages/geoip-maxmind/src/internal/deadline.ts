/**
 * Download deadlines: an overall limit and an idle limit (no bytes for too
 * long), both turned into an abort of the requests in flight. undici's own
 * limits (about 300 s per stall, none for a body that trickles) are far too
 * loose for an update that runs unattended.
 */

/** What {@link createDeadline} returns. */
export interface Deadline {
  /** Aborts when the caller's signal aborts or a limit passes. */
  readonly signal: AbortSignal;
  /** Restarts the idle limit; call on each request and each body chunk. */
  touch(): void;
  /** Clears both timers (call when the network part is over). */
  stop(): void;
  /** The error of the limit that passed, once one has. */
  readonly error: Error | undefined;
}

/** Options of {@link createDeadline}; both limits in ms. */
export interface DeadlineOptions {
  timeoutMs: number;
  idleTimeoutMs: number;
  signal?: AbortSignal;
  /** Builds the error for the limit that passed. */
  onTimeout: (kind: 'total' | 'idle') => Error;
}

/** Starts the overall timer at once and the idle timer at the first {@link Deadline.touch}. */
export function createDeadline(options: DeadlineOptions): Deadline {
  const controller = new AbortController();
  let error: Error | undefined;
  const fire = (kind: 'total' | 'idle') => {
    if (error) return;
    error = options.onTimeout(kind);
    controller.abort(error);
  };
  const total = setTimeout(() => fire('total'), options.timeoutMs);
  let idle: ReturnType<typeof setTimeout> | undefined;
  return {
    signal: options.signal ? AbortSignal.any([options.signal, controller.signal]) : controller.signal,
    touch() {
      if (error) return;
      clearTimeout(idle);
      idle = setTimeout(() => fire('idle'), options.idleTimeoutMs);
    },
    stop() {
      clearTimeout(total);
      clearTimeout(idle);
    },
    get error() {
      return error;
    },
  };
}
