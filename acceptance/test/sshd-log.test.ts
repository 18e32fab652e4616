import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { iocmap, sharedPath } from './shared.js';

// The sshd log comes from loghub (see ../shared/data/logs/LOGHUB-LICENSE.txt);
// it is read in place, never copied.
const LOG = sharedPath('data/logs/openssh-2k.log');

/**
 * Independent expectation: sshd writes client addresses as plain dotted quads
 * after "from", "by", "rhost=" or inside "[...]" (a reverse-DNS host name that
 * starts with an address is a name, not an address).
 */
function clientAddresses(): string[] {
  const text = readFileSync(LOG, 'utf8');
  return [
    ...new Set(
      [...text.matchAll(/(?:from |by |rhost=|\[)((?:\d{1,3}\.){3}\d{1,3})(?![.\d])/g)].map(
        (m) => m[1] as string,
      ),
    ),
  ];
}

describe('an sshd log through the CLI', () => {
  it('extracts every client IPv4 address once, and no other', async () => {
    const result = await iocmap(['extract', '--types', 'ipv4', LOG]);
    expect(result.code, result.stderr).toBe(0);
    const expected = clientAddresses();
    const found = (JSON.parse(result.stdout) as { ipv4: string[] }).ipv4;
    expect(new Set(found)).toEqual(new Set(expected));
    expect(found.length).toBe(expected.length);
  });

  it('geolocates them with the embedded database: one public, located row each', async () => {
    const result = await iocmap(['geoip', LOG]);
    expect(result.code, result.stderr).toBe(0);
    const rows = JSON.parse(result.stdout) as { ip: string; ipType: string; latitude?: number }[];
    const ips = rows.map((row) => row.ip);
    expect(new Set(ips)).toEqual(new Set(clientAddresses()));
    expect(new Set(ips).size).toBe(ips.length);
    for (const row of rows) {
      expect(row.ipType).toBe('Public');
      expect(typeof row.latitude).toBe('number');
    }
  });
});
