import { mkdir } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { CommandContext } from '../internal/context.js';
import { runMap } from './map.js';

/** The sample incident report the demo maps, shipped in the package's `assets/`. */
export const SAMPLE_REPORT = fileURLToPath(new URL('../../assets/sample-report.txt', import.meta.url));

/** Default output of `iocmap demo`, relative to the working directory. */
export const DEMO_OUTPUT = 'demo/iocmap-demo.html';

/**
 * `iocmap demo`: map the shipped sample report with the embedded DB-IP
 * database and print the absolute path of the HTML file on stdout.
 */
export async function runDemo(options: { output?: string }, context: CommandContext): Promise<void> {
  const output = resolve(context.io.cwd, options.output ?? DEMO_OUTPUT);
  if (options.output === undefined) await mkdir(dirname(output), { recursive: true });
  const summary = await runMap(
    [SAMPLE_REPORT],
    { output, provider: 'dbip', cluster: true, title: 'iocmap demo: sample incident report' },
    context,
  );
  context.io.stdout.write(`${summary.path}\n`);
}
