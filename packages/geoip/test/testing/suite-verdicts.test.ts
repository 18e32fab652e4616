import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { startVitest } from 'vitest/node';

/**
 * Runs the conformance suite against two misbehaving providers (fixture
 * `misbehaving.suite.ts`) in a nested vitest run and reads each test's state:
 * a check that does not apply must be skipped with its reason, and a provider
 * that turns an abort into another error must fail the provider-level check.
 */
describe('describeGeoProviderConformance verdicts', () => {
  it('skips what does not apply and fails an abort reported as NETWORK_ERROR', async () => {
    const root = fileURLToPath(new URL('../fixtures/conformance/', import.meta.url));
    const vitest = await startVitest(
      'test',
      [],
      { root, include: ['misbehaving.suite.ts'], watch: false, reporters: [{}], config: false },
      {},
    );
    const states = new Map<string, { state: string; note: string | undefined }>();
    for (const module of vitest.state.getTestModules()) {
      for (const test of module.children.allTests()) {
        const result = test.result();
        states.set(test.fullName, {
          state: result.state,
          note: result.state === 'skipped' ? result.note : undefined,
        });
      }
    }
    await vitest.close();
    process.exitCode = 0;

    const noDispose = 'GeoProvider conformance: no-dispose > ';
    expect(
      states.get(`${noDispose}tolerates dispose twice and fails lookups after dispose with DISPOSED`),
    ).toEqual({
      state: 'skipped',
      note: 'the provider has no dispose(); nothing to release, so no DISPOSED state to check',
    });
    expect(states.get(`${noDispose}fails with a GeoIpError carrying the declared code`)?.state).toBe(
      'skipped',
    );
    expect(states.get(`${noDispose}answers the known IPv4 address through lookup`)?.state).toBe('passed');
    expect(
      states.get(
        `${noDispose}provider lookup: an abort right after the call ends in the answer or ABORTED, nothing else`,
      )?.state,
    ).toBe('passed');

    const network = 'GeoProvider conformance: abort-as-network-error > ';
    expect(
      states.get(
        `${network}provider lookup: an abort right after the call ends in the answer or ABORTED, nothing else`,
      )?.state,
    ).toBe('failed');
    // The host rejects with ABORTED on its own, which is why the provider-level check exists.
    expect(states.get(`${network}host: rejects with ABORTED when aborted mid-flight`)?.state).toBe('passed');
    expect(
      states.get(`${network}tolerates dispose twice and fails lookups after dispose with DISPOSED`)?.state,
    ).toBe('failed');
  });
});
