import { CliError } from '../errors.js';

/** Limits applied to a URL SOURCE. */
export interface FetchLimits {
  /** Time allowed for the whole download, in ms. */
  timeoutMs: number;
  /** Largest body accepted, in bytes. */
  maxBytes: number;
}

/** Default limits: 30 s, 100 MiB. */
export const DEFAULT_FETCH_LIMITS: FetchLimits = { timeoutMs: 30_000, maxBytes: 100 * 1024 * 1024 };

/**
 * Download a URL SOURCE as a stream of bytes, enforcing a timeout over the
 * whole transfer and a size cap (checked against `Content-Length` first, then
 * while reading).
 *
 * @throws CliError `URL_FETCH` naming the URL and the HTTP status, the timeout or the size cap.
 */
export async function* fetchUrl(url: URL, limits: FetchLimits): AsyncGenerator<Uint8Array> {
  const shown = redactUrl(url);
  const controller = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, limits.timeoutMs);
  const timeoutError = () =>
    new CliError(
      'URL_FETCH',
      `fetching ${shown} timed out after ${limits.timeoutMs} ms; try again or raise --url-timeout`,
      { value: shown },
    );
  try {
    let response: Response;
    try {
      response = await fetch(url, { signal: controller.signal, redirect: 'follow' });
    } catch (cause) {
      if (timedOut) throw timeoutError();
      throw new CliError(
        'URL_FETCH',
        `cannot fetch ${shown}: ${describeCause(cause)}; check the address and your network`,
        {
          value: shown,
          cause,
        },
      );
    }
    if (!response.ok) {
      await response.body?.cancel().catch(() => undefined);
      throw new CliError(
        'URL_FETCH',
        `fetching ${shown} failed: HTTP ${response.status}${response.statusText ? ` ${response.statusText}` : ''}; check the address`,
        { value: shown },
      );
    }
    const declared = Number(response.headers.get('content-length'));
    const tooLarge = () =>
      new CliError(
        'URL_FETCH',
        `${shown} is larger than the ${limits.maxBytes}-byte limit; download it and pass the file, or raise --url-max-bytes`,
        { value: shown },
      );
    if (Number.isFinite(declared) && declared > limits.maxBytes) {
      await response.body?.cancel().catch(() => undefined);
      throw tooLarge();
    }
    if (!response.body) return;
    let received = 0;
    const reader = response.body.getReader();
    try {
      for (;;) {
        let chunk: ReadableStreamReadResult<Uint8Array>;
        try {
          chunk = await reader.read();
        } catch (cause) {
          if (timedOut) throw timeoutError();
          throw new CliError('URL_FETCH', `reading ${shown} failed: ${describeCause(cause)}`, {
            value: shown,
            cause,
          });
        }
        if (chunk.done) break;
        received += chunk.value.byteLength;
        if (received > limits.maxBytes) throw tooLarge();
        yield chunk.value;
      }
    } finally {
      await reader.cancel().catch(() => undefined);
    }
  } finally {
    clearTimeout(timer);
    controller.abort();
  }
}

/** A URL as shown in messages: user info and query values removed, since they often carry keys. */
export function redactUrl(url: URL): string {
  const copy = new URL(url.href);
  if (copy.username || copy.password) {
    copy.username = '***';
    copy.password = '';
  }
  for (const key of [...copy.searchParams.keys()]) copy.searchParams.set(key, '***');
  return copy.href.replace(/%2A%2A%2A/g, '***');
}

function describeCause(cause: unknown): string {
  if (cause instanceof Error) {
    const inner = (cause as Error & { cause?: unknown }).cause;
    if (inner instanceof Error && inner.message) return inner.message;
    return cause.message;
  }
  return String(cause);
}
