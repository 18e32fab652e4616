import { GeoIpError, isGeoIpError } from '../geo-ip-error.js';

/** A signal that never aborts, for calls without a signal or timeout. */
export const NEVER_ABORTED: AbortSignal = new AbortController().signal;

/** The `ABORTED` error for a caller's abort `reason`. */
export function abortedError(reason?: unknown): GeoIpError {
  if (isGeoIpError(reason) && (reason.code === 'ABORTED' || reason.code === 'TIMEOUT')) return reason;
  return new GeoIpError('ABORTED', 'The GeoIP lookup was aborted by its AbortSignal.', {
    ...(reason === undefined ? {} : { cause: reason }),
  });
}

/** The error to reject with once `signal` has aborted. */
export function reasonOf(signal: AbortSignal): GeoIpError {
  return abortedError(signal.reason);
}

/** Throw `ABORTED` when `signal` has already aborted. */
export function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted === true) throw reasonOf(signal);
}

export interface CallSignal {
  readonly signal: AbortSignal;
  /** `Date.now()` value after which the call has timed out (Infinity without a timeout). */
  readonly deadline: number;
  readonly cleanup: () => void;
}

/** Combine a caller's signal and a timeout into one signal whose reason is a GeoIpError. */
export function callSignal(signal: AbortSignal | undefined, timeoutMs: number | undefined): CallSignal {
  if (signal === undefined && timeoutMs === undefined) {
    return { signal: NEVER_ABORTED, deadline: Number.POSITIVE_INFINITY, cleanup: () => {} };
  }
  const controller = new AbortController();
  let onAbort: (() => void) | undefined;
  if (signal !== undefined) {
    if (signal.aborted) controller.abort(abortedError(signal.reason));
    else {
      onAbort = () => controller.abort(abortedError(signal.reason));
      signal.addEventListener('abort', onAbort, { once: true });
    }
  }
  let timer: ReturnType<typeof setTimeout> | undefined;
  if (timeoutMs !== undefined && !controller.signal.aborted) {
    timer = setTimeout(() => controller.abort(timeoutError(timeoutMs)), timeoutMs);
  }
  return {
    signal: controller.signal,
    deadline: timeoutMs === undefined ? Number.POSITIVE_INFINITY : Date.now() + timeoutMs,
    cleanup: () => {
      if (timer !== undefined) clearTimeout(timer);
      if (onAbort !== undefined) signal?.removeEventListener('abort', onAbort);
    },
  };
}

/** The `TIMEOUT` error for a call that ran past `timeoutMs`. */
export function timeoutError(timeoutMs: number): GeoIpError {
  return new GeoIpError(
    'TIMEOUT',
    `The GeoIP lookup did not finish within timeoutMs=${timeoutMs} ms; raise timeoutMs or look up fewer addresses per call.`,
  );
}

/** Settle with `promise`, or reject with the signal's reason as soon as it aborts. */
export function raceAbort<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) {
    promise.catch(() => {});
    return Promise.reject(reasonOf(signal));
  }
  if (signal === NEVER_ABORTED) return promise;
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(reasonOf(signal));
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(error);
      },
    );
  });
}

/** Resolve after `ms`, or reject with `ABORTED`/`TIMEOUT` when `signal` aborts first. */
export function delay(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    if (signal.aborted) {
      reject(reasonOf(signal));
      return;
    }
    const onAbort = () => {
      clearTimeout(timer);
      reject(reasonOf(signal));
    };
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal.addEventListener('abort', onAbort, { once: true });
  });
}
