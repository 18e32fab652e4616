import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { feature } from 'topojson-client';
import { describe, expect, it } from 'vitest';
import { type Ring, unwrapRing } from '../../src/internal/antimeridian.js';
import { outlinesFromTopology } from '../../src/internal/assets.js';

const require = createRequire(import.meta.url);
type Topology = Parameters<typeof feature>[0];
const topology = JSON.parse(
  readFileSync(require.resolve('world-atlas/countries-110m.json'), 'utf8'),
) as Topology;

function maxJump(ring: readonly (readonly number[])[]): number {
  let max = 0;
  for (let i = 1; i < ring.length; i++) max = Math.max(max, Math.abs(ring[i]![0]! - ring[i - 1]![0]!));
  return max;
}

function ringsOf(id: string): Ring[] {
  const geometries = (topology.objects['countries'] as unknown as { geometries: { id: string }[] })
    .geometries;
  const object = geometries.find((g) => g.id === id);
  const f = feature(
    topology,
    object as Parameters<typeof feature>[1],
  ) as GeoJSON.Feature<GeoJSON.MultiPolygon>;
  return f.geometry.coordinates.flat() as Ring[];
}

describe('unwrapRing', () => {
  it('leaves a ring that does not cross the antimeridian unchanged', () => {
    const ring: Ring = [
      [10, 0],
      [20, 0],
      [20, 10],
      [10, 0],
    ];
    expect(unwrapRing(ring)).toEqual(ring);
  });

  it('unwraps a square straddling 180° so it extends east past 180°', () => {
    const ring: Ring = [
      [170, 0],
      [-170, 0],
      [-170, 10],
      [170, 10],
      [170, 0],
    ];
    expect(unwrapRing(ring)).toEqual([
      [170, 0],
      [190, 0],
      [190, 10],
      [170, 10],
      [170, 0],
    ]);
  });

  it('shifts a ring that starts east of 180° back so its middle lies within ±180°', () => {
    // Body at 100..170°E, tip at 179°W: unwrapping from the tip gives -260..-179, middle -219.5 → +360.
    const ring: Ring = [
      [-179, 65],
      [170, 65],
      [100, 60],
      [170, 70],
      [-179, 70],
      [-179, 65],
    ];
    expect(unwrapRing(ring)).toEqual([
      [181, 65],
      [170, 65],
      [100, 60],
      [170, 70],
      [181, 70],
      [181, 65],
    ]);
  });

  it('keeps a ring around the pole (does not close once unwrapped) as it is', () => {
    const ring: Ring = [
      [-180, -90],
      [-180, -80],
      [0, -70],
      [180, -80],
      [180, -90],
      [-180, -90],
    ];
    expect(unwrapRing(ring)).toEqual(ring);
  });

  it('removes every >180° jump from the rings of Russia (643) and Fiji (242) in world-atlas 110m', () => {
    for (const id of ['643', '242']) {
      const rings = ringsOf(id);
      expect(Math.max(...rings.map(maxJump))).toBeGreaterThan(180); // the data does cross
      for (const ring of rings) expect(maxJump(unwrapRing(ring))).toBeLessThanOrEqual(180);
    }
  });
});

describe('outlinesFromTopology', () => {
  it.each(['110m', '50m'])(
    'leaves >180° jumps only in rings around the South Pole (countries-%s)',
    (scale) => {
      const topo = JSON.parse(
        readFileSync(require.resolve(`world-atlas/countries-${scale}.json`), 'utf8'),
      ) as Topology;
      const outlines = outlinesFromTopology(topo);
      expect(outlines.length).toBeGreaterThan(177); // multipolygons expand: at least one polygon per country
      for (const polygon of outlines) {
        for (const flat of polygon) {
          const ring: number[][] = [];
          for (let i = 0; i < flat.length; i += 2) ring.push([flat[i]! / 100, flat[i + 1]! / 100]);
          if (maxJump(ring) > 180) {
            expect(Math.max(...ring.map((p) => p[1]!))).toBeLessThan(-60);
          }
        }
      }
    },
  );
});
