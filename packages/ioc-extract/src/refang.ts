import { IocExtractError } from './errors.js';
import { applyEdits } from './internal/offset-map.js';
import { refangEdits } from './internal/refang.js';
import { foldEdits } from './internal/unicode.js';

/** Options for {@link refang}. */
export interface RefangOptions {
  /** Accept word forms (` dot `) whose result ends in a non-public suffix. Default false. */
  readonly ignoreTlds?: boolean;
}

/**
 * Undo defanging in a text: `[.]`, `(dot)`, `{.}`, `.]]]`, `\.`, `[at]`,
 * `{@}`, `[:]`, `[://]`, `hxxp`, `h**ps`, `hzzzp`, `fxp`, `sfXp`, `http:\\`,
 * `http__`, a space after the scheme, and the word forms ` dot ` / ` at `
 * where the joined result validates. The text is also NFKC-folded and
 * zero-width characters are removed.
 *
 * Each rewrite checks its own context, so `2001:db8::/32`, ` . ` between
 * sentences, real schemes such as `tcp://` and `DOT` inside host names stay
 * as written.
 *
 * @throws {IocExtractError} `INVALID_INPUT` when `text` is not a string.
 * @example
 * ```ts
 * refang('hxxp://evil[.]com/a and 1.1.1[.]1'); // 'http://evil.com/a and 1.1.1.1'
 * ```
 */
export function refang(text: string, options: RefangOptions = {}): string {
  if (typeof text !== 'string') {
    throw new IocExtractError('INVALID_INPUT', `refang needs a string, got ${typeof text}.`, {
      option: 'text',
      value: text,
    });
  }
  const w = applyEdits(text, foldEdits(text));
  return applyEdits(w, refangEdits(w, { ignoreTlds: options.ignoreTlds === true }));
}
