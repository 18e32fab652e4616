import { stringify } from 'csv-stringify/sync';
import type { Occurrence } from '../internal/scan.js';
import type { OutputSink } from './sink.js';

/** Base columns of `extract --format csv`, before the CSV row's own fields. */
export const OCCURRENCE_COLUMNS = ['type', 'value', 'raw', 'source', 'start', 'end'] as const;

/** A JSON Lines record of one occurrence: base fields, then `row`, `column`, `fields` for CSV sources. */
export function occurrenceJson(occurrence: Occurrence): string {
  const record: Record<string, unknown> = {
    type: occurrence.type,
    value: occurrence.value,
    raw: occurrence.raw,
    source: occurrence.source,
    start: occurrence.start,
    end: occurrence.end,
  };
  if (occurrence.row !== undefined) record.row = occurrence.row;
  if (occurrence.column !== undefined) record.column = occurrence.column;
  if (occurrence.fields !== undefined) record.fields = occurrence.fields;
  return JSON.stringify(record);
}

/**
 * Writes occurrences as CSV: the base columns, then the union of the CSV
 * sources' header fields (a field whose name clashes with a base column is
 * prefixed `csv_`). Rows are buffered and written in batches of bounded size.
 */
export class OccurrenceCsvWriter {
  readonly #sink: OutputSink;
  readonly #extra: { name: string; column: string }[];
  #batch: string[][] = [];
  #cells = 0;

  constructor(sink: OutputSink, csvHeaders: readonly (readonly string[])[]) {
    this.#sink = sink;
    const seen = new Set<string>();
    this.#extra = [];
    for (const header of csvHeaders) {
      for (const name of header) {
        if (seen.has(name)) continue;
        seen.add(name);
        const column = (OCCURRENCE_COLUMNS as readonly string[]).includes(name) ? `csv_${name}` : name;
        this.#extra.push({ name, column });
      }
    }
  }

  /** Write the header row. */
  async start(): Promise<void> {
    await this.#sink.write(stringify([[...OCCURRENCE_COLUMNS, ...this.#extra.map((entry) => entry.column)]]));
  }

  async add(occurrence: Occurrence): Promise<void> {
    const fields = occurrence.fields;
    this.#batch.push([
      occurrence.type,
      occurrence.value,
      occurrence.raw,
      occurrence.source,
      String(occurrence.start),
      String(occurrence.end),
      ...this.#extra.map((entry) => fields?.[entry.name] ?? ''),
    ]);
    this.#cells += OCCURRENCE_COLUMNS.length + this.#extra.length;
    // Bounded by cells, not rows: a wide CSV row repeats in every occurrence.
    if (this.#batch.length >= 2000 || this.#cells >= 100_000) await this.flush();
  }

  async flush(): Promise<void> {
    if (this.#batch.length === 0) return;
    const text = stringify(this.#batch);
    this.#batch = [];
    this.#cells = 0;
    await this.#sink.write(text);
  }
}
