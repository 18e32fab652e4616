import { existsSync } from 'node:fs';
import { isIP } from 'node:net';
import { resolve } from 'node:path';
import { CliError } from '../errors.js';
import type { CommandContext } from './context.js';
import { openInputs, scanSources } from './scan.js';

/** An IP address found in the input, with the CSV context of the rows it appeared in. */
export interface FoundIp {
  ip: string;
  /** CSV row fields seen with this IP: column → distinct values, first-seen order. */
  fields: Map<string, string[]>;
}

/** What {@link collectIps} found. */
export interface CollectedIps {
  /** Unique IPs in first-seen order. */
  ips: FoundIp[];
  /** Unique indicators of every type (only counted when `allTypes`). */
  indicators: number;
  /** Header fields of the CSV sources, in first-seen order. */
  columns: string[];
}

/**
 * Gather the IP addresses of a command's arguments: an argument that parses
 * as an IP address is taken as is, every other one is a SOURCE whose IPs are
 * extracted (no arguments: standard input).
 */
export async function collectIps(
  args: readonly string[],
  options: { ipColumn?: string; allTypes: boolean; output?: string },
  context: CommandContext,
): Promise<CollectedIps> {
  const { io } = context;
  const found = new Map<string, FoundIp>();
  const indicators = new Set<string>();
  const columns = new Set<string>();
  const add = (ip: string, fields?: Record<string, string>) => {
    let entry = found.get(ip);
    if (!entry) {
      entry = { ip, fields: new Map() };
      found.set(ip, entry);
    }
    if (fields) {
      for (const [column, value] of Object.entries(fields)) {
        if (value === '') continue;
        const values = entry.fields.get(column);
        if (!values) entry.fields.set(column, [value]);
        else if (!values.includes(value)) values.push(value);
      }
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
  return { ips: [...found.values()], indicators: indicators.size, columns: [...columns] };
}
