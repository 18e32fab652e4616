import { GeoIpError } from '../geo-ip-error.js';
import type { GeoAttribution, GeoProvider, GeoProviderCapabilities } from '../types.js';

/** Capabilities of a combinator: any child's data kinds; offline only when every child is. */
export function combinedCapabilities(providers: readonly GeoProvider[]): GeoProviderCapabilities {
  return {
    city: providers.some((p) => p.capabilities.city),
    country: providers.some((p) => p.capabilities.country),
    asn: providers.some((p) => p.capabilities.asn),
    offline: providers.every((p) => p.capabilities.offline),
  };
}

/** All children's attributions joined with "; " (the first URL kept), or undefined when none has one. */
export function combinedAttribution(providers: readonly GeoProvider[]): GeoAttribution | undefined {
  const all = providers.map((p) => p.attribution).filter((a): a is GeoAttribution => a !== undefined);
  const first = all[0];
  if (first === undefined) return undefined;
  const text = [...new Set(all.map((a) => a.text))].join('; ');
  return first.url === undefined ? { text } : { text, url: first.url };
}

/** Largest batch any child takes natively, so the host does not split needlessly. */
export function combinedBatchSize(providers: readonly GeoProvider[]): number | undefined {
  const sizes = providers.map((p) => p.batchSize).filter((s): s is number => s !== undefined);
  return sizes.length === 0 ? undefined : Math.max(...sizes);
}

/** Give a combinator the children's combined native batch size and attribution, where they have any. */
export function assignCombinedFields(provider: GeoProvider, providers: readonly GeoProvider[]): void {
  const batchSize = combinedBatchSize(providers);
  if (batchSize !== undefined) Object.assign(provider, { batchSize });
  const attribution = combinedAttribution(providers);
  if (attribution !== undefined) Object.assign(provider, { attribution });
}

export function checkChildren(kind: string, providers: readonly GeoProvider[]): void {
  if (!Array.isArray(providers) || providers.length === 0) {
    throw new GeoIpError('INVALID_OPTION', `${kind}() needs at least one provider.`);
  }
  providers.forEach((p, i) => {
    if (p === null || typeof p !== 'object' || typeof p.lookup !== 'function') {
      throw new GeoIpError(
        'INVALID_OPTION',
        `${kind}(): provider #${i + 1} is not a GeoProvider (no lookup method).`,
      );
    }
  });
}

export function disposedError(name: string, ip?: string): GeoIpError {
  return new GeoIpError(
    'DISPOSED',
    `GeoIP provider "${name}" was disposed${ip === undefined ? '' : ` before looking up ${ip}`}; create a new one.`,
    { provider: name, ...(ip === undefined ? {} : { ip }) },
  );
}

/**
 * The disposal state a combinator shares with its children: `check` throws
 * `DISPOSED` once `dispose` has run; `dispose` disposes every child once, in
 * order (a second call does nothing).
 */
export function childLifetime(
  name: string,
  children: readonly GeoProvider[],
): { check(ip?: string): void; dispose(): Promise<void> } {
  let disposed = false;
  return {
    check(ip) {
      if (disposed) throw disposedError(name, ip);
    },
    async dispose() {
      if (disposed) return;
      disposed = true;
      for (const child of children) await child.dispose?.();
    },
  };
}
