import { GeoIpError } from '../geo-ip-error.js';
import { throwIfAborted } from '../internal/abort.js';
import {
  assignCombinedFields,
  checkChildren,
  childLifetime,
  combinedCapabilities,
} from '../internal/combine.js';
import { runOne, runProvider, runSync } from '../internal/run-provider.js';
import type { GeoBatchEntry, GeoLookupContext, GeoProvider, GeoRecord } from '../types.js';

/** Options of {@link fallback}. */
export interface FallbackOptions {
  /** Name reported for failures; default `fallback(<child names>)`. Answers report the child that answered. */
  name?: string;
}

/**
 * A provider that asks its children in order and returns the first record:
 * the next child is asked when the previous one has no answer (`null`) or
 * fails. Records carry `source` = the answering child's name.
 *
 * The address is not found (`null`) only when every child answered "not
 * found". When no child has a record and at least one failed, the lookup
 * fails: with that child's `GeoIpError` when exactly one failed, otherwise
 * with `PROVIDER_FAILED` whose `cause` is an `AggregateError` of all failures.
 * Abort stops at once. `dispose()` disposes every child.
 *
 * `lookupSync` exists when every child has it; `lookupBatch` always exists and
 * passes only the still-unanswered addresses on to the next child.
 *
 * @throws GeoIpError `INVALID_OPTION` when `providers` is empty or holds a non-provider.
 * @example
 * ```ts
 * const provider = fallback([offlineCity, createIpInfoProvider({ token })]);
 * ```
 */
export function fallback(providers: readonly GeoProvider[], options: FallbackOptions = {}): GeoProvider {
  checkChildren('fallback', providers);
  const children = [...providers];
  const name = options.name ?? `fallback(${children.map((p) => p.name).join(',')})`;
  const life = childLifetime(name, children);

  function conclude(ip: string, failures: GeoIpError[]): null {
    if (failures.length === 0) return null;
    throw combineFailures(name, ip, failures);
  }

  const provider: GeoProvider = {
    name,
    capabilities: combinedCapabilities(children),
    async lookup(ip: string, context: GeoLookupContext): Promise<GeoRecord | null> {
      life.check(ip);
      throwIfAborted(context.signal);
      const failures: GeoIpError[] = [];
      for (const child of children) {
        const outcome = await runOne(child, ip, context);
        if (outcome instanceof Error) failures.push(outcome);
        else if (outcome !== null) return withSource(outcome, child.name);
      }
      return conclude(ip, failures);
    },
    async lookupBatch(ips: readonly string[], context: GeoLookupContext): Promise<GeoBatchEntry[]> {
      life.check();
      const out: GeoBatchEntry[] = new Array(ips.length).fill(null);
      const failures: GeoIpError[][] = ips.map(() => []);
      let remaining = ips.map((_, i) => i);
      for (const child of children) {
        if (remaining.length === 0) break;
        const entries = await runProvider(
          child,
          remaining.map((i) => ips[i] as string),
          context,
        );
        const still: number[] = [];
        remaining.forEach((i, k) => {
          const entry = entries[k];
          if (entry instanceof Error) {
            failures[i]?.push(entry);
            still.push(i);
          } else if (entry === null || entry === undefined) still.push(i);
          else out[i] = withSource(entry, child.name);
        });
        remaining = still;
      }
      for (const i of remaining) {
        const list = failures[i] ?? [];
        out[i] = list.length === 0 ? null : combineFailures(name, ips[i] as string, list);
      }
      return out;
    },
    dispose: life.dispose,
  };
  assignCombinedFields(provider, children);
  if (children.every((c) => c.lookupSync !== undefined)) {
    provider.lookupSync = (ip: string): GeoRecord | null => {
      life.check(ip);
      const failures: GeoIpError[] = [];
      for (const child of children) {
        const outcome = runSync(child, ip);
        if (outcome instanceof Error) failures.push(outcome);
        else if (outcome !== null) return withSource(outcome, child.name);
      }
      return conclude(ip, failures);
    };
  }
  return provider;
}

function withSource(record: GeoRecord, source: string): GeoRecord {
  return record.source === undefined ? { ...record, source } : record;
}

function combineFailures(name: string, ip: string, failures: GeoIpError[]): GeoIpError {
  if (failures.length === 1) return failures[0] as GeoIpError;
  const codes = failures.map((f) => `${f.provider ?? '?'}: ${f.code}`).join(', ');
  return new GeoIpError(
    'PROVIDER_FAILED',
    `Every GeoIP provider in "${name}" failed or had no answer for ${ip} (${codes}); see cause for each failure.`,
    { provider: name, ip, cause: new AggregateError(failures, `lookups of ${ip} failed`) },
  );
}
