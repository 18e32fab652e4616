/**
 * Conformance suite for GeoIP providers (`@iocmap/geoip/testing`): one suite
 * every provider runs, in the style of unstorage's driver tests. Needs vitest
 * (an optional peer dependency).
 */
import { describe, expect, it } from 'vitest';
import { type GeoIpError, type GeoIpErrorCode, isGeoIpError } from '../geo-ip-error.js';
import { createGeoHost } from '../host.js';
import type { GeoProvider } from '../types.js';

/** An address the provider's data answers, with the expected ISO country code. */
export interface KnownAnswer {
  ip: string;
  countryCode: string;
}

/** What {@link describeGeoProviderConformance}'s `setup` returns. */
export interface ConformanceSetup {
  /** A fresh provider; the suite disposes it. */
  provider: GeoProvider;
  known: {
    /** A public IPv4 address with a known country. */
    ipv4: KnownAnswer;
    /** A public IPv6 address with a known country, when the data has IPv6. */
    ipv6?: KnownAnswer;
    /** A public address the data has no record for. */
    notFound: string;
  };
  /**
   * A provider that fails, with the code it must fail with, e.g. a corrupt
   * database (`DATABASE_CORRUPT`) or a wrong token (`AUTH_FAILED`). Creation
   * may reject, or the created provider's lookup of `known.ipv4` must.
   */
  failing?: { create: () => Promise<GeoProvider> | GeoProvider; code: GeoIpErrorCode };
  /** Extra clean-up after each test (servers are better stopped in `afterAll`). */
  teardown?: () => Promise<void> | void;
}

async function expectGeoIpError(run: () => Promise<unknown>, code: GeoIpErrorCode): Promise<GeoIpError> {
  let caught: unknown;
  try {
    await run();
  } catch (error) {
    caught = error;
  }
  expect(caught, `expected a GeoIpError with code ${code}`).toBeDefined();
  expect(isGeoIpError(caught), `expected a GeoIpError, got ${String(caught)}`).toBe(true);
  expect((caught as GeoIpError).code).toBe(code);
  return caught as GeoIpError;
}

/**
 * Wait for a call that was aborted right after it started: it may have
 * finished first (then `check` judges the answer) or reject with `ABORTED`;
 * any other rejection fails the test.
 */
async function expectAnswerOrAborted<T>(pending: Promise<T>, check: (value: T) => void): Promise<void> {
  let settled: { ok: true; value: T } | { ok: false; error: unknown };
  try {
    settled = { ok: true, value: await pending };
  } catch (error) {
    settled = { ok: false, error };
  }
  if (settled.ok) {
    check(settled.value);
    return;
  }
  const { error } = settled;
  expect(isGeoIpError(error), `expected an answer or a GeoIpError ABORTED, got ${String(error)}`).toBe(true);
  expect((error as GeoIpError).code, `expected ABORTED, got ${String(error)}`).toBe('ABORTED');
}

/**
 * Register the provider conformance suite with vitest. `setup` runs once per
 * test and returns a fresh provider plus known answers from its data.
 *
 * Checks: name and capabilities; known IPv4 (and IPv6) answers through
 * `lookup`, `lookupSync` and `lookupBatch` when present and through the host;
 * an IPv4-mapped IPv6 address through the host gives the IPv4 answer; the
 * not-found address gives `null` / status `not_found`; private addresses never
 * reach the provider; an already-aborted signal rejects with `ABORTED` (the
 * provider itself and the host); an abort right after `lookup` (and
 * `lookupBatch`) was called ends either in the right answer or in `ABORTED`,
 * never in another error; the host rejects an abort mid-flight with
 * `ABORTED`; `dispose()` twice is harmless and lookups after it fail with
 * `DISPOSED`; failures are `GeoIpError`s with the declared `code`.
 *
 * Tests that do not apply are reported as skipped with the reason, not as
 * passed: the dispose test when the provider has no `dispose()`, the
 * `lookupBatch` abort test without `lookupBatch`, the agreement test with
 * neither `lookupSync` nor `lookupBatch`, the failure test without `failing`.
 *
 * What the suite cannot tell: whether a provider actually stops its work
 * when the signal aborts. The abort checks are not timing-based, so a
 * provider that ignores its signal but answers correctly (an in-memory table
 * that finishes within the call, or an HTTP provider that lets the request
 * run on) still passes; only an abort that surfaces as a different error
 * (`NETWORK_ERROR`, a plain `AbortError`, ...) fails. A provider that never
 * settles fails by vitest's test timeout. Test your provider's own
 * cancellation (e.g. a server that never answers, started by the test)
 * alongside the suite.
 *
 * @example
 * ```ts
 * import { describeGeoProviderConformance } from '@iocmap/geoip/testing';
 * describeGeoProviderConformance('static', async () => ({
 *   provider: createStaticProvider({ '8.8.8.0/24': { countryCode: 'US' } }),
 *   known: { ipv4: { ip: '8.8.8.8', countryCode: 'US' }, notFound: '1.1.1.1' },
 * }));
 * ```
 */
export function describeGeoProviderConformance(name: string, setup: () => Promise<ConformanceSetup>): void {
  describe(`GeoProvider conformance: ${name}`, () => {
    async function withSetup(test: (s: ConformanceSetup) => Promise<void> | void): Promise<void> {
      const s = await setup();
      try {
        await test(s);
      } finally {
        await s.provider.dispose?.();
        await s.teardown?.();
      }
    }

    it('declares a name and boolean capabilities', () =>
      withSetup(async ({ provider }) => {
        expect(typeof provider.name).toBe('string');
        expect(provider.name.length).toBeGreaterThan(0);
        for (const key of ['city', 'country', 'asn', 'offline'] as const) {
          expect(typeof provider.capabilities[key]).toBe('boolean');
        }
        if (provider.batchSize !== undefined) {
          expect(Number.isInteger(provider.batchSize) && provider.batchSize > 0).toBe(true);
          expect(typeof provider.lookupBatch).toBe('function');
        }
      }));

    it('answers the known IPv4 address through lookup', () =>
      withSetup(async ({ provider, known }) => {
        const record = await provider.lookup(known.ipv4.ip, { signal: new AbortController().signal });
        expect(record?.countryCode).toBe(known.ipv4.countryCode);
      }));

    it('answers the known addresses through the host', () =>
      withSetup(async ({ provider, known }) => {
        const host = createGeoHost({ provider, cache: false });
        const inputs = [known.ipv4.ip, ...(known.ipv6 === undefined ? [] : [known.ipv6.ip])];
        const results = await host.lookup(inputs);
        expect(results).toHaveLength(inputs.length);
        expect(results[0]?.status).toBe('located');
        expect(results[0]?.location?.countryCode).toBe(known.ipv4.countryCode);
        expect(results[0]?.provider).toBeTypeOf('string');
        if (known.ipv6 !== undefined) {
          expect(results[1]?.status).toBe('located');
          expect(results[1]?.version).toBe(6);
          expect(results[1]?.location?.countryCode).toBe(known.ipv6.countryCode);
        }
      }));

    it('gives the IPv4 answer for an IPv4-mapped IPv6 address', () =>
      withSetup(async ({ provider, known }) => {
        const host = createGeoHost({ provider, cache: false });
        const [result] = await host.lookup([`::ffff:${known.ipv4.ip}`]);
        expect(result?.status).toBe('located');
        expect(result?.ip).toBe(known.ipv4.ip);
        expect(result?.version).toBe(4);
        expect(result?.location?.countryCode).toBe(known.ipv4.countryCode);
      }));

    it('reports an address without data as not found', () =>
      withSetup(async ({ provider, known }) => {
        expect(await provider.lookup(known.notFound, { signal: new AbortController().signal })).toBeNull();
        const host = createGeoHost({ provider, cache: false });
        const [result] = await host.lookup([known.notFound]);
        expect(result?.status).toBe('not_found');
        expect(result?.location).toBeUndefined();
      }));

    it('agrees between lookupSync, lookupBatch and lookup when it has them', (ctx) =>
      withSetup(async ({ provider, known }) => {
        if (provider.lookupSync === undefined && provider.lookupBatch === undefined) {
          ctx.skip('the provider has neither lookupSync nor lookupBatch; nothing to compare with lookup');
        }
        const ips = [known.ipv4.ip, known.notFound, ...(known.ipv6 === undefined ? [] : [known.ipv6.ip])];
        const expected = ips.map((ip) =>
          ip === known.notFound
            ? null
            : ip === known.ipv4.ip
              ? known.ipv4.countryCode
              : known.ipv6?.countryCode,
        );
        if (provider.lookupSync !== undefined) {
          expect(ips.map((ip) => provider.lookupSync?.(ip)?.countryCode ?? null)).toEqual(expected);
        }
        if (provider.lookupBatch !== undefined) {
          const entries = await provider.lookupBatch(ips, { signal: new AbortController().signal });
          expect(entries.map((e) => (e instanceof Error ? e : (e?.countryCode ?? null)))).toEqual(expected);
        }
      }));

    it('never sends a non-public address to the provider', () =>
      withSetup(async ({ provider }) => {
        const seen: string[] = [];
        const spy: GeoProvider = {
          name: provider.name,
          capabilities: provider.capabilities,
          lookup: (ip, context) => {
            seen.push(ip);
            return provider.lookup(ip, context);
          },
        };
        const host = createGeoHost({ provider: spy, cache: false });
        const results = await host.lookup(['10.0.0.1', '::1', '192.0.2.1', 'not-an-ip']);
        expect(results.map((r) => r.status)).toEqual(['not_public', 'not_public', 'not_public', 'invalid']);
        expect(seen).toEqual([]);
      }));

    it('rejects an already-aborted signal with ABORTED', () =>
      withSetup(async ({ provider, known }) => {
        const controller = new AbortController();
        controller.abort();
        await expectGeoIpError(
          () => provider.lookup(known.ipv4.ip, { signal: controller.signal }),
          'ABORTED',
        );
        const host = createGeoHost({ provider, cache: false });
        await expectGeoIpError(() => host.lookup([known.ipv4.ip], { signal: controller.signal }), 'ABORTED');
      }));

    it('provider lookup: an abort right after the call ends in the answer or ABORTED, nothing else', () =>
      withSetup(async ({ provider, known }) => {
        const controller = new AbortController();
        const pending = provider.lookup(known.ipv4.ip, { signal: controller.signal });
        controller.abort();
        await expectAnswerOrAborted(pending, (record) => {
          expect(record?.countryCode, 'finished before the abort, so it must be the right answer').toBe(
            known.ipv4.countryCode,
          );
        });
      }));

    it('provider lookupBatch: an abort right after the call ends in the answers or ABORTED, nothing else', (ctx) =>
      withSetup(async ({ provider, known }) => {
        if (provider.lookupBatch === undefined) ctx.skip('the provider has no lookupBatch');
        const controller = new AbortController();
        const pending = (provider.lookupBatch as NonNullable<GeoProvider['lookupBatch']>)(
          [known.ipv4.ip, known.notFound],
          { signal: controller.signal },
        );
        controller.abort();
        await expectAnswerOrAborted(pending, (entries) => {
          expect(
            entries.map((e) => (e instanceof Error ? e : (e?.countryCode ?? null))),
            'finished before the abort, so it must be the right answers',
          ).toEqual([known.ipv4.countryCode, null]);
        });
      }));

    it('host: rejects with ABORTED when aborted mid-flight', () =>
      withSetup(async ({ provider, known }) => {
        const controller = new AbortController();
        const host = createGeoHost({ provider, cache: false });
        const pending = host.lookup([known.ipv4.ip, known.notFound], { signal: controller.signal });
        controller.abort();
        await expectGeoIpError(() => pending, 'ABORTED');
      }));

    it('tolerates dispose twice and fails lookups after dispose with DISPOSED', (ctx) =>
      withSetup(async ({ provider, known }) => {
        if (provider.dispose === undefined) {
          ctx.skip('the provider has no dispose(); nothing to release, so no DISPOSED state to check');
        }
        await provider.dispose?.();
        await provider.dispose?.();
        await expectGeoIpError(
          () => provider.lookup(known.ipv4.ip, { signal: new AbortController().signal }),
          'DISPOSED',
        );
        if (provider.lookupSync !== undefined) {
          await expectGeoIpError(async () => provider.lookupSync?.(known.ipv4.ip), 'DISPOSED');
        }
        if (provider.lookupBatch !== undefined) {
          await expectGeoIpError(
            () =>
              provider.lookupBatch?.([known.ipv4.ip], { signal: new AbortController().signal }) ??
              Promise.resolve(),
            'DISPOSED',
          );
        }
      }));

    it('fails a disposed host with DISPOSED', () =>
      withSetup(async ({ provider, known }) => {
        const host = createGeoHost({ provider });
        await host.dispose();
        await host.dispose();
        await expectGeoIpError(() => host.lookup([known.ipv4.ip]), 'DISPOSED');
      }));

    it('fails with a GeoIpError carrying the declared code', (ctx) =>
      withSetup(async ({ known, failing }) => {
        if (failing === undefined) ctx.skip('setup declares no failing provider (ConformanceSetup.failing)');
        const { create, code } = failing as NonNullable<ConformanceSetup['failing']>;
        const error = await expectGeoIpError(async () => {
          const broken = await create();
          try {
            await broken.lookup(known.ipv4.ip, { signal: new AbortController().signal });
          } finally {
            await broken.dispose?.();
          }
        }, code);
        expect(error).toBeInstanceOf(Error);
        expect(error.message.length).toBeGreaterThan(0);
      }));
  });
}
