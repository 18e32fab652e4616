import { classifyIp, type IpRange, type IpType, type ValidIp } from './classify.js';
import { GeoIpError, type GeoIpErrorCode, isGeoIpError } from './geo-ip-error.js';
import { callSignal, raceAbort, reasonOf, timeoutError } from './internal/abort.js';
import { checkAnswer, checkBatchAnswer, rejectUnknownKeys, showValue } from './internal/check-record.js';
import { Lru } from './internal/lru.js';
import { classifyV4 } from './internal/special-ranges.js';
import { toGeoIpError } from './internal/to-geo-ip-error.js';
import { parseIpv4Strict } from './parse-ipv4.js';
import type { GeoBatchEntry, GeoLookupContext, GeoProvider, GeoRecord } from './types.js';

/**
 * Outcome of one input address:
 * - `located`: the provider has a record (`location`);
 * - `not_found`: a public address the provider has no data for;
 * - `not_public`: a valid address outside public space (`ipType` is not `Public`); never sent to the provider;
 * - `invalid`: not an IP address (`reason` says why and names the value);
 * - `error`: the provider failed for this address (`code`, `error`, `reason`).
 */
export type GeoResultStatus = 'located' | 'not_found' | 'not_public' | 'invalid' | 'error';

/**
 * The host's answer for one input address; exactly one per input, in input
 * order. The CLI maps it to msticpy's record fields `ip, ipType, countryCode,
 * countryName, state, city, latitude, longitude, provider`.
 */
export interface GeoResult {
  /** The input exactly as given. */
  input: string;
  status: GeoResultStatus;
  /** Canonical address (see {@link classifyIp}); absent when `invalid`. */
  ip?: string;
  version?: 4 | 6;
  ipType?: IpType;
  range?: IpRange;
  /** The record, when `located`. */
  location?: GeoRecord;
  /** Name of the provider that answered or failed (`located`, `not_found`, `error`). */
  provider?: string;
  /** Human-readable explanation for `invalid`, `not_public` and `error`. */
  reason?: string;
  /** The error code, when `error`. */
  code?: GeoIpErrorCode;
  /** The error, when `error`. */
  error?: GeoIpError;
}

/** Options of {@link createGeoHost}. */
export interface GeoHostOptions {
  /** The provider (or combinator) that answers public addresses. The host owns it: `host.dispose()` disposes it. */
  provider: GeoProvider;
  /**
   * LRU cache of provider answers (records and not-found) keyed by canonical
   * address. `size` is the number of addresses kept (default 10,000); `false`
   * turns caching off. Failures are never cached.
   */
  cache?: false | { size?: number };
  /** Most provider calls (single or batch) in flight at once, for async providers. Default 8. */
  concurrency?: number;
  /** Default time limit of each `lookup` call in ms (none by default). */
  timeoutMs?: number;
  /**
   * What a provider failure does. `'result'` (default): the affected addresses
   * get `status: 'error'` results with the `GeoIpError` and its `code`, the
   * others still get their answers. `'throw'`: the call rejects with the first
   * failure (in input order) after all lookups finished.
   * Abort, timeout and use after dispose always reject the whole call.
   */
  errors?: 'result' | 'throw';
}

/** Per-call options of {@link GeoHost.lookup}. */
export interface GeoLookupOptions {
  /** Abort the call; it rejects with `GeoIpError` code `ABORTED`. */
  signal?: AbortSignal;
  /** Time limit of this call in ms; it rejects with code `TIMEOUT`. Overrides the host's `timeoutMs`. */
  timeoutMs?: number;
}

/** Counters since the host was created. */
export interface GeoHostStats {
  /**
   * Addresses answered from the cache. Async providers: counted per unique
   * address of a call (a call is de-duplicated first). Sync providers
   * (`lookupSync`): counted per input, so a repeat within a call is a hit.
   */
  cacheHits: number;
  /** Addresses not found in the cache, counted like `cacheHits` (0 when the cache is off). */
  cacheMisses: number;
  /** Addresses currently cached. */
  cacheSize: number;
  /** Calls made to the provider (`lookup`, `lookupSync` and `lookupBatch` each count one). */
  providerCalls: number;
  /** Unique addresses sent to the provider. */
  providerAddresses: number;
}

/** A GeoIP host: validation, classification, de-duplication, cache, batching, abort and timeout around one provider. */
export interface GeoHost {
  readonly provider: GeoProvider;
  /**
   * Look addresses up; resolves to exactly one {@link GeoResult} per input, in input order.
   * @throws GeoIpError `ABORTED`, `TIMEOUT`, `DISPOSED`, `INVALID_OPTION`; with `errors: 'throw'` also the first provider failure.
   */
  lookup(addresses: readonly string[], options?: GeoLookupOptions): Promise<GeoResult[]>;
  /** Look one address up. Same rules as {@link GeoHost.lookup}. */
  lookupOne(address: string, options?: GeoLookupOptions): Promise<GeoResult>;
  /**
   * Synchronous lookup for providers with `lookupSync` (in-memory data): no Promise at all.
   * @throws GeoIpError `UNSUPPORTED` when the provider has no `lookupSync`; `DISPOSED`; `INVALID_OPTION`.
   */
  lookupSync(addresses: readonly string[]): GeoResult[];
  /** Counters since creation. */
  stats(): GeoHostStats;
  /** Empty the cache. */
  clearCache(): void;
  /** Dispose the provider and refuse further lookups (`DISPOSED`). Calling it twice is harmless. */
  dispose(): Promise<void>;
}

const DEFAULT_CACHE_SIZE = 10_000;
const DEFAULT_CONCURRENCY = 8;
const DEFAULT_BATCH_SIZE = 100;
/** How many synchronous lookups run between two timeout checks. */
const DEADLINE_STRIDE = 1024;

type Outcome = GeoRecord | null | GeoIpError | undefined;

interface Prepared {
  readonly inputs: readonly string[];
  readonly results: GeoResult[];
  /** Input indexes of public addresses, with their classification and slot. */
  readonly waitingIndex: number[];
  readonly waitingClass: ValidIp[];
  readonly waitingSlot: number[];
  /** Unique canonical addresses and their outcome (undefined = not yet known). */
  readonly slotIps: string[];
  readonly slotOutcome: Outcome[];
  readonly pending: number[];
}

function positiveInteger(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value > 0;
}

function optionError(message: string): GeoIpError {
  return new GeoIpError('INVALID_OPTION', message);
}

/**
 * Create a GeoIP host around a provider. The host does the shared work once
 * for every provider: it trims, validates and canonicalises each input
 * ({@link classifyIp}), classifies it against the IANA special-purpose
 * registries, sends only `Public` addresses to the provider, de-duplicates
 * them, answers repeats from an LRU cache, splits native batches to the
 * provider's `batchSize`, limits concurrency of single lookups, and honours
 * an `AbortSignal` and a timeout.
 *
 * Provider failures are per-address `error` results by default (see
 * {@link GeoHostOptions.errors}); nothing is dropped: the result array always
 * has one entry per input.
 *
 * When the provider has `lookupSync`, lookups run in one synchronous loop with
 * no Promise per address and no de-duplication map (the cache catches repeats;
 * with `cache: false` a repeat is looked up again, which is cheaper for
 * in-memory data). Use `cache: false` to measure raw provider cost.
 *
 * A provider answer that is not a {@link GeoRecord} object or `null` (a
 * string, an array, a number), a record with a text field that is not a
 * string or an `asn` that is not a whole number, or one whose `latitude` is outside
 * -90..90, `longitude` outside -180..180 or `accuracyRadiusKm` negative (or
 * any of them not a finite number), is an `error` result with code
 * `INVALID_RESPONSE` naming the provider and the address: the whole record is
 * refused, not just the bad field, because a provider that sends impossible
 * coordinates cannot be trusted for the rest of that answer either. Such
 * answers are never cached.
 *
 * @throws GeoIpError `INVALID_OPTION` for a missing provider, a bad cache, cache size, concurrency,
 *   timeout, `errors` value or provider batch size; the message quotes the value (strings JSON-quoted).
 * @example
 * ```ts
 * const host = createGeoHost({ provider: createStaticProvider({ '8.8.8.0/24': { countryCode: 'US' } }) });
 * const [google, lan, typo] = await host.lookup(['8.8.8.8', '10.0.0.1', '999.1.1.1']);
 * // google.status === 'located', lan.status === 'not_public', typo.status === 'invalid'
 * ```
 */
export function createGeoHost(options: GeoHostOptions): GeoHost {
  const provider = options?.provider;
  if (provider === undefined || provider === null || typeof provider.lookup !== 'function') {
    throw optionError('createGeoHost needs options.provider: an object with a lookup(ip, context) method.');
  }
  rejectUnknownKeys(options, ['provider', 'cache', 'concurrency', 'timeoutMs', 'errors'], 'createGeoHost');
  const cacheOption = options.cache ?? {};
  if (cacheOption !== false && (typeof cacheOption !== 'object' || Array.isArray(cacheOption))) {
    throw optionError(
      `cache must be false or { size }, got ${showValue(cacheOption)}; leave it out for the default cache.`,
    );
  }
  if (cacheOption !== false && cacheOption.size !== undefined && !positiveInteger(cacheOption.size)) {
    throw optionError(
      `cache.size must be a positive integer, got ${showValue(cacheOption.size)}; use cache: false to turn the cache off.`,
    );
  }
  const concurrency = options.concurrency ?? DEFAULT_CONCURRENCY;
  if (!positiveInteger(concurrency)) {
    throw optionError(`concurrency must be a positive integer, got ${showValue(options.concurrency)}.`);
  }
  checkTimeout(options.timeoutMs);
  if (options.errors !== undefined && options.errors !== 'result' && options.errors !== 'throw') {
    throw optionError(`errors must be "result" or "throw", got ${showValue(options.errors)}.`);
  }
  if (provider.batchSize !== undefined && !positiveInteger(provider.batchSize)) {
    throw optionError(
      `Provider "${provider.name}" declares batchSize ${showValue(provider.batchSize)}; it must be a positive integer.`,
    );
  }
  const batchSize = provider.batchSize ?? DEFAULT_BATCH_SIZE;
  const throwOnError = options.errors === 'throw';
  const cache =
    cacheOption === false ? undefined : new Lru<GeoRecord | null>(cacheOption.size ?? DEFAULT_CACHE_SIZE);
  const counters = { cacheHits: 0, cacheMisses: 0, providerCalls: 0, providerAddresses: 0 };
  let disposed = false;

  function assertUsable(): void {
    if (disposed) {
      throw new GeoIpError(
        'DISPOSED',
        `The GeoIP host for provider "${provider.name}" was disposed; create a new host.`,
        {
          provider: provider.name,
        },
      );
    }
  }

  function prepare(addresses: readonly string[]): Prepared {
    if (!Array.isArray(addresses)) {
      throw optionError(`lookup expects an array of address strings, got ${typeof addresses}.`);
    }
    const n = addresses.length;
    const results: GeoResult[] = new Array(n);
    const waitingIndex: number[] = [];
    const waitingClass: ValidIp[] = [];
    const waitingSlot: number[] = [];
    const slotIps: string[] = [];
    const slotOutcome: Outcome[] = [];
    const pending: number[] = [];
    const slotOf = new Map<string, number>();
    for (let i = 0; i < n; i++) {
      const input = addresses[i] as string;
      const c = classifyIp(input);
      if (!c.valid) {
        results[i] = { input: String(input), status: 'invalid', reason: c.reason };
        continue;
      }
      if (c.ipType !== 'Public') {
        results[i] = notPublic(input, c);
        continue;
      }
      let slot = slotOf.get(c.ip);
      if (slot === undefined) {
        slot = slotIps.length;
        slotOf.set(c.ip, slot);
        slotIps.push(c.ip);
        let outcome: Outcome;
        if (cache !== undefined) {
          outcome = cache.get(c.ip);
          if (outcome === undefined) counters.cacheMisses++;
          else counters.cacheHits++;
        }
        slotOutcome.push(outcome);
        if (outcome === undefined) pending.push(slot);
      }
      waitingIndex.push(i);
      waitingClass.push(c);
      waitingSlot.push(slot);
    }
    return {
      inputs: addresses,
      results,
      waitingIndex,
      waitingClass,
      waitingSlot,
      slotIps,
      slotOutcome,
      pending,
    };
  }

  function settle(prepared: Prepared, slot: number, outcome: GeoRecord | null | GeoIpError): void {
    prepared.slotOutcome[slot] = outcome;
    if (cache !== undefined && !isGeoIpError(outcome)) cache.set(prepared.slotIps[slot] as string, outcome);
  }

  /**
   * The fast path for providers with `lookupSync`: one loop, one result object
   * per address, no intermediate arrays, no de-duplication map (the cache, when
   * on, catches repeats; without it a repeat is simply looked up again, which
   * costs less than de-duplicating).
   */
  function syncPass(
    addresses: readonly string[],
    lookupSync: (ip: string) => GeoRecord | null,
    deadline: number,
    timeoutMs: number,
  ): GeoResult[] {
    if (!Array.isArray(addresses)) {
      throw optionError(`lookup expects an array of address strings, got ${typeof addresses}.`);
    }
    const n = addresses.length;
    const results: GeoResult[] = new Array(n);
    const name = provider.name;
    let firstError: GeoIpError | undefined;
    let calls = 0;
    for (let i = 0; i < n; i++) {
      if ((i & (DEADLINE_STRIDE - 1)) === DEADLINE_STRIDE - 1 && Date.now() > deadline) {
        throw timeoutError(timeoutMs);
      }
      const input = addresses[i] as string;
      // Plain dotted quads (the common case) are classified here without a
      // ValidIp object; everything else takes classifyIp's full path.
      const value = typeof input === 'string' ? parseIpv4Strict(input) : -1;
      let ip: string;
      let version: 4 | 6;
      let ipType: IpType;
      let range: IpRange;
      if (value >= 0) {
        const special = classifyV4(value);
        ip = input;
        version = 4;
        ipType = special.ipType;
        range = special.range;
      } else {
        const c = classifyIp(input);
        if (!c.valid) {
          results[i] = { input: String(input), status: 'invalid', reason: c.reason };
          continue;
        }
        ip = c.ip;
        version = c.version;
        ipType = c.ipType;
        range = c.range;
      }
      if (ipType !== 'Public') {
        results[i] = notPublic(input, { valid: true, ip, version, ipType, range });
        continue;
      }
      let outcome: GeoRecord | null | GeoIpError | undefined;
      if (cache !== undefined) {
        outcome = cache.get(ip);
        if (outcome === undefined) counters.cacheMisses++;
        else counters.cacheHits++;
      }
      if (outcome === undefined) {
        calls++;
        try {
          outcome = checkAnswer(lookupSync.call(provider, ip), name, ip);
          if (cache !== undefined && !(outcome instanceof Error)) cache.set(ip, outcome);
        } catch (error) {
          outcome = toGeoIpError(error, name, ip);
        }
      }
      if (outcome === null) {
        results[i] = { input, status: 'not_found', ip, version, ipType, range, provider: name };
      } else if (outcome instanceof Error) {
        firstError ??= outcome;
        results[i] = errorResult(input, { valid: true, ip, version, ipType, range }, outcome);
      } else {
        results[i] = {
          input,
          status: 'located',
          ip,
          version,
          ipType,
          range,
          location: outcome,
          provider: outcome.source ?? name,
        };
      }
    }
    counters.providerCalls += calls;
    counters.providerAddresses += calls;
    if (throwOnError && firstError !== undefined) throw firstError;
    return results;
  }

  function errorResult(input: string, c: ValidIp, error: GeoIpError): GeoResult {
    return {
      input,
      status: 'error',
      ip: c.ip,
      version: c.version,
      ipType: c.ipType,
      range: c.range,
      provider: error.provider ?? provider.name,
      reason: error.message,
      code: error.code,
      error,
    };
  }

  async function resolveAsync(prepared: Prepared, signal: AbortSignal): Promise<void> {
    const { pending, slotIps } = prepared;
    const context: GeoLookupContext = { signal };
    counters.providerAddresses += pending.length;
    const lookupBatch = provider.lookupBatch;
    let tasks: number;
    let run: (task: number) => Promise<void>;
    if (lookupBatch !== undefined) {
      tasks = Math.ceil(pending.length / batchSize);
      run = async (task) => {
        const slots = pending.slice(task * batchSize, (task + 1) * batchSize);
        const ips = slots.map((slot) => slotIps[slot] as string);
        counters.providerCalls++;
        let entries: GeoBatchEntry[];
        try {
          entries = await lookupBatch.call(provider, ips, context);
          checkBatchAnswer(provider.name, ips.length, entries);
        } catch (error) {
          if (signal.aborted) throw reasonOf(signal);
          const failure = toGeoIpError(error, provider.name);
          for (const slot of slots) settle(prepared, slot, failure);
          return;
        }
        for (let j = 0; j < slots.length; j++) {
          const entry = entries[j];
          settle(prepared, slots[j] as number, checkAnswer(entry, provider.name, ips[j] as string));
        }
      };
    } else {
      tasks = pending.length;
      run = async (task) => {
        const slot = pending[task] as number;
        const ip = slotIps[slot] as string;
        counters.providerCalls++;
        let outcome: GeoRecord | null | GeoIpError;
        try {
          outcome = checkAnswer(await provider.lookup(ip, context), provider.name, ip);
        } catch (error) {
          if (signal.aborted) throw reasonOf(signal);
          outcome = toGeoIpError(error, provider.name, ip);
        }
        settle(prepared, slot, outcome);
      };
    }
    let next = 0;
    const worker = async (): Promise<void> => {
      while (next < tasks) {
        if (signal.aborted) throw reasonOf(signal);
        const task = next++;
        await run(task);
      }
    };
    const workers: Promise<void>[] = [];
    for (let w = Math.min(concurrency, tasks); w > 0; w--) workers.push(worker());
    await Promise.all(workers);
  }

  function finish(prepared: Prepared): GeoResult[] {
    const { inputs, results, waitingIndex, waitingClass, waitingSlot, slotOutcome } = prepared;
    let firstError: GeoIpError | undefined;
    for (let k = 0; k < waitingIndex.length; k++) {
      const c = waitingClass[k] as ValidIp;
      const i = waitingIndex[k] as number;
      const outcome = slotOutcome[waitingSlot[k] as number];
      const input = inputs[i] as string;
      let result: GeoResult;
      if (outcome === null || outcome === undefined) {
        result = {
          input,
          status: 'not_found',
          ip: c.ip,
          version: c.version,
          ipType: c.ipType,
          range: c.range,
          provider: provider.name,
        };
      } else if (outcome instanceof Error) {
        firstError ??= outcome;
        result = errorResult(input, c, outcome);
      } else {
        result = {
          input,
          status: 'located',
          ip: c.ip,
          version: c.version,
          ipType: c.ipType,
          range: c.range,
          location: outcome,
          provider: outcome.source ?? provider.name,
        };
      }
      results[i] = result;
    }
    if (throwOnError && firstError !== undefined) throw firstError;
    return results;
  }

  const host: GeoHost = {
    provider,
    async lookup(addresses, callOptions = {}) {
      assertUsable();
      if (callOptions === null || typeof callOptions !== 'object') {
        throw optionError(
          `lookup options must be an object such as { timeoutMs }, got ${showValue(callOptions)}.`,
        );
      }
      rejectUnknownKeys(callOptions, ['signal', 'timeoutMs'], 'lookup');
      checkTimeout(callOptions.timeoutMs);
      const timeoutMs = callOptions.timeoutMs ?? options.timeoutMs;
      const call = callSignal(callOptions.signal, timeoutMs);
      try {
        if (call.signal.aborted) throw reasonOf(call.signal);
        // One microtask so that an abort right after the call (before the caller awaits) is honoured
        // even when a synchronous provider would otherwise finish within this tick.
        await Promise.resolve();
        if (call.signal.aborted) throw reasonOf(call.signal);
        if (provider.lookupSync !== undefined) {
          return syncPass(addresses, provider.lookupSync, call.deadline, timeoutMs ?? 0);
        }
        const prepared = prepare(addresses);
        if (prepared.pending.length > 0) await raceAbort(resolveAsync(prepared, call.signal), call.signal);
        assertUsable();
        return finish(prepared);
      } finally {
        call.cleanup();
      }
    },
    async lookupOne(address, callOptions) {
      const [result] = await host.lookup([address], callOptions);
      return result as GeoResult;
    },
    lookupSync(addresses) {
      assertUsable();
      const lookupSync = provider.lookupSync;
      if (lookupSync === undefined) {
        throw new GeoIpError(
          'UNSUPPORTED',
          `Provider "${provider.name}" has no synchronous lookup (lookupSync); use await host.lookup(...) instead.`,
          { provider: provider.name },
        );
      }
      return syncPass(addresses, lookupSync, Number.POSITIVE_INFINITY, 0);
    },
    stats() {
      return { ...counters, cacheSize: cache?.size ?? 0 };
    },
    clearCache() {
      cache?.clear();
    },
    async dispose() {
      if (disposed) return;
      disposed = true;
      cache?.clear();
      await provider.dispose?.();
    },
  };
  return host;
}

function notPublic(input: string, c: ValidIp): GeoResult {
  return {
    input,
    status: 'not_public',
    ip: c.ip,
    version: c.version,
    ipType: c.ipType,
    range: c.range,
    reason: `${c.ip} is ${c.ipType} address space (${c.range}); it is not sent to a GeoIP provider.`,
  };
}

function checkTimeout(timeoutMs: unknown): void {
  if (
    timeoutMs !== undefined &&
    !(typeof timeoutMs === 'number' && Number.isFinite(timeoutMs) && timeoutMs > 0)
  ) {
    throw optionError(`timeoutMs must be a positive number of milliseconds, got ${showValue(timeoutMs)}.`);
  }
}
