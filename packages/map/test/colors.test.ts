import { describe, expect, it } from 'vitest';
import { createIocMap, FOLIUM_COLORS, isFoliumColor, MapError } from '../src/index.js';

// folium's Icon(color=...) palette, listed in folium's documentation.
const FOLIUM_NAMES = [
  'red',
  'blue',
  'green',
  'purple',
  'orange',
  'darkred',
  'lightred',
  'beige',
  'darkblue',
  'darkgreen',
  'cadetblue',
  'darkpurple',
  'white',
  'pink',
  'lightblue',
  'lightgreen',
  'gray',
  'black',
  'lightgray',
];

describe('FOLIUM_COLORS', () => {
  it('holds exactly folium palette names, each with a #rrggbb fill', () => {
    expect(Object.keys(FOLIUM_COLORS).sort()).toEqual([...FOLIUM_NAMES].sort());
    for (const hex of Object.values(FOLIUM_COLORS)) expect(hex).toMatch(/^#[0-9a-f]{6}$/);
  });

  it('isFoliumColor accepts palette names only', () => {
    expect(isFoliumColor('cadetblue')).toBe(true);
    expect(isFoliumColor('teal')).toBe(false);
    expect(isFoliumColor('toString')).toBe(false);
    expect(isFoliumColor(undefined)).toBe(false);
  });
});

describe('layer colour validation', () => {
  it('rejects an unknown colour with INVALID_COLOR naming it and listing valid names', () => {
    const map = createIocMap();
    let error: unknown;
    try {
      // @ts-expect-error deliberately outside the palette
      map.addIpCluster([{ ip: '192.0.2.1', latitude: 1, longitude: 2 }], { color: 'teal', layer: 'C2' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(MapError);
    const e = error as MapError;
    expect(e.code).toBe('INVALID_COLOR');
    expect(e.value).toBe('teal');
    expect(e.layer).toBe('C2');
    expect(e.message).toContain('"teal"');
    for (const name of FOLIUM_NAMES) expect(e.message).toContain(name);
    expect(map.size).toBe(0);
  });

  it("defaults to 'red' like msticpy's add_ip_cluster", () => {
    const payload = createIocMap({ outlines: false })
      .addIpCluster([{ ip: '192.0.2.1', latitude: 1, longitude: 2 }])
      .toPayload();
    expect(payload.layers[0]).toMatchObject({
      name: 'IP addresses',
      color: 'red',
      fill: '#d63e2a',
      cluster: true,
    });
  });
});
