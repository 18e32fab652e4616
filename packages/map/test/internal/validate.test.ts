import { describe, expect, it } from 'vitest';
import { createIocMap, type IocMapOptions, MapError, type MapIp } from '../../src/index.js';

// JavaScript callers have no types to stop them: every option and point is checked
// where it enters, and fails with a MapError naming it.

/** Run `fn`, return the MapError it throws (fails the test when it throws nothing or something else). */
function mapErrorOf(fn: () => unknown): MapError {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(MapError);
    return e as MapError;
  }
  throw new Error('expected a MapError, nothing was thrown');
}

const untyped = (options: unknown) => createIocMap(options as IocMapOptions);

describe('createIocMap options', () => {
  it.each([
    ['outlines', { outlines: 'x' }, 'x', 'Invalid outlines "x": give "110m", "50m" or false'],
    ['outlines', { outlines: '10m' }, '10m', 'Invalid outlines "10m"'],
    ['outlines', { outlines: true }, true, 'Invalid outlines true'],
    ['title', { title: 42 }, 42, 'Invalid title 42: give a string.'],
    ['zoom', { zoom: '8' }, '8', 'Invalid zoom "8": give an integer 1..18.'],
    ['zoom', { zoom: 2.5 }, 2.5, 'Invalid zoom 2.5'],
    ['center', { center: null }, null, 'Invalid center null'],
    ['center', { center: [10, 20, 30] }, [10, 20, 30], 'Invalid center [10,20,30]'],
    ['center', { center: ['1', 2] }, ['1', 2], 'Invalid center ["1",2]'],
    ['cluster', { cluster: 'no' }, 'no', 'Invalid cluster "no": give true or false.'],
    ['attribution', { attribution: 'DB-IP' }, 'DB-IP', 'Invalid attribution "DB-IP"'],
    ['attribution[0]', { attribution: [null] }, null, 'Invalid attribution[0] null'],
    ['attribution[0].text', { attribution: [{}] }, undefined, 'Invalid attribution[0].text undefined'],
    [
      'attribution[1].text',
      { attribution: [{ text: 'a' }, { text: 7 }] },
      7,
      'Invalid attribution[1].text 7',
    ],
    ['attribution[0].text', { attribution: [{ text: ' ' }] }, ' ', 'Invalid attribution[0].text " "'],
    ['attribution[0].url', { attribution: [{ text: 'a', url: 5 }] }, 5, 'Invalid attribution[0].url 5'],
    [
      'tiles',
      { tiles: 'https://t.example/{z}/{x}/{y}.png' },
      'https://t.example/{z}/{x}/{y}.png',
      'Invalid tiles "https://t.example/{z}/{x}/{y}.png"',
    ],
    ['tiles.url', { tiles: { attribution: 'T' } }, undefined, 'Invalid tiles.url undefined'],
    [
      'tiles.attribution',
      { tiles: { url: 'https://t.example/{z}/{x}/{y}.png' } },
      undefined,
      'Invalid tiles.attribution undefined',
    ],
  ])('rejects %s in %j at creation with INVALID_OPTION naming the value', (path, options, value, message) => {
    const error = mapErrorOf(() => untyped(options));
    expect(error).toMatchObject({ code: 'INVALID_OPTION', path, value });
    expect(error.message.startsWith(message)).toBe(true);
  });

  it('rejects options that are not an object, and unknown option names (typos)', () => {
    expect(mapErrorOf(() => untyped(null))).toMatchObject({
      code: 'INVALID_OPTION',
      path: 'options',
      value: null,
    });
    expect(mapErrorOf(() => untyped(null)).message).toMatch(/^Invalid options null: give an object/);
    expect(mapErrorOf(() => untyped([]))).toMatchObject({ code: 'INVALID_OPTION', value: [] });
    const typo = mapErrorOf(() => untyped({ outline: false }));
    expect(typo).toMatchObject({ code: 'INVALID_OPTION', path: 'outline', value: false });
    expect(typo.message).toBe(
      'Unknown option "outline": the options are title, zoom, center, tiles, cluster, attribution, outlines.',
    );
  });

  it('names a tile URL given as a bare string without its API key', () => {
    const error = mapErrorOf(() => untyped({ tiles: 'https://t.example/{z}/{x}/{y}.png?apikey=s3cr3t' }));
    expect(error.message).toContain('"https://t.example/{z}/{x}/{y}.png?apikey=***"');
    expect(error.message).not.toContain('s3cr3t');
  });

  it('accepts every documented value, and undefined as "use the default"', () => {
    const options: IocMapOptions = {
      title: '',
      zoom: 18,
      center: [-90, 180],
      tiles: { url: 'http://t.example/{z}/{x}/{y}.png', attribution: '' },
      cluster: false,
      attribution: [{ text: 'DB-IP', url: 'https://db-ip.com' }],
      outlines: false,
    };
    expect(createIocMap(options).toPayload()).toMatchObject({
      title: '',
      view: { center: [-90, 180], zoom: 18 },
      tiles: { url: 'http://t.example/{z}/{x}/{y}.png', attribution: '' },
      attribution: [{ text: 'DB-IP', url: 'https://db-ip.com' }],
    });
    expect(untyped({ title: undefined, outlines: undefined }).toPayload().title).toBe('IoC map');
    expect(createIocMap({ outlines: '50m' })).toBeDefined();
  });

  it('addAttribution checks its argument like the option', () => {
    const map = createIocMap({ outlines: false });
    const add = (a: unknown) => map.addAttribution(a as { text: string });
    expect(mapErrorOf(() => add(undefined))).toMatchObject({ code: 'INVALID_OPTION', path: 'attribution' });
    expect(mapErrorOf(() => add({ text: 'x', href: 'https://a.example' }))).toMatchObject({
      code: 'INVALID_OPTION',
      path: 'href',
    });
    expect(map.toPayload().attribution).toEqual([]);
  });
});

describe('add* points', () => {
  const map = () => createIocMap({ outlines: false });
  const ok: MapIp = { ip: '192.0.2.1', latitude: 1, longitude: 2 };
  const addIps = (value: unknown) => map().addIps(value as MapIp[]);

  it.each([
    ['addIps', (v: unknown) => map().addIps(v as MapIp[])],
    ['addIpCluster', (v: unknown) => map().addIpCluster(v as MapIp[])],
    ['addLocations', (v: unknown) => map().addLocations(v as MapIp[])],
    ['addGeoHashes', (v: unknown) => map().addGeoHashes(v as string[])],
  ])('%s rejects a non-array with INVALID_POINT', (method, add) => {
    const error = mapErrorOf(() => add({ ip: '192.0.2.1', latitude: 1, longitude: 2 }));
    expect(error).toMatchObject({
      code: 'INVALID_POINT',
      value: { ip: '192.0.2.1', latitude: 1, longitude: 2 },
    });
    expect(error.message).toMatch(new RegExp(`^${method} needs an array, got \\{"ip":"192\\.0\\.2\\.1"`));
    expect(error.index).toBeUndefined();
  });

  it.each([
    [
      [null],
      0,
      null,
      'Invalid point at index 0: expected an object { ip, latitude, longitude, ... }, got null.',
    ],
    [[ok, 'x'], 1, 'x', 'Invalid point at index 1: expected an object'],
    [
      [ok, { latitude: 1, longitude: 2 }],
      1,
      undefined,
      'Invalid point at index 1: ip must be a non-empty string, got undefined.',
    ],
    [
      [{ ip: 3232235777, latitude: 1, longitude: 2 }],
      0,
      3232235777,
      'Invalid point at index 0: ip must be a non-empty string, got 3232235777.',
    ],
    [
      [{ ip: '', latitude: 1, longitude: 2 }],
      0,
      '',
      'Invalid point at index 0: ip must be a non-empty string, got "".',
    ],
    [
      [{ ...ok, city: 5 }],
      0,
      5,
      'Invalid point at index 0 (IP 192.0.2.1): city must be a string or absent, got 5.',
    ],
    [
      [{ ...ok, asn: '64500' }],
      0,
      '64500',
      'Invalid point at index 0 (IP 192.0.2.1): asn must be an integer 0..4294967295 or absent, got "64500".',
    ],
    [[{ ...ok, asn: -1 }], 0, -1, 'Invalid point at index 0 (IP 192.0.2.1): asn must be'],
    [
      [{ ...ok, fields: 'x' }],
      0,
      'x',
      'Invalid point at index 0 (IP 192.0.2.1): fields must be an object of strings or absent',
    ],
    [
      [{ ...ok, fields: { dst_port: 443 } }],
      0,
      443,
      'Invalid point at index 0 (IP 192.0.2.1): fields["dst_port"] must be a string (convert it with String()), got 443.',
    ],
  ])('addIps(%j) fails with INVALID_POINT at index %d', (points, index, value, message) => {
    const error = mapErrorOf(() => addIps(points));
    expect(error).toMatchObject({ code: 'INVALID_POINT', index, value });
    expect(error.message.startsWith(message)).toBe(true);
  });

  it('a coordinate error names the index and the IP, and shows a string coordinate quoted', () => {
    const error = mapErrorOf(() => addIps([ok, { ip: '198.51.100.9', latitude: '51.5', longitude: 0 }]));
    expect(error).toMatchObject({
      code: 'INVALID_COORDINATE',
      index: 1,
      ip: '198.51.100.9',
      value: ['51.5', 0],
    });
    expect(error.message).toBe(
      'Invalid coordinate for IP 198.51.100.9 at index 1: latitude "51.5", longitude 0; latitude must be a number within -90..90 and longitude within -180..180 degrees.',
    );
  });

  it('addLocations checks each point, its label and fields', () => {
    const add = (v: unknown) => map().addLocations(v as { latitude: number; longitude: number }[]);
    expect(mapErrorOf(() => add([undefined]))).toMatchObject({ code: 'INVALID_POINT', index: 0 });
    expect(mapErrorOf(() => add([{ latitude: 1, longitude: 1, label: 7 }]))).toMatchObject({
      code: 'INVALID_POINT',
      index: 0,
      value: 7,
    });
    const far = mapErrorOf(() =>
      add([
        { latitude: 1, longitude: 1 },
        { latitude: 1, longitude: 200, label: 'HQ' },
      ]),
    );
    expect(far).toMatchObject({ code: 'INVALID_COORDINATE', index: 1, value: [1, 200] });
    expect(far.message).toMatch(
      /^Invalid coordinate for location "HQ" at index 1: latitude 1, longitude 200;/,
    );
    expect(mapErrorOf(() => add([{ latitude: 1, longitude: 1, fields: { n: null } }]))).toMatchObject({
      code: 'INVALID_POINT',
      value: null,
    });
  });

  it('addGeoHashes names the index of a bad hash', () => {
    const error = mapErrorOf(() => map().addGeoHashes(['ezs42', 42 as unknown as string]));
    expect(error).toMatchObject({ code: 'INVALID_GEOHASH', index: 1, value: 42 });
    expect(error.message).toMatch(/^At index 1: Invalid geohash 42/);
    expect(mapErrorOf(() => map().addGeoHashes(['ezs42', 'ezsa2']))).toMatchObject({
      index: 1,
      value: 'ezsa2',
    });
  });

  it('checks the style argument', () => {
    expect(mapErrorOf(() => map().addIps([ok], 'red' as never))).toMatchObject({
      code: 'INVALID_OPTION',
      path: 'addIps style',
      value: 'red',
    });
    expect(mapErrorOf(() => map().addIpCluster([ok], { layer: 5 } as never))).toMatchObject({
      code: 'INVALID_OPTION',
      path: 'addIpCluster style.layer',
      value: 5,
    });
    expect(mapErrorOf(() => map().addIps([ok], { colour: 'red' } as never))).toMatchObject({
      code: 'INVALID_OPTION',
      path: 'colour',
    });
  });

  it('a rejected call adds nothing; a null-prototype fields object is accepted', () => {
    const m = map();
    expect(() => m.addIps([ok, null as unknown as MapIp])).toThrow(MapError);
    expect(m.size).toBe(0);
    const fields: Record<string, string> = Object.create(null);
    fields['malware'] = 'QakBot';
    expect(m.addIps([{ ...ok, fields }]).size).toBe(1);
  });
});

describe('hostile values in messages and arrays', () => {
  const p: MapIp = { ip: '192.0.2.1', latitude: 1, longitude: 2 };

  it('reports an empty array slot like a missing point, instead of skipping it', () => {
    // biome-ignore lint/suspicious/noSparseArray: the hole is what is being tested
    const holey = [p, , p] as MapIp[];
    const error = mapErrorOf(() => createIocMap().addIps(holey));
    expect(error).toMatchObject({ code: 'INVALID_POINT', index: 1 });
    expect(mapErrorOf(() => createIocMap().addIpCluster(new Array(3)))).toMatchObject({ index: 0 });
  });

  it('shows NaN in an array as NaN, not as JSON null', () => {
    const error = mapErrorOf(() => createIocMap({ center: [Number.NaN, 0] }));
    expect(error.message).toContain('[NaN,0]');
  });

  it('cuts a huge IP, colour or geohash to about 80 characters in the message, keeping the value', () => {
    const ip = `1${'0'.repeat(1_000_000)}`;
    const coordinate = mapErrorOf(() => createIocMap().addIps([{ ip, latitude: 999, longitude: 0 }]));
    expect(coordinate.code).toBe('INVALID_COORDINATE');
    expect(coordinate.message.length).toBeLessThan(400);
    expect(coordinate.ip).toBe(ip);
    const colour = mapErrorOf(() => createIocMap().addIps([p], { color: 'z'.repeat(100_000) as never }));
    expect(colour.code).toBe('INVALID_COLOR');
    expect(colour.message.length).toBeLessThan(600);
    const geohash = mapErrorOf(() => createIocMap().addGeoHashes(['u'.repeat(100_000)]));
    expect(geohash.code).toBe('INVALID_GEOHASH');
    expect(geohash.message.length).toBeLessThan(400);
  });
});
