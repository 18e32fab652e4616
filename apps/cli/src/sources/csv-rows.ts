import { Readable } from 'node:stream';
import { parse } from 'csv-parse';

/** One data row of a CSV source. */
export interface CsvRow {
  /** 1-based number of the data row (the header row and `#` comments not counted). */
  row: number;
  /**
   * The row's fields by header name (a frozen null-prototype object, shared by
   * every indicator of the row); missing trailing fields are empty strings.
   */
  fields: Record<string, string>;
}

/**
 * Stream the data rows of CSV text whose header is `header`. `#` comment
 * lines (only at the start of a line) and blank lines are skipped, the header
 * row itself is dropped, and rows with a different field count are kept
 * (extra fields ignored, missing ones empty), since threat feeds are often
 * ragged.
 */
export async function* csvRows(
  text: AsyncIterable<string>,
  header: readonly string[],
): AsyncGenerator<CsvRow> {
  const parser = Readable.from(text, { objectMode: false }).pipe(
    parse({
      comment: '#',
      comment_no_infix: true,
      relax_column_count: true,
      relax_quotes: true,
      skip_empty_lines: true,
      bom: true,
    }),
  );
  let seenHeader = false;
  let row = 0;
  for await (const record of parser as AsyncIterable<string[]>) {
    if (!seenHeader) {
      seenHeader = true;
      continue;
    }
    row += 1;
    // A null-prototype record: a header named `__proto__` (or `constructor`)
    // is an ordinary column, not the object's prototype.
    const fields: Record<string, string> = Object.create(null);
    header.forEach((name, index) => {
      fields[name] = record[index] ?? '';
    });
    yield { row, fields: Object.freeze(fields) };
  }
}
