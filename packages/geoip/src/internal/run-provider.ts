import type { GeoIpError } from '../geo-ip-error.js';
import type { GeoBatchEntry, GeoLookupContext, GeoProvider, GeoRecord } from '../types.js';
import { reasonOf, throwIfAborted } from './abort.js';
import { checkAnswer, checkBatchAnswer } from './check-record.js';
import { toGeoIpError } from './to-geo-ip-error.js';

/** Concurrency of single lookups inside combinators. */
const INNER_CONCURRENCY = 8;

/**
 * Look `ips` up with one provider the best way it offers (sync, native batch
 * in `batchSize` chunks, or concurrent single lookups), turning per-address
 * and per-batch failures into `GeoIpError` entries. Rejects only on abort.
 */
export async function runProvider(
  provider: GeoProvider,
  ips: readonly string[],
  context: GeoLookupContext,
): Promise<GeoBatchEntry[]> {
  throwIfAborted(context.signal);
  const out: GeoBatchEntry[] = new Array(ips.length).fill(null);
  if (provider.lookupSync !== undefined) {
    for (let i = 0; i < ips.length; i++) out[i] = runSync(provider, ips[i] as string);
    return out;
  }
  if (provider.lookupBatch !== undefined) {
    const size = provider.batchSize ?? ips.length;
    for (let start = 0; start < ips.length; start += size) {
      const chunk = ips.slice(start, start + size);
      let entries: GeoBatchEntry[] | GeoIpError;
      try {
        entries = await provider.lookupBatch(chunk, context);
        checkBatchAnswer(provider.name, chunk.length, entries);
      } catch (error) {
        if (context.signal.aborted) throw reasonOf(context.signal);
        entries = toGeoIpError(error, provider.name);
      }
      for (let j = 0; j < chunk.length; j++) {
        const entry = Array.isArray(entries) ? entries[j] : entries;
        out[start + j] = checkAnswer(entry, provider.name, chunk[j] as string);
      }
    }
    return out;
  }
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < ips.length) {
      throwIfAborted(context.signal);
      const i = next++;
      const ip = ips[i] as string;
      try {
        out[i] = checkAnswer(await provider.lookup(ip, context), provider.name, ip);
      } catch (error) {
        if (context.signal.aborted) throw reasonOf(context.signal);
        out[i] = toGeoIpError(error, provider.name, ip);
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(INNER_CONCURRENCY, ips.length) }, worker));
  return out;
}

/** One synchronous lookup with failures as values. */
export function runSync(provider: GeoProvider, ip: string): GeoRecord | null | GeoIpError {
  try {
    return checkAnswer(
      (provider.lookupSync as (ip: string) => unknown).call(provider, ip),
      provider.name,
      ip,
    );
  } catch (error) {
    return toGeoIpError(error, provider.name, ip);
  }
}

/** One asynchronous lookup with failures as values; rejects only on abort. */
export async function runOne(
  provider: GeoProvider,
  ip: string,
  context: GeoLookupContext,
): Promise<GeoRecord | null | GeoIpError> {
  throwIfAborted(context.signal);
  try {
    return checkAnswer(await provider.lookup(ip, context), provider.name, ip);
  } catch (error) {
    if (context.signal.aborted) throw reasonOf(context.signal);
    return toGeoIpError(error, provider.name, ip);
  }
}
