import { isIP } from 'node:net';
import { parse } from 'csv-parse/sync';

const HEADER_NAME = /^[A-Za-z_][\w .()/#-]{0,63}$/;

/**
 * Find the header row of CSV text, skipping leading blank lines and `#`
 * comment lines (such as the banner abuse.ch puts above its feeds).
 * `head` is the start of the text; only its complete lines are considered
 * unless `complete` says it is the whole text.
 *
 * With `byExtension` (a `.csv` file) the first row is a header when its
 * fields all look like column names. Otherwise the text is sniffed: at least
 * two such names, and every following row of the sample has the same number
 * of fields.
 *
 * @returns the header fields, or `null` when the text is not CSV with a header.
 */
export function sniffCsvHeader(
  head: string,
  options: { byExtension: boolean; complete: boolean },
): string[] | null {
  const lines = head.split(/\r?\n/);
  if (!options.complete) lines.pop();
  const sample: string[] = [];
  for (const line of lines) {
    // `#` lines are comments only before the header row (see csvRows).
    if (sample.length === 0 && (line.trim() === '' || line.trimStart().startsWith('#'))) continue;
    if (line.trim() === '') continue;
    sample.push(line);
    if (sample.length >= 6) break;
  }
  if (sample.length === 0) return null;
  let rows: string[][];
  try {
    rows = parse(sample.join('\n'), { relax_column_count: true, relax_quotes: true }) as string[][];
  } catch {
    return null;
  }
  const header = rows[0];
  if (!header || header.length === 0) return null;
  const names = header.map((name) => name.trim());
  const headerLike = names.every((name) => HEADER_NAME.test(name) && isIP(name) === 0 && !/^\d/.test(name));
  if (!headerLike) return null;
  if (options.byExtension) return uniqueHeaderNames(names);
  if (names.length < 2) return null;
  const data = rows.slice(1);
  if (data.length === 0) return null;
  return data.every((row) => row.length === names.length) ? uniqueHeaderNames(names) : null;
}

/**
 * Make header names unique so that every column keeps its own cell (rows are
 * keyed by name): the second `ip` becomes `ip_2`, the third `ip_3`; a suffix
 * that is already a column name is skipped, so `ip,ip,ip_2` gives
 * `ip, ip_3, ip_2`.
 */
export function uniqueHeaderNames(names: readonly string[]): string[] {
  const taken = new Set(names);
  const seen = new Set<string>();
  return names.map((name) => {
    if (!seen.has(name)) {
      seen.add(name);
      return name;
    }
    let n = 2;
    while (taken.has(`${name}_${n}`)) n += 1;
    const unique = `${name}_${n}`;
    taken.add(unique);
    seen.add(unique);
    return unique;
  });
}
