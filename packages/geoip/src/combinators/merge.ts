import type { GeoIpError } from '../geo-ip-error.js';
import { throwIfAborted } from '../internal/abort.js';
import {
  assignCombinedFields,
  checkChildren,
  childLifetime,
  combinedCapabilities,
} from '../internal/combine.js';
import { runOne, runProvider, runSync } from '../internal/run-provider.js';
import type { GeoBatchEntry, GeoLookupContext, GeoProvider, GeoRecord } from '../types.js';

/**
 * A provider that asks every child for each address and merges their records
 * into one: fields of earlier children win, later children fill the gaps
 * (e.g. `merge(city, asn)` adds `asn`/`asOrganization` from an ASN database to
 * a City database's record). `source` names the children that contributed,
 * joined by `+`.
 *
 * Not found (`null`) when every child has no record. When any child fails,
 * the lookup fails with the first failure (a partial record is never passed
 * off as complete). `dispose()` disposes every child.
 *
 * `lookupSync` exists when every child has it; `lookupBatch` always exists.
 *
 * @throws GeoIpError `INVALID_OPTION` when no provider is given or one is not a provider.
 * @example
 * ```ts
 * const provider = merge(cityDatabase, asnDatabase);
 * ```
 */
export function merge(...providers: GeoProvider[]): GeoProvider {
  checkChildren('merge', providers);
  const children = [...providers];
  const name = `merge(${children.map((p) => p.name).join(',')})`;
  const life = childLifetime(name, children);

  function combine(outcomes: readonly (GeoRecord | null | GeoIpError | undefined)[]): GeoRecord | null {
    for (const outcome of outcomes) if (outcome instanceof Error) throw outcome;
    let merged: Record<string, unknown> | null = null;
    const sources: string[] = [];
    outcomes.forEach((outcome, k) => {
      if (outcome === null || outcome === undefined || outcome instanceof Error) return;
      merged ??= {};
      sources.push(outcome.source ?? (children[k] as GeoProvider).name);
      for (const [key, value] of Object.entries(outcome)) {
        if (key !== 'source' && value !== undefined && merged[key] === undefined) merged[key] = value;
      }
    });
    if (merged === null) return null;
    return { ...(merged as GeoRecord), source: sources.join('+') };
  }

  const provider: GeoProvider = {
    name,
    capabilities: combinedCapabilities(children),
    async lookup(ip: string, context: GeoLookupContext): Promise<GeoRecord | null> {
      life.check(ip);
      throwIfAborted(context.signal);
      return combine(await Promise.all(children.map((child) => runOne(child, ip, context))));
    },
    async lookupBatch(ips: readonly string[], context: GeoLookupContext): Promise<GeoBatchEntry[]> {
      life.check();
      const perChild = await Promise.all(children.map((child) => runProvider(child, ips, context)));
      return ips.map((_, i) => {
        try {
          return combine(perChild.map((entries) => entries[i]));
        } catch (error) {
          return error as GeoIpError;
        }
      });
    },
    dispose: life.dispose,
  };
  assignCombinedFields(provider, children);
  if (children.every((c) => c.lookupSync !== undefined)) {
    provider.lookupSync = (ip: string): GeoRecord | null => {
      life.check(ip);
      return combine(children.map((child) => runSync(child, ip)));
    };
  }
  return provider;
}
