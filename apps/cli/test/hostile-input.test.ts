import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Readable, Writable } from 'node:stream';
import { createStaticProvider } from '@iocmap/geoip';
import { describe, expect, it } from 'vitest';
import { geolocate } from '../src/internal/geolocate.js';
import { runCli, tempDir } from './helpers.js';

describe('hostile or mistaken input', () => {
  it('update-db rejects an unknown --edition before any network traffic', async () => {
    const run = await runCli(['update-db', '--edition', 'Foo']);
    expect(run.code).toBe(2);
    expect(run.stderr).toBe(
      'iocmap: unknown --edition Foo; use one of: GeoLite2-City, GeoLite2-ASN, GeoLite2-Country\n',
    );
  });

  it('update-db names the right spelling of a mis-cased edition', async () => {
    const run = await runCli(['update-db', '--edition', 'geolite2-city']);
    expect(run.code).toBe(2);
    expect(run.stderr).toBe(
      'iocmap: unknown --edition geolite2-city; edition IDs are case-sensitive: use GeoLite2-City\n',
    );
  });

  it("-o '' is a usage error", async () => {
    const run = await runCli(['extract', '-o', ''], { stdin: '1.1.1.1\n' });
    expect(run.code).toBe(2);
    expect(run.stderr).toBe('iocmap: -o needs a file name, got ""; pass e.g. -o out.json\n');
  });

  it('--db pointing at a directory says so', async () => {
    const dir = tempDir();
    const run = await runCli(['geoip', '8.8.8.8', '--db', dir]);
    expect(run.code).toBe(1);
    expect(run.stderr).toBe(
      `iocmap: --db ${dir} is a directory; pass the .mmdb file itself (e.g. ${join(dir, 'GeoLite2-City.mmdb')})\n`,
    );
  });

  it('an -o where no file can be created names the output path, not the temporary file', async () => {
    // /proc is a directory in which no regular file can be created.
    const run = await runCli(['extract', '-o', '/proc/iocmap-out.json'], { stdin: '1.1.1.1\n' });
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(
      /^iocmap: cannot write \/proc\/iocmap-out\.json: [a-z -]+; choose an -o path in a directory you can write to\n$/,
    );
    expect(run.stderr).not.toContain('.tmp');
  });

  it('geoip 08.8.8.8 is reported as an invalid address, not a missing file', async () => {
    const run = await runCli(['geoip', '08.8.8.8']);
    expect(run.code).toBe(2);
    expect(run.stderr).toBe(
      'iocmap: 08.8.8.8 is not a valid IP address nor an existing file; check the address (IPv4 is four numbers 0-255 without leading zeros, e.g. 8.8.8.8)\n',
    );
  });

  it('an existing file named like an address is still read as a source', async () => {
    const cwd = tempDir();
    writeFileSync(join(cwd, '300.1.1.1'), '10.0.0.7\n');
    const run = await runCli(['geoip', '300.1.1.1'], { cwd });
    expect(run.code, run.stderr).toBe(0);
    expect(JSON.parse(run.stdout)).toEqual([{ ip: '10.0.0.7', ipType: 'Private' }]);
  });

  it('refuses a character device such as /dev/zero with exit 2', async () => {
    const run = await runCli(['extract', '/dev/zero']);
    expect(run.code).toBe(2);
    expect(run.stderr).toBe(
      'iocmap: cannot read /dev/zero: it is a device, not a file of text; pass a file, or - for standard input\n',
    );
  });

  it('warns that a provider without coordinates (an ASN database) cannot place points', async () => {
    let stderr = '';
    const io = {
      stdin: Readable.from([]),
      stdout: new Writable({ write: (_c, _e, done) => done() }),
      stderr: new Writable({
        write: (chunk, _e, done) => {
          stderr += String(chunk);
          done();
        },
      }),
      env: {},
      cwd: '/',
    };
    // AS15169 is Google's ASN, as the GeoLite2-ASN database records it.
    const provider = createStaticProvider(
      { '8.8.8.0/24': { asn: 15169, asOrganization: 'GOOGLE' } },
      { name: 'asn-only' },
    );
    const { results } = await geolocate(
      ['8.8.8.8'],
      { provider, attribution: [] },
      {
        io,
        quiet: false,
        debug: false,
        fetch: { timeoutMs: 1000, maxBytes: 1 },
      },
    );
    expect(results.map((result) => result.status)).toEqual(['located']);
    expect(stderr).toBe(
      'iocmap: warning: provider asn-only found 1 of the addresses but gave no coordinates (an ASN or Country database has none); to place them on a map, use a City database (--db GeoLite2-City.mmdb) or --provider dbip\n',
    );
  });
});
