import { existsSync } from 'node:fs';
import { isIP } from 'node:net';
import { resolve } from 'node:path';
import { CliError } from '../errors.js';
import type { CommandContext } from './context.js';
import { openInputs, scanSources } from './scan.js';

/** Most CSV columns kept per IP for map popups (the `--layer-by` column is always kept). */
export const MAX_POPUP_COLUMNS = 32;
/** Most distinct values shown per column and IP in map popups (the `--layer-by` column too). */
export const MAX_POPUP_VALUES = 10;

/** An IP address found in the input, with the CSV context of the rows it appeared in. */
export interface FoundIp {
  ip: string;
  /**
   * CSV row fields seen with this IP: column → distinct values, first-seen
   * order; at most {@link MAX_POPUP_COLUMNS} columns and
   * {@link MAX_POPUP_VALUES} values per column, so a popup stays small and
   * memory does not grow with IPs × columns.
   */
  fields: Map<string, string[]>;
  /**
   * Per column: distinct values seen beyond {@link MAX_POPUP_VALUES}, first-seen
   * order. Popups show only their count; `--layer-by` reads them too, so that
   * an IP lands in the layer of every value.
   */
  moreValues: Map<string, Set<string>>;
  /** The most non-empty columns of one row that were not kept. */
  moreColumns: number;
}

/** Which column {@link addFoundValue} keeps past the column cap. */
export interface FieldCaps {
  /**
   * Never dropped by {@link MAX_POPUP_COLUMNS} (the `--layer-by` column). Its
   * values obey {@link MAX_POPUP_VALUES} like any other column's: one IP with
   * k values would otherwise carry a k-value popup text into each of its k
   * layers, k² in all.
   */
  layerColumn?: string;
}

/**
 * Record `value` of `column` for `entry` within the popup caps. Values past
 * {@link MAX_POPUP_VALUES} are kept, distinct, in `entry.moreValues`.
 *
 * @returns `false` when the value was not shown in the popup because of a cap.
 */
export function addFoundValue(entry: FoundIp, column: string, value: string, caps: FieldCaps): boolean {
  const values = entry.fields.get(column);
  if (!values) {
    if (column !== caps.layerColumn && keptColumns(entry, caps) >= MAX_POPUP_COLUMNS) return false;
    entry.fields.set(column, [value]);
    return true;
  }
  // `values` holds at most MAX_POPUP_VALUES entries: a bounded scan.
  if (values.includes(value)) return true;
  if (values.length >= MAX_POPUP_VALUES) {
    let more = entry.moreValues.get(column);
    if (!more) {
      more = new Set();
      entry.moreValues.set(column, more);
    }
    more.add(value);
    return false;
  }
  values.push(value);
  return true;
}

function keptColumns(entry: FoundIp, caps: FieldCaps): number {
  return entry.fields.size - (caps.layerColumn !== undefined && entry.fields.has(caps.layerColumn) ? 1 : 0);
}

/** What {@link collectIps} found. */
export interface CollectedIps {
  /** Unique IPs in first-seen order. */
  ips: FoundIp[];
  /** Unique indicators of every type (only counted when `allTypes`). */
  indicators: number;
  /** Header fields of the CSV sources, in first-seen order. */
  columns: string[];
  /** IPs whose popup context was capped (see {@link MAX_POPUP_COLUMNS}). */
  capped: number;
}

/**
 * Gather the IP addresses of a command's arguments: an argument that parses
 * as an IP address is taken as is, every other one is a SOURCE whose IPs are
 * extracted (no arguments: standard input).
 */
export async function collectIps(
  args: readonly string[],
  options: {
    ipColumn?: string;
    allTypes: boolean;
    output?: string;
    /** Keep the CSV context of each IP (for map popups); `false` keeps none. */
    keepFields?: boolean;
    /** A column never dropped by the column cap (`--layer-by`), see {@link FieldCaps}. */
    layerColumn?: string;
  },
  context: CommandContext,
): Promise<CollectedIps> {
  const { io } = context;
  const found = new Map<string, FoundIp>();
  const indicators = new Set<string>();
  const columns = new Set<string>();
  const caps: FieldCaps = options.layerColumn !== undefined ? { layerColumn: options.layerColumn } : {};
  const cappedIps = new Set<string>();
  const add = (ip: string, fields?: Readonly<Record<string, string>>) => {
    let entry = found.get(ip);
    if (!entry) {
      entry = { ip, fields: new Map(), moreValues: new Map(), moreColumns: 0 };
      found.set(ip, entry);
    }
    if (fields && options.keepFields !== false) {
      let dropped = 0;
      for (const column in fields) {
        const value = fields[column];
        if (!value) continue;
        if (!addFoundValue(entry, column, value, caps)) {
          if (!entry.fields.has(column)) dropped += 1;
          cappedIps.add(ip);
        }
      }
      if (dropped > entry.moreColumns) entry.moreColumns = dropped;
    }
  };
  const direct = args.filter((arg) => isIP(arg) !== 0);
  const sourceArgs = args.filter((arg) => isIP(arg) === 0);
  for (const arg of sourceArgs) {
    const looksLikeIp = /^[0-9.]+$/.test(arg) || (arg.includes(':') && /^[0-9A-Fa-f:.]+$/.test(arg));
    if (looksLikeIp && !existsSync(resolve(io.cwd, arg))) {
      throw new CliError(
        'USAGE',
        `${arg} is not a valid IP address nor an existing file; check the address (IPv4 is four numbers 0-255 without leading zeros, e.g. 8.8.8.8)`,
        { value: arg },
      );
    }
  }
  for (const ip of direct) {
    add(ip);
    indicators.add(`${isIP(ip) === 4 ? 'ipv4' : 'ipv6'}\u0000${ip}`);
  }
  if (sourceArgs.length > 0 || direct.length === 0) {
    const { sources, scanOptions, progress } = await openInputs(
      sourceArgs,
      {
        ...(options.output !== undefined ? { output: options.output } : {}),
        ...(options.allTypes ? {} : { types: ['ipv4', 'ipv6'] }),
        ...(options.ipColumn !== undefined ? { ipColumn: options.ipColumn } : {}),
      },
      context,
    );
    try {
      for (const source of sources) for (const column of source.csvHeader ?? []) columns.add(column);
      for await (const occurrence of scanSources(sources, scanOptions)) {
        indicators.add(`${occurrence.type}\u0000${occurrence.value}`);
        if (occurrence.type === 'ipv4' || occurrence.type === 'ipv6')
          add(occurrence.value, occurrence.fields);
      }
    } finally {
      progress.stop();
    }
  }
  return {
    ips: [...found.values()],
    indicators: indicators.size,
    columns: [...columns],
    capped: cappedIps.size,
  };
}
