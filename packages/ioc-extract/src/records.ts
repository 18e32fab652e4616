import { IocExtractError } from './errors.js';
import { shown } from './internal/shown.js';
import type { IocMatch, IocRecordMatch, IocTable } from './types.js';

function cellText(v: unknown): string | null {
  if (v === null || v === undefined) return null;
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean' || typeof v === 'bigint') return String(v);
  try {
    return JSON.stringify(v) ?? null;
  } catch {
    return null;
  }
}

/** Run `run` over every chosen cell of a table; see {@link extractRecords}. */
export function recordMatches<T extends string>(
  rows: IocTable,
  columns: readonly string[] | undefined,
  run: (text: string) => IocMatch<T>[],
): IocRecordMatch<T>[] {
  if (!Array.isArray(rows)) {
    throw new IocExtractError(
      'INVALID_INPUT',
      `extractRecords needs an array of rows, got ${typeof rows}; pass objects or string arrays with a header row.`,
      { option: 'rows', value: rows },
    );
  }
  if (columns !== undefined && (!Array.isArray(columns) || columns.some((c) => typeof c !== 'string'))) {
    throw new IocExtractError(
      'INVALID_OPTION',
      `extractRecords columns must be an array of column names, got ${shown(columns)}; pass an array such as ['url'].`,
      { option: 'columns', value: columns },
    );
  }
  const out: IocRecordMatch<T>[] = [];
  if (rows.length === 0) return out;
  let objects: readonly Readonly<Record<string, unknown>>[];
  let known: Set<string>;
  const arrays = Array.isArray(rows[0]);
  rows.forEach((row, index) => {
    const ok = arrays ? Array.isArray(row) : row !== null && typeof row === 'object' && !Array.isArray(row);
    if (!ok) {
      throw new IocExtractError(
        'INVALID_INPUT',
        `extractRecords rows[${index}] is ${row === null ? 'null' : Array.isArray(row) ? 'an array' : typeof row}, but the table's ${arrays ? 'first row is an array (a header), so every row must be an array' : 'rows are objects, so every row must be an object'}.`,
        { option: 'rows', value: row },
      );
    }
  });
  if (arrays) {
    const [header, ...data] = rows as readonly (readonly unknown[])[];
    const names = (header ?? []).map((h) => String(h));
    known = new Set(names);
    objects = data.map((row) => {
      const o: Record<string, unknown> = {};
      names.forEach((n, i) => {
        o[n] = row[i];
      });
      return o;
    });
  } else {
    objects = rows as readonly Readonly<Record<string, unknown>>[];
    known = new Set();
    for (const o of objects) for (const k of Object.keys(o)) known.add(k);
  }
  if (columns !== undefined) {
    const unknown = columns.filter((c) => !known.has(c));
    if (unknown.length > 0) {
      throw new IocExtractError(
        'INVALID_OPTION',
        `Unknown column(s) ${unknown.map((c) => JSON.stringify(c)).join(', ')}; the table has ${[...known].map((c) => JSON.stringify(c)).join(', ')}.`,
        { option: 'columns', value: unknown },
      );
    }
  }
  objects.forEach((record, row) => {
    for (const column of columns ?? Object.keys(record)) {
      const text = cellText(record[column]);
      if (text === null || text === '') continue;
      for (const m of run(text)) out.push({ ...m, row, column, record });
    }
  });
  return out;
}
