import type { GeoBatchEntry, GeoLookupContext, GeoProvider } from '@iocmap/geoip';

/** State of a {@link withCircuitBreaker} wrapper. */
export interface CircuitBreaker {
  /** The wrapped provider, to hand to the GeoIP host. */
  provider: GeoProvider;
  /** The first error of the failure run that tripped the breaker, or `undefined` while it has not tripped. */
  readonly tripped: Error | undefined;
}

/**
 * Wrap a remote provider so that `limit` failed lookups in a row abort the
 * whole run through `controller` (the host's `signal`), instead of sending
 * hundreds of requests to an unreachable service one after the other. A
 * success resets the count; an abort is not counted.
 */
export function withCircuitBreaker(
  inner: GeoProvider,
  limit: number,
  controller: AbortController,
): CircuitBreaker {
  let run = 0;
  let firstOfRun: Error | undefined;
  let tripped: Error | undefined;
  const fail = (error: unknown, count = 1) => {
    if ((error as { code?: unknown }).code === 'ABORTED') return;
    if (run === 0) firstOfRun = error instanceof Error ? error : new Error(String(error));
    run += count;
    if (run >= limit && tripped === undefined) {
      tripped = firstOfRun;
      controller.abort(tripped);
    }
  };
  const succeed = () => {
    run = 0;
    firstOfRun = undefined;
  };
  const provider: GeoProvider = {
    name: inner.name,
    capabilities: inner.capabilities,
    ...(inner.attribution !== undefined ? { attribution: inner.attribution } : {}),
    ...(inner.batchSize !== undefined ? { batchSize: inner.batchSize } : {}),
    async lookup(ip: string, context: GeoLookupContext) {
      try {
        const record = await inner.lookup(ip, context);
        succeed();
        return record;
      } catch (error) {
        fail(error);
        throw error;
      }
    },
    async dispose() {
      await inner.dispose?.();
    },
  };
  const innerBatch = inner.lookupBatch;
  if (innerBatch !== undefined) {
    provider.lookupBatch = async (ips: readonly string[], context: GeoLookupContext) => {
      let entries: GeoBatchEntry[];
      try {
        entries = await innerBatch.call(inner, ips, context);
      } catch (error) {
        fail(error, ips.length);
        throw error;
      }
      for (const entry of entries) {
        if (entry instanceof Error) fail(entry);
        else succeed();
      }
      return entries;
    };
  }
  return {
    provider,
    get tripped() {
      return tripped;
    },
  };
}
