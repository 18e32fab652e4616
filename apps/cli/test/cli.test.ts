import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { runCli } from './helpers.js';

const version = (
  JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string }
).version;

describe('iocmap', () => {
  it('--version prints the package version', async () => {
    expect(await runCli(['--version'])).toMatchObject({ code: 0, stdout: `${version}\n` });
  });

  it.each(['extract', 'geoip', 'map', 'update-db', 'config', 'demo'])(
    '%s --help has examples',
    async (command) => {
      const run = await runCli([command, '--help']);
      expect(run.code).toBe(0);
      expect(run.stdout).toContain(`Usage: iocmap ${command}`);
      expect(run.stdout).toContain('Examples:');
    },
  );

  it('with no command shows help and exits 2', async () => {
    const run = await runCli([]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('Usage: iocmap');
  });

  it('prints a stack trace only with --debug or IOCMAP_DEBUG=1', async () => {
    const plain = await runCli(['extract', 'missing.txt']);
    expect(plain.stderr.split('\n').filter(Boolean)).toHaveLength(1);
    const debug = await runCli(['extract', 'missing.txt', '--debug']);
    expect(debug.code).toBe(1);
    expect(debug.stderr).toContain('    at ');
    const env = await runCli(['extract', 'missing.txt'], { env: { IOCMAP_DEBUG: '1' } });
    expect(env.stderr).toContain('    at ');
  });
});
