import { createExtractor, type Extractor } from './extractor.js';
import type {
  ExtractOptions,
  IocMatch,
  IocRecordMatch,
  IocResult,
  IocStreamSource,
  IocTable,
} from './types.js';

let shared: Extractor | undefined;
const defaultExtractor = (): Extractor => {
  shared ??= createExtractor();
  return shared;
};

/**
 * Extract indicators from text: each type maps to its unique refanged,
 * normalised values in first-seen order; types with no match are left out.
 * Keys follow {@link IOC_TYPES} order (`ipv4`, `ipv6`, `cidr`, `dns`, `url`,
 * `email`, hashes, `cve`, `asn`, `mac_address`, paths).
 *
 * @throws {IocExtractError} `INVALID_INPUT` when `text` is not a string;
 *   `INVALID_OPTION` for an unknown type name, an unknown option name or a
 *   non-boolean flag.
 * @example
 * ```ts
 * extract('1.1.1[.]1 example[.]com'); // { ipv4: ['1.1.1.1'], dns: ['example.com'] }
 * ```
 */
export function extract(text: string, options?: ExtractOptions): IocResult {
  return defaultExtractor().extract(text, options);
}

/**
 * Every occurrence of every indicator, sorted by position, as
 * `{ type, value, raw, start, end, defanged }` with UTF-16 offsets into the
 * original text (`raw === text.slice(start, end)`).
 *
 * @throws {IocExtractError} `INVALID_INPUT` or `INVALID_OPTION` as {@link extract}.
 * @example
 * ```ts
 * extractMatches('C2 at evil[.]com')[0]; // { type: 'dns', value: 'evil.com', raw: 'evil[.]com', start: 6, end: 16, defanged: true }
 * ```
 */
export function extractMatches(text: string, options?: ExtractOptions): IocMatch[] {
  return defaultExtractor().extractMatches(text, options);
}

/**
 * Extract from a table (msticpy's `extract_df`): rows as objects, or string
 * arrays whose first row is the header. Each match carries its zero-based data
 * `row`, its `column` name and the whole row as `record`. Only `columns` are
 * read when given; otherwise every column.
 *
 * @throws {IocExtractError} `INVALID_INPUT` when `rows` is not an array;
 *   `INVALID_OPTION` for a column the table does not have, or `columns` that
 *   is not an array of names.
 * @example
 * ```ts
 * extractRecords([['host', 'note'], ['evil[.]com', 'seen']], ['host']);
 * // [{ type: 'dns', value: 'evil.com', row: 0, column: 'host', record: { host: 'evil[.]com', note: 'seen' }, ... }]
 * ```
 */
export function extractRecords(
  rows: IocTable,
  columns?: readonly string[],
  options?: ExtractOptions,
): IocRecordMatch[] {
  return defaultExtractor().extractRecords(rows, columns, options);
}

/**
 * Extract from a stream of strings or UTF-8 bytes (decoded with a streaming
 * `TextDecoder`), yielding matches with offsets into the whole decoded stream.
 * Text is cut at line ends, so nothing spanning a chunk boundary is lost;
 * memory stays bounded: a line without a line end is cut once it passes 64 Ki
 * code units, only where no indicator can span, so results equal
 * `extractMatches` on the whole text for any chunking.
 *
 * @throws {IocExtractError} `INVALID_INPUT` for a chunk that is neither a
 *   string nor a `Uint8Array`, or for a line that runs past 1 Mi code units
 *   (about 2 MB) without a point where it can be cut safely;
 *   `INVALID_OPTION` as {@link extract}.
 * @example
 * ```ts
 * for await (const m of extractStream(fs.createReadStream('report.txt'))) console.log(m.type, m.value);
 * ```
 */
export function extractStream(source: IocStreamSource, options?: ExtractOptions): AsyncIterable<IocMatch> {
  return defaultExtractor().extractStream(source, options);
}
