import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, tempDir } from '../helpers.js';

function writeConfig(dir: string, yaml: string): string {
  const path = join(dir, 'msticpyconfig.yaml');
  writeFileSync(path, yaml);
  return path;
}

/** The embedded (pinned) DB-IP City Lite record for 8.8.8.8, written out by hand. */
const DBIP_8888 = {
  ip: '8.8.8.8',
  ipType: 'Public',
  countryCode: 'US',
  countryName: 'United States',
  state: 'California',
  city: 'Mountain View',
  latitude: 37.422,
  longitude: -122.085,
  network: '8.8.8.0/24',
  provider: 'dbip',
};

describe('iocmap geoip', () => {
  it('gives a Private row with no location and a located Public row from the embedded database', async () => {
    const run = await runCli(['geoip', '10.1.2.3', '8.8.8.8']);
    expect(run.code, run.stderr).toBe(0);
    const rows = JSON.parse(run.stdout) as Record<string, unknown>[];
    expect(rows).toHaveLength(2);
    expect(rows[0]).toEqual({ ip: '10.1.2.3', ipType: 'Private' });
    // 8.8.8.8 is Google's resolver, registered in the United States.
    // The pinned embedded DB-IP City Lite places it in Mountain View, California.
    expect(rows[1]).toEqual(DBIP_8888);
  });

  it('reads non-IP arguments as sources, one row per unique IP in first-seen order', async () => {
    const cwd = tempDir();
    writeFileSync(join(cwd, 'log.txt'), 'from 127.0.0.1 and 192.168.1[.]20 then 127.0.0.1 again\n');
    const run = await runCli(['geoip', '10.9.9.9', 'log.txt'], { cwd });
    expect(run.code, run.stderr).toBe(0);
    expect(JSON.parse(run.stdout)).toEqual([
      { ip: '10.9.9.9', ipType: 'Private' },
      { ip: '127.0.0.1', ipType: 'Loopback' },
      { ip: '192.168.1.20', ipType: 'Private' },
    ]);
  });

  it('writes GeoJSON points as [longitude, latitude] with the record as properties', async () => {
    const run = await runCli(['geoip', '10.1.2.3', '8.8.8.8', '--format', 'geojson']);
    const collection = JSON.parse(run.stdout) as {
      type: string;
      features: { geometry: { coordinates: number[] }; properties: unknown }[];
    };
    expect(collection.type).toBe('FeatureCollection');
    expect(collection.features).toHaveLength(1);
    expect(collection.features[0]?.geometry.coordinates).toEqual([-122.085, 37.422]);
    expect(collection.features[0]?.properties).toEqual(DBIP_8888);
  });

  it('writes CSV with a fixed header', async () => {
    const run = await runCli(['geoip', '10.1.2.3', '--format', 'csv']);
    expect(run.stdout).toBe(
      'ip,ipType,countryCode,countryName,state,city,latitude,longitude,network,asn,asOrganization,provider\n10.1.2.3,Private,,,,,,,,,,\n',
    );
  });

  it('with a GeoIPLite config defaults to maxmind and exits 2 naming where it looked for the database', async () => {
    const dir = tempDir();
    const dbFolder = join(dir, 'geolite');
    mkdirSync(dbFolder);
    const config = writeConfig(
      dir,
      `OtherProviders:\n  GeoIPLite:\n    Args:\n      AuthKey: abc\n      DBFolder: ${dbFolder}\n    Provider: GeoLiteLookup\n`,
    );
    const run = await runCli(['geoip', '8.8.8.8', '--config', config]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(`looked for ${join(dbFolder, 'GeoLite2-City.mmdb')}`);
    expect(run.stderr).toContain('iocmap update-db');
    expect(run.stderr).toContain('--provider dbip');
    expect(run.stderr).not.toContain('abc');
  });

  it('with a GeoIPLite AuthKey from an unset variable exits 2 naming the variable', async () => {
    const dir = tempDir();
    const dbFolder = join(dir, 'geolite');
    mkdirSync(dbFolder);
    const config = writeConfig(
      dir,
      `OtherProviders:\n  GeoIPLite:\n    Args:\n      AuthKey:\n        EnvironmentVar: IOCMAP_TEST_UNSET_KEY\n      DBFolder: ${dbFolder}\n    Provider: GeoLiteLookup\n`,
    );
    const run = await runCli(['geoip', '8.8.8.8', '--config', config]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('IOCMAP_TEST_UNSET_KEY');
    expect(run.stderr).toContain('OtherProviders.GeoIPLite.Args.AuthKey');
    expect(run.stdout).toBe('');
  });

  it('finds the config in the working directory too (msticpy search order)', async () => {
    const cwd = tempDir();
    writeConfig(
      cwd,
      `OtherProviders:\n  GeoIPLite:\n    Args:\n      DBFolder: ./dbs\n    Provider: GeoLiteLookup\n`,
    );
    const run = await runCli(['geoip', '8.8.8.8'], { cwd });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(`looked for ${join(cwd, 'dbs', 'GeoLite2-City.mmdb')}`);
    const embedded = await runCli(['geoip', '8.8.8.8', '--provider', 'dbip'], { cwd });
    expect(embedded.code).toBe(0);
  });

  it('exits 2 naming the setting when ipstack has no key', async () => {
    const dir = tempDir();
    const config = writeConfig(
      dir,
      'OtherProviders:\n  IPStack:\n    Args: {}\n    Provider: IPStackLookup\n',
    );
    const run = await runCli(['geoip', '8.8.8.8', '--provider', 'ipstack', '--config', config]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('OtherProviders.IPStack.Args.AuthKey');
  });

  it('exits 2 naming the variable when the ipinfo key reads an unset one', async () => {
    const dir = tempDir();
    const config = writeConfig(
      dir,
      'OtherProviders:\n  IPInfo:\n    Args:\n      AuthKey:\n        EnvironmentVar: IPINFO_TOKEN\n    Provider: IPInfoLookup\n',
    );
    const run = await runCli(['geoip', '8.8.8.8', '--provider', 'ipinfo', '--config', config]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('IPINFO_TOKEN');
  });

  it('rejects an unknown --provider with exit 2', async () => {
    const run = await runCli(['geoip', '8.8.8.8', '--provider', 'maxmnd']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("'maxmnd' is invalid");
  });

  it('exits 1 naming a --db file that does not exist', async () => {
    const dir = tempDir();
    const run = await runCli(['geoip', '8.8.8.8', '--db', join(dir, 'City.mmdb')]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(join(dir, 'City.mmdb'));
  });

  it('exits 1 naming a --db file that is not an mmdb', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'City.mmdb'), 'not a database');
    const run = await runCli(['geoip', '8.8.8.8', '--db', join(dir, 'City.mmdb')]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(join(dir, 'City.mmdb'));
  });
});

describe('iocmap geoip: one row per canonical address', () => {
  it('IPv4-mapped IPv6 forms of 1.1.1.1 give one row', async () => {
    const run = await runCli(['geoip', '1.1.1.1', '::ffff:1.1.1.1', '::ffff:0101:0101', '--format', 'csv']);
    expect(run.code, run.stderr).toBe(0);
    const lines = run.stdout.trim().split('\n');
    expect(lines).toHaveLength(2);
    expect(lines[1]?.startsWith('1.1.1.1,Public,')).toBe(true);
  });

  it('two spellings of one IPv6 address give one row in RFC 5952 form', async () => {
    const run = await runCli(['geoip', '2001:DB8::1', '2001:db8:0:0::1']);
    expect(run.code, run.stderr).toBe(0);
    // RFC 5952 section 4: lower case, longest zero run as ::.
    const rows = JSON.parse(run.stdout) as { ip: string }[];
    expect(rows.map((row) => row.ip)).toEqual(['2001:db8::1']);
  });
});

describe('iocmap geoip output written in pieces', () => {
  // 2,500 private addresses (10.0.x.y: no location, no lookup) and then 8.8.8.8: the rows
  // span two 2,000-row pieces, and the only located row is in the second one.
  const privates = Array.from({ length: 2500 }, (_, i) => `10.0.${i >> 8}.${i & 255}`);
  const input = `${[...privates, '8.8.8.8'].join('\n')}\n`;

  it('json is one array of every row, in first-seen order', async () => {
    const run = await runCli(['geoip', '--format', 'json', '-q'], { stdin: input });
    expect(run.code, run.stderr).toBe(0);
    const rows = JSON.parse(run.stdout) as Record<string, unknown>[];
    expect(rows).toHaveLength(2501);
    expect(rows[0]).toEqual({ ip: '10.0.0.0', ipType: 'Private' });
    expect(rows[2499]).toEqual({ ip: '10.0.9.195', ipType: 'Private' });
    expect(rows[2500]).toEqual(DBIP_8888);
  });

  it('geojson holds only the located row, though the first piece has none', async () => {
    const run = await runCli(['geoip', '--format', 'geojson', '-q'], { stdin: input });
    expect(run.code, run.stderr).toBe(0);
    expect(JSON.parse(run.stdout)).toEqual({
      type: 'FeatureCollection',
      features: [
        {
          type: 'Feature',
          geometry: { type: 'Point', coordinates: [-122.085, 37.422] },
          properties: DBIP_8888,
        },
      ],
    });
  });

  it('csv has one header and a line per row', async () => {
    const run = await runCli(['geoip', '--format', 'csv', '-q'], { stdin: input });
    const lines = run.stdout.trimEnd().split('\n');
    expect(lines).toHaveLength(2502);
    expect(lines[0]).toBe(
      'ip,ipType,countryCode,countryName,state,city,latitude,longitude,network,asn,asOrganization,provider',
    );
    expect(lines.filter((line) => line.startsWith('ip,'))).toHaveLength(1);
    expect(lines[2501]).toBe(
      '8.8.8.8,Public,US,United States,California,Mountain View,37.422,-122.085,8.8.8.0/24,,,dbip',
    );
  });
});
