import { describe, expect, it } from 'vitest';
import { runCli } from './helpers.js';

describe('option conflicts and numeric ranges', () => {
  it('--db with --provider dbip exits 2 naming both options', async () => {
    const run = await runCli(['geoip', '8.8.8.8', '--db', 'City.mmdb', '--provider', 'dbip']);
    expect(run.code).toBe(2);
    expect(run.stderr).toBe(
      'iocmap: --db and --provider dbip conflict: --db reads MaxMind databases; drop --db, or use --provider maxmind (or no --provider)\n',
    );
    expect(run.stdout).toBe('');
  });

  it('--db with --provider ipstack exits 2 for map too', async () => {
    const run = await runCli(['map', '-o', 'm.html', '--db', 'City.mmdb', '--provider', 'ipstack']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('--db and --provider ipstack conflict');
  });

  it('rejects a --url-timeout past 10 minutes with exit 2 naming the value', async () => {
    const run = await runCli(['extract', 'http://127.0.0.1:9/x', '--url-timeout', '99999999999999']);
    expect(run.code).toBe(2);
    expect(run.stderr).toBe(
      `iocmap: option '--url-timeout <ms>' argument '99999999999999' is invalid. expected a whole number of milliseconds from 1 to 600000, not "99999999999999"\n`,
    );
  });

  it('rejects --url-timeout 0 and --url-max-bytes 1e3 with exit 2', async () => {
    const zero = await runCli(['extract', '--url-timeout', '0']);
    expect(zero.code).toBe(2);
    expect(zero.stderr).toContain(`argument '0' is invalid`);
    const exponent = await runCli(['extract', '--url-max-bytes', '1e3']);
    expect(exponent.code).toBe(2);
    expect(exponent.stderr).toContain(
      `argument '1e3' is invalid. expected a whole number of bytes from 1 to 9007199254740991, not "1e3"`,
    );
  });
});
