import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable, Writable } from 'node:stream';
import { afterEach } from 'vitest';
import { main } from '../src/index.js';
import type { CliIo } from '../src/io.js';

/** What one in-process run of the CLI produced. */
export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
  opened: string[];
}

class Collector extends Writable {
  text = '';
  isTTY = false;
  override _write(chunk: Buffer | string, _encoding: BufferEncoding, callback: () => void): void {
    this.text += typeof chunk === 'string' ? chunk : chunk.toString('utf8');
    callback();
  }
}

const temps: string[] = [];
afterEach(() => {
  for (const dir of temps.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A fresh temporary directory, removed after the test. */
export function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'iocmap-cli-'));
  temps.push(dir);
  return dir;
}

/**
 * Run `main` in-process with injected streams. The home directory and the
 * environment are isolated so no real msticpyconfig.yaml is picked up.
 */
export async function runCli(
  argv: string[],
  options: {
    /** Standard input: one chunk, or the chunks it arrives in. */
    stdin?: string | Buffer | Buffer[];
    env?: Record<string, string | undefined>;
    cwd?: string;
    homeDir?: string;
    tty?: boolean;
    fetch?: typeof fetch;
  } = {},
): Promise<CliRun> {
  const stdout = new Collector();
  const stderr = new Collector();
  stderr.isTTY = options.tty === true;
  const opened: string[] = [];
  const io: CliIo = {
    stdin: Readable.from(
      options.stdin === undefined
        ? []
        : Array.isArray(options.stdin)
          ? options.stdin
          : [typeof options.stdin === 'string' ? Buffer.from(options.stdin) : options.stdin],
    ),
    stdout,
    stderr,
    env: { ...options.env },
    cwd: options.cwd ?? tempDir(),
    homeDir: options.homeDir ?? tempDir(),
    openInBrowser: async (path) => {
      opened.push(path);
    },
    ...(options.fetch ? { fetch: options.fetch } : {}),
  };
  const code = await main(argv, io);
  return { code, stdout: stdout.text, stderr: stderr.text, opened };
}

const LAYER_PREFIX = String.raw`\{"name":"((?:[^"\\]|\\.)*)","color":[^[]*?`;

/** Layer name → its IPs joined by `|`, read from a written map's embedded data. */
export function layersOf(html: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const match of html.matchAll(
    new RegExp(`${LAYER_PREFIX}"columns":\\[\\{"key":"ip","sep":"\\|","text":"([^"]*)"`, 'g'),
  )) {
    out[JSON.parse(`"${match[1]}"`) as string] = match[2] ?? '';
  }
  return out;
}

/** Layer name → its point count, read from a written map's embedded data. */
export function layerCountsOf(html: string): Record<string, number> {
  const out: Record<string, number> = {};
  for (const match of html.matchAll(new RegExp(`${LAYER_PREFIX}"count":(\\d+),`, 'g'))) {
    out[JSON.parse(`"${match[1]}"`) as string] = Number(match[2]);
  }
  return out;
}
