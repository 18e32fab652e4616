import { Readable } from 'node:stream';
import { parse } from 'csv-parse';

/** One data row of a CSV source. */
export interface CsvRow {
  /** 1-based number of the data row (the header row, leading comments and blank lines not counted). */
  row: number;
  /**
   * The row's fields by header name (a frozen null-prototype object, shared by
   * every indicator of the row); missing trailing fields are empty strings,
   * fields beyond the header are `_extra1`, `_extra2`, ...
   */
  fields: Readonly<Record<string, string>>;
  /** The row's column names: the header, then its extra columns if any. */
  columns: readonly string[];
}

/**
 * Stream the data rows of CSV text whose header is `header`. Blank lines and
 * `#` comment lines are skipped only before the header row (such as the
 * abuse.ch banner); after it every line is data, so a cell such as `#1` or
 * `#N/A` in the first column keeps its row. The header row itself is dropped,
 * and rows with a different field count are kept, since threat feeds are
 * often ragged: missing fields are empty, and fields beyond the header are
 * kept as `_extra1`, `_extra2`, ... (a name the header already has is
 * skipped; trailing empty extra fields are dropped), so their indicators are
 * found too.
 */
export async function* csvRows(
  text: AsyncIterable<string>,
  header: readonly string[],
): AsyncGenerator<CsvRow> {
  const parser = Readable.from(skipLeadingComments(text), { objectMode: false }).pipe(
    parse({
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
    let columns: readonly string[] = header;
    let last = record.length;
    while (last > header.length && !record[last - 1]) last -= 1;
    if (last > header.length) {
      const names = [...header];
      const taken = new Set(header);
      let k = 0;
      for (let index = header.length; index < last; index += 1) {
        let name: string;
        do {
          k += 1;
          name = `_extra${k}`;
        } while (taken.has(name));
        names.push(name);
        fields[name] = record[index] ?? '';
      }
      columns = names;
    }
    yield { row, fields: Object.freeze(fields), columns };
  }
}

/** Drop blank and `#` lines before the first other line, then pass the text through. */
async function* skipLeadingComments(text: AsyncIterable<string>): AsyncGenerator<string> {
  let pending = '';
  let skipping = true;
  for await (const chunk of text) {
    if (!skipping) {
      yield chunk;
      continue;
    }
    pending += chunk;
    for (;;) {
      const newline = pending.indexOf('\n');
      if (newline === -1) break;
      const line = pending.slice(0, newline);
      const trimmed = line.trim();
      if (trimmed !== '' && !trimmed.startsWith('#')) {
        skipping = false;
        break;
      }
      pending = pending.slice(newline + 1);
    }
    if (!skipping) {
      yield pending;
      pending = '';
    }
  }
  if (skipping) {
    const trimmed = pending.trim();
    if (trimmed !== '' && !trimmed.startsWith('#')) yield pending;
  } else if (pending) yield pending;
}
