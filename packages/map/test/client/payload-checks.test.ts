import { describe, expect, it } from 'vitest';
import { decodeLayer, decodePayload, MapError, type MapPayload, renderIocMap } from '../../src/browser.js';

// A payload written by hand (see MapPayload): three IPs, two at (10, 10), one at (20, 20).
// 10° → 10·1e5 + 9,000,000 = 10,000,000 = 38·64³ + 9·64² + 26·64 → "AmJaA" (A=0, J=9, a=26, m=38).
const good = (): MapPayload => ({
  v: 1,
  title: 't',
  view: {},
  attribution: [],
  layers: [
    {
      name: 'C2',
      color: 'red',
      fill: '#d63e2a',
      cluster: false,
      lat: 'AmJaAAp9jA',
      lon: 'BIerABMS0A',
      count: [2, 1],
      columns: [
        { key: 'ip', sep: '|', text: '192.0.2.1|192.0.2.2|192.0.2.3' },
        { key: 'cc', dict: ['DE'], width: 1, index: 'BBB' },
      ],
    },
  ],
});

function payloadError(payload: unknown): MapError {
  try {
    decodePayload(payload as MapPayload);
  } catch (e) {
    expect(e).toBeInstanceOf(MapError);
    return e as MapError;
  }
  throw new Error('expected a MapError, nothing was thrown');
}

type Layer = Record<string, unknown>;
const corrupt = (change: (layer: Layer) => void): MapPayload => {
  const p = good();
  change(p.layers[0] as unknown as Layer);
  return p;
};

describe('decodePayload checks the payload', () => {
  it('decodes the hand-written payload', () => {
    const [layer] = decodePayload(good());
    expect([layer!.groups, layer!.total, layer!.latitude(0), layer!.longitude(1)]).toEqual([2, 3, 10, 20]);
    expect(layer!.points(0).map((p) => [p.ip, p.countryCode])).toEqual([
      ['192.0.2.1', 'DE'],
      ['192.0.2.2', 'DE'],
    ]);
  });

  it.each([
    ['null', null, 'payload', 'Invalid map payload: payload must be an object, got null.'],
    ['a string', 'x', 'payload', 'Invalid map payload: payload must be an object, got "x".'],
    ['{}', {}, 'v', 'Invalid map payload: v must be 1 (the only format version this renderer reads'],
    ['v: 99', { ...good(), v: 99 }, 'v', 'Invalid map payload: v must be 1'],
    ['v: "1"', { ...good(), v: '1' }, 'v', 'Invalid map payload: v must be 1'],
    ['no layers', { v: 1 }, 'layers', 'Invalid map payload: layers must be a list of layers, got undefined.'],
    [
      'a null layer',
      { v: 1, layers: [null] },
      'layers[0]',
      'Invalid map payload: layers[0] must be a layer object',
    ],
  ])('rejects %s with INVALID_PAYLOAD at %s', (_what, payload, path, message) => {
    const error = payloadError(payload);
    expect(error).toMatchObject({ code: 'INVALID_PAYLOAD', path });
    expect(error.message.startsWith(message)).toBe(true);
  });

  it.each([
    ['layers[0].name', (l: Layer) => delete l['name']],
    ['layers[0].lat', (l: Layer) => (l['lat'] = 'AmJaAAp9j')], // 9 digits: not whole 5-digit integers
    ['layers[0].lat', (l: Layer) => (l['lat'] = 'AmJaAAp9j!')], // not a base-64 digit
    ['layers[0].lat', (l: Layer) => (l['lat'] = 3)],
    ['layers[0].lon', (l: Layer) => (l['lon'] = 'BIerA')], // 1 coordinate for 2 groups
    ['layers[0].lat[1]', (l: Layer) => (l['lat'] = 'AmJaAzzzzz')], // far above 18,000,000 (90°)
    ['layers[0].count', (l: Layer) => (l['count'] = [2])],
    ['layers[0].count', (l: Layer) => (l['count'] = [2, 0])],
    ['layers[0].count', (l: Layer) => (l['count'] = 3)], // a number must equal the groups (2)
    ['layers[0].columns', (l: Layer) => delete l['columns']],
    ['layers[0].columns[0]', (l: Layer) => ((l['columns'] as unknown[])[0] = { key: 'ip' })],
    ['layers[0].columns[0].text', (l: Layer) => ((l['columns'] as Layer[])[0]!['text'] = 'a|b')],
    [
      'layers[0].columns[0].values',
      (l: Layer) => ((l['columns'] as unknown[])[0] = { key: 'ip', values: ['a', 5, null] }),
    ],
    ['layers[0].columns[1].index', (l: Layer) => ((l['columns'] as Layer[])[1]!['index'] = 'BB')],
    ['layers[0].columns[1].index[2]', (l: Layer) => ((l['columns'] as Layer[])[1]!['index'] = 'BBC')], // 2 > dict size 1
    ['layers[0].columns[1].dict', (l: Layer) => ((l['columns'] as Layer[])[1]!['dict'] = [7])],
  ])('rejects corrupt %s with INVALID_PAYLOAD naming it', (path, change) => {
    expect(payloadError(corrupt(change))).toMatchObject({ code: 'INVALID_PAYLOAD', path });
  });

  it('decodeLayer alone names the part from "layer"', () => {
    expect(() => decodeLayer({ ...good().layers[0]!, lon: '' })).toThrow(
      expect.objectContaining({ code: 'INVALID_PAYLOAD', path: 'layer.lon' }),
    );
  });

  it('renderIocMap rejects a missing element before touching the DOM', () => {
    expect(() => renderIocMap(null as unknown as HTMLElement, good(), { L: {} as never })).toThrow(
      expect.objectContaining({ code: 'INVALID_PAYLOAD', path: 'element', value: null }),
    );
  });
});

describe('renderIocMap checks the payload before drawing', () => {
  // Enough of a DOM element and of Leaflet to pass the argument checks; the
  // payload checks run before either is used.
  const element = { nodeType: 1, ownerDocument: { createElement: () => ({}) } } as unknown as HTMLElement;
  const L = { map: () => ({}) } as never;

  it('names tiles.attribution without showing the tile URL, whose query may hold an API key', () => {
    const payload = {
      ...good(),
      tiles: { url: 'https://t.example/{z}/{x}/{y}.png?apikey=s3cr3t', attribution: 5 },
    } as unknown as MapPayload;
    let error: unknown;
    try {
      renderIocMap(element, payload, { L });
    } catch (e) {
      error = e;
    }
    expect(error).toMatchObject({ code: 'INVALID_PAYLOAD', path: 'tiles.attribution', value: 5 });
    expect((error as MapError).message).not.toContain('s3cr3t');
  });

  it('redacts the query of a tile URL given as a bare string', () => {
    const payload = { ...good(), tiles: 'https://t.example/{z}/{x}/{y}.png?apikey=s3cr3t' };
    expect(() => renderIocMap(element, payload as unknown as MapPayload, { L })).toThrow(
      'Invalid map payload: tiles must be an object { url, attribution } of strings, got "https://t.example/{z}/{x}/{y}.png?apikey=***".',
    );
  });
});
