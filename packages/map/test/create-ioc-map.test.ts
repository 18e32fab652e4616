import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodePayload } from '../src/client/render.js';
import { createIocMap, MapError } from '../src/index.js';

const ip = (ip: string, latitude: number, longitude: number) => ({ ip, latitude, longitude });

describe('centerMap', () => {
  it('centres on the median latitude and longitude, counting 0° as a real coordinate', () => {
    // lats 0, 0, 10 → 0; lons 0, 20, 0 → 0 (folium would skip the zeros and give 10, 20).
    const map = createIocMap({ outlines: false })
      .addIpCluster([ip('192.0.2.1', 0, 0), ip('192.0.2.2', 0, 20), ip('192.0.2.3', 10, 0)])
      .centerMap();
    expect(map.toPayload().view).toEqual({ center: [0, 0] });
  });

  it('takes the mean of the two middle values for an even count, across layers and call kinds', () => {
    const map = createIocMap({ outlines: false, zoom: 4 })
      .addIpCluster([ip('192.0.2.1', 1, -10)], { layer: 'a' })
      .addLocations([{ latitude: 3, longitude: 30 }], { color: 'green' })
      .centerMap();
    expect(map.toPayload().view).toEqual({ center: [2, 10], zoom: 4 });
  });

  it('leaves the view unset when there are no points', () => {
    expect(createIocMap({ outlines: false }).centerMap().toPayload().view).toEqual({});
  });
});

describe('coordinate validation', () => {
  it.each([
    [91, 0],
    [-90.5, 0],
    [0, 180.01],
    [Number.NaN, 0],
  ])('rejects latitude %d, longitude %d with INVALID_COORDINATE naming the IP', (lat, lon) => {
    const map = createIocMap({ outlines: false });
    expect(() => map.addIpCluster([ip('192.0.2.1', 1, 1), ip('198.51.100.9', lat, lon)])).toThrow(
      expect.objectContaining({ code: 'INVALID_COORDINATE', ip: '198.51.100.9' }),
    );
    expect(() => map.addIpCluster([ip('198.51.100.9', lat, lon)])).toThrow(/198\.51\.100\.9/);
    expect(map.size).toBe(0); // a rejected call adds nothing
  });

  it('accepts the extremes ±90, ±180', () => {
    const map = createIocMap({ outlines: false }).addIps([ip('a', 90, 180), ip('b', -90, -180)]);
    expect(map.size).toBe(2);
  });
});

describe('layers', () => {
  it('adds calls with the same layer name to one layer', () => {
    const payload = createIocMap({ outlines: false })
      .addIpCluster([ip('a', 1, 1)], { layer: 'Dridex', color: 'purple' })
      .addIpCluster([ip('b', 2, 2)], { layer: 'Dridex' })
      .addIpCluster([ip('c', 3, 3)], { layer: 'Emotet', color: 'orange' })
      .toPayload();
    expect(payload.layers.map((l) => [l.name, l.color, l.lat.length / 5])).toEqual([
      ['Dridex', 'purple', 2],
      ['Emotet', 'orange', 1],
    ]);
  });

  it('rejects reusing a layer name with another colour or clustering (LAYER_CONFLICT)', () => {
    const map = createIocMap({ outlines: false }).addIpCluster([ip('a', 1, 1)], { layer: 'X', color: 'red' });
    expect(() => map.addIpCluster([ip('b', 1, 1)], { layer: 'X', color: 'blue' })).toThrow(
      expect.objectContaining({ code: 'LAYER_CONFLICT', layer: 'X' }),
    );
    expect(() => map.addIps([ip('b', 1, 1)], { layer: 'X' })).toThrow(
      expect.objectContaining({ code: 'LAYER_CONFLICT' }),
    );
  });

  it('addIps makes an unclustered layer; cluster: false unclusters addIpCluster', () => {
    expect(
      createIocMap({ outlines: false })
        .addIps([ip('a', 1, 1)])
        .toPayload().layers[0]!.cluster,
    ).toBe(false);
    expect(
      createIocMap({ outlines: false, cluster: false })
        .addIpCluster([ip('a', 1, 1)])
        .toPayload().layers[0]!.cluster,
    ).toBe(false);
  });

  it('addGeoHashes draws each hash at its cell centre, labelled with the hash', () => {
    const payload = createIocMap({ outlines: false }).addGeoHashes(['s', 'u4pruydqqvj']).toPayload();
    const layer = payload.layers[0]!;
    expect(layer.name).toBe('Geohashes');
    // "s" = lat 0..45, lon 0..45 → centre (22.5, 22.5); u4pruydqqvj ≈ (57.64911, 10.40744).
    const decoded = decodePayload(payload)[0]!;
    expect([decoded.latitude(0), decoded.longitude(0)]).toEqual([22.5, 22.5]);
    expect([decoded.latitude(1), decoded.longitude(1)]).toEqual([57.64911, 10.40744]);
    expect(layer.columns).toEqual([{ key: 'label', sep: '|', text: 's|u4pruydqqvj' }]);
    expect(() => createIocMap().addGeoHashes(['ok', 'oops'])).toThrow(
      expect.objectContaining({ code: 'INVALID_GEOHASH' }),
    );
  });
});

describe('options and attribution', () => {
  it('rejects a bad zoom, centre or non-http URL with INVALID_OPTION', () => {
    expect(() => createIocMap({ zoom: 0 })).toThrow(
      expect.objectContaining({ code: 'INVALID_OPTION', value: 0 }),
    );
    expect(() => createIocMap({ zoom: 19 })).toThrow(
      expect.objectContaining({ code: 'INVALID_OPTION', value: 19 }),
    );
    expect(() => createIocMap({ center: [95, 0] })).toThrow(
      expect.objectContaining({ code: 'INVALID_OPTION' }),
    );
    expect(() => createIocMap({ attribution: [{ text: 'x', url: 'javascript:alert(1)' }] })).toThrow(
      expect.objectContaining({ code: 'INVALID_OPTION', value: 'javascript:alert(1)' }),
    );
    expect(() => createIocMap({ tiles: { url: 'file:///{z}/{x}/{y}.png', attribution: '' } })).toThrow(
      MapError,
    );
  });

  it('names a bad tile URL without its API key', () => {
    const url = 'tiles.example/{z}/{x}/{y}.png?apikey=k-5e3c9&style=dark';
    expect(() => createIocMap({ tiles: { url, attribution: '' } })).toThrow(
      'Invalid tile URL "tiles.example/{z}/{x}/{y}.png?apikey=***&style=***": give an absolute http: or https: URL.',
    );
  });

  it('keeps attributions in order without duplicates, and tiles only when asked', () => {
    const dbip = { text: 'IP Geolocation by DB-IP', url: 'https://db-ip.com' };
    const map = createIocMap({ outlines: false, attribution: [dbip] })
      .addAttribution(dbip)
      .addAttribution({ text: 'Feodo Tracker' });
    const payload = map.toPayload();
    expect(payload.attribution).toEqual([dbip, { text: 'Feodo Tracker' }]);
    expect(payload.tiles).toBeUndefined();
    const tiles = {
      url: 'https://tile.openstreetmap.org/{z}/{x}/{y}.png',
      attribution: '© OpenStreetMap contributors',
    };
    expect(createIocMap({ tiles }).toPayload().tiles).toEqual(tiles);
  });
});

describe('toHtml', () => {
  const hostile = '</script><script>window.__pwned=1</script><!--';
  const html = createIocMap({ title: `<b>T</b>${hostile}` })
    .addIpCluster([{ ...ip('192.0.2.1', 1, 1), city: hostile, fields: { note: hostile } }], {
      layer: hostile,
    })
    .toHtml();

  it('is one self-contained page: no external script, stylesheet or image reference', () => {
    expect(html.startsWith('<!DOCTYPE html>')).toBe(true);
    expect(html).not.toMatch(/<script[^>]*\ssrc=/i);
    expect(html).not.toMatch(/<link\b/i);
    expect(html).not.toMatch(/url\((['"]?)(?!data:)[^)]*\.(png|svg|gif)/i);
    expect(html).toContain('L.markerClusterGroup'); // inlined client renderer
    expect(html).toContain('MarkerClusterGroup'); // inlined leaflet.markercluster
    // The renderer's import of map-error.js is resolved by inlining that file first.
    expect(html).not.toMatch(/^import\b/m);
    expect(html).toContain('export class MapError extends Error');
  });

  it('input text cannot close the data script: one </script> per <script', () => {
    const opens = html.match(/<script\b/gi)?.length ?? 0;
    const closes = html.match(/<\/script/gi)?.length ?? 0;
    expect(opens).toBe(4); // leaflet, markercluster, data, renderer
    expect(closes).toBe(4);
    expect(html).toContain('<title>&#60;b&#62;T&#60;/b&#62;&#60;/script&#62;');
  });

  it('embeds the payload as JSON that parses back to toPayload()', () => {
    const match = /<script type="application\/json" id="iocmap-data">([^<]*)<\/script>/.exec(html);
    expect(match).not.toBeNull();
    const payload = JSON.parse(match![1]!);
    expect(payload.layers[0].name).toBe(hostile);
    expect(payload.title).toBe(`<b>T</b>${hostile}`);
  });
});

describe('save', () => {
  let dir = '';
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'iocmap-map-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('writes toHtml() to the path and leaves no temporary file', async () => {
    const map = createIocMap({ title: 'saved', outlines: false }).addIps([ip('192.0.2.1', 1, 1)]);
    const path = join(dir, 'map.html');
    await map.save(path);
    expect(await readFile(path, 'utf8')).toBe(map.toHtml());
    expect(await readdir(dir)).toEqual(['map.html']);
  });

  it('fails with WRITE_FAILED naming the path when the directory is missing', async () => {
    const path = join(dir, 'missing', 'map.html');
    await expect(createIocMap({ outlines: false }).save(path)).rejects.toMatchObject({
      code: 'WRITE_FAILED',
      path,
      cause: expect.objectContaining({ code: 'ENOENT' }),
    });
  });
});
