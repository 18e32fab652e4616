import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Repository root. */
export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

/** The read-only `shared/` folder beside the repository (override with IOCMAP_SHARED). */
export const SHARED = process.env.IOCMAP_SHARED ?? resolve(REPO_ROOT, '../shared');

if (!existsSync(SHARED)) {
  throw new Error(`The acceptance suite reads ../shared, which is missing at ${SHARED}; set IOCMAP_SHARED.`);
}

export const sharedPath = (...parts: string[]): string => resolve(SHARED, ...parts);

export const FEODO_CSV = sharedPath('data/feeds/feodo-ipblocklist-2021-12-20.csv');

/** The built CLI entry (the test script builds before running). */
export const CLI_BIN = resolve(REPO_ROOT, 'apps/cli/dist/bin.js');

export interface RunResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs a command to completion, feeding `input` on standard input. */
export function run(
  command: string,
  args: readonly string[],
  options: { input?: string; cwd?: string; env?: NodeJS.ProcessEnv } = {},
): Promise<RunResult> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(command, args, {
      cwd: options.cwd ?? REPO_ROOT,
      env: { ...process.env, NO_COLOR: '1', ...options.env },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      stdout += chunk;
    });
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      stderr += chunk;
    });
    child.on('error', reject);
    child.on('close', (code) => resolvePromise({ code, stdout, stderr }));
    child.stdin.end(options.input ?? '');
  });
}

/** Runs the built `iocmap` binary. */
export const iocmap = (args: readonly string[], options?: Parameters<typeof run>[2]): Promise<RunResult> =>
  run(process.execPath, [CLI_BIN, ...args], options);
