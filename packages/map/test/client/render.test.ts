import { describe, expect, it } from 'vitest';
import { decodePayload, escapeHtml } from '../../src/client/render.js';
import { createIocMap, type MapIp } from '../../src/index.js';

const IPS: MapIp[] = [
  {
    ip: '198.51.100.7',
    latitude: 52.52437,
    longitude: 13.41053,
    countryCode: 'DE',
    countryName: 'Germany',
    state: 'Land Berlin',
    city: 'Berlin',
    network: '198.51.100.0/24',
    asn: 64500,
    asOrganization: 'Example Transit GmbH',
    fields: { dst_port: '443', malware: 'Dridex' },
  },
  { ip: '203.0.113.9', latitude: 0, longitude: 0, fields: { malware: 'Dridex' } },
  { ip: '2001:db8::1', latitude: 52.52437, longitude: 13.41053, countryCode: 'DE', city: 'Berlin' },
  { ip: '192.0.2.55', latitude: -33.868821, longitude: 151.209296, countryName: 'Australia' },
];

describe('payload round trip (Node encoder → browser decoder)', () => {
  it('returns every IP with its fields, grouped by coordinate, coordinates to 1e-5 degree', () => {
    const payload = createIocMap({ outlines: false })
      .addIpCluster(IPS, { layer: 'C2', color: 'blue' })
      .toPayload();
    const [layer] = decodePayload(JSON.parse(JSON.stringify(payload)));
    expect(layer).toBeDefined();
    const l = layer!;
    expect(l).toMatchObject({
      name: 'C2',
      color: 'blue',
      fill: '#38aadd',
      cluster: true,
      groups: 3,
      total: 4,
    });
    expect([0, 1, 2].map((g) => l.count(g))).toEqual([2, 1, 1]);
    expect(l.points(0)).toEqual([
      {
        latitude: 52.52437,
        longitude: 13.41053,
        ip: '198.51.100.7',
        countryCode: 'DE',
        countryName: 'Germany',
        state: 'Land Berlin',
        city: 'Berlin',
        network: '198.51.100.0/24',
        asn: 64500,
        asOrganization: 'Example Transit GmbH',
        fields: { dst_port: '443', malware: 'Dridex' },
      },
      {
        latitude: 52.52437,
        longitude: 13.41053,
        ip: '2001:db8::1',
        countryCode: 'DE',
        city: 'Berlin',
        fields: {},
      },
    ]);
    expect(l.points(0, 1)).toEqual([expect.objectContaining({ ip: '2001:db8::1' })]);
    expect(l.points(0, 0, 1)).toEqual([expect.objectContaining({ ip: '198.51.100.7' })]);
    expect(l.points(1)).toEqual([
      { latitude: 0, longitude: 0, ip: '203.0.113.9', fields: { malware: 'Dridex' } },
    ]);
    // -33.868821 rounds to -33.86882, 151.209296 to 151.2093.
    expect(l.points(2)).toEqual([
      { latitude: -33.86882, longitude: 151.2093, ip: '192.0.2.55', countryName: 'Australia', fields: {} },
    ]);
  });

  it('keeps input fields named like Object.prototype members as plain fields', () => {
    const fields = JSON.parse('{"__proto__":"x","constructor":"y","toString":"z"}') as Record<string, string>;
    const payload = createIocMap({ outlines: false })
      .addIps([{ ip: '192.0.2.1', latitude: 1, longitude: 1, fields }])
      .toPayload();
    const point = decodePayload(JSON.parse(JSON.stringify(payload)))[0]!.points(0)[0]!;
    expect(Object.entries(point.fields)).toEqual([
      ['__proto__', 'x'],
      ['constructor', 'y'],
      ['toString', 'z'],
    ]);
    expect(Object.getPrototypeOf(point.fields)).toBe(Object.prototype);
  });

  it('falls back to the default fill when a payload carries a non-hex fill', () => {
    const payload = createIocMap({ outlines: false }).addIps(IPS.slice(0, 1)).toPayload();
    payload.layers[0]!.fill = 'red;background:url(x)';
    expect(decodePayload(payload)[0]!.fill).toBe('#d63e2a');
  });

  it('escapeHtml in the client escapes like the server', () => {
    expect(escapeHtml(`<img src=x onerror="a">'&`)).toBe('&#60;img src=x onerror=&#34;a&#34;&#62;&#39;&#38;');
  });
});
