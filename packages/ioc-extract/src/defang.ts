import { IocExtractError } from './errors.js';

const SCHEME = /^([A-Za-z][A-Za-z0-9+.-]*):\/\//;

/**
 * Defang one indicator value so it is no longer clickable or resolvable:
 * dots in hosts and IPv4 addresses become `[.]`, `@` becomes `[@]`, and a URL
 * gets `hxxp`/`hxxps`/`fxp` and `[://]`. Only the host part of a URL is
 * touched, so {@link extract} returns the original value from the result.
 *
 * @throws {IocExtractError} `INVALID_INPUT` when `value` is not a string.
 * @example
 * ```ts
 * defang('https://evil.com/x.php'); // 'hxxps[://]evil[.]com/x.php'
 * defang('a@b.com');                 // 'a[@]b[.]com'
 * ```
 */
export function defang(value: string): string {
  if (typeof value !== 'string') {
    throw new IocExtractError('INVALID_INPUT', `defang needs a string, got ${typeof value}.`, {
      option: 'value',
      value,
    });
  }
  const m = SCHEME.exec(value);
  if (m !== null) {
    const scheme = (m[1] as string).toLowerCase();
    const fanged =
      scheme === 'http' ? 'hxxp' : scheme === 'https' ? 'hxxps' : scheme === 'ftp' ? 'fxp' : scheme;
    const rest = value.slice(m[0].length);
    let end = rest.search(/[/?#]/);
    if (end < 0) end = rest.length;
    const auth = rest.slice(0, end);
    const at = auth.lastIndexOf('@');
    const host = auth.slice(at + 1);
    const hostDefanged = host.startsWith('[') ? host : host.replace(/\./g, '[.]');
    return `${fanged}[://]${auth.slice(0, at + 1)}${hostDefanged}${rest.slice(end)}`;
  }
  if (value.includes(':')) return value; // IPv6, CIDR v6: nothing to click
  const at = value.lastIndexOf('@');
  if (at >= 0) return `${value.slice(0, at)}[@]${value.slice(at + 1).replace(/\./g, '[.]')}`;
  return value.replace(/\./g, '[.]');
}
