/** A ring of `[longitude, latitude]` positions, degrees. */
export type Ring = [number, number][];

/**
 * Unwrap a ring whose consecutive longitudes jump by more than 180° (it crosses
 * the antimeridian), so Leaflet does not draw a band across the whole map.
 *
 * Each jump is undone by ±360°, making the ring continuous; the ring is then
 * shifted by ±360° so its middle longitude lies within -180..180 (Russia keeps
 * its body east of 0° and Chukotka extends past 180°). A ring that does not
 * close after unwrapping encircles a pole (Antarctica) and is returned as is.
 */
export function unwrapRing(ring: Ring): Ring {
  if (ring.length < 2) return ring;
  const out: Ring = [];
  let offset = 0;
  let prev = ring[0]![0];
  let crossed = false;
  for (const [lon, lat] of ring) {
    const d = lon - prev;
    if (d > 180) {
      offset -= 360;
      crossed = true;
    } else if (d < -180) {
      offset += 360;
      crossed = true;
    }
    prev = lon;
    out.push([lon + offset, lat]);
  }
  if (!crossed) return ring;
  const first = out[0]!;
  const last = out[out.length - 1]!;
  if (Math.abs(first[0] - last[0]) > 180) return ring;
  let min = Infinity;
  let max = -Infinity;
  for (const [lon] of out) {
    if (lon < min) min = lon;
    if (lon > max) max = lon;
  }
  const mid = (min + max) / 2;
  const shift = mid > 180 ? -360 : mid < -180 ? 360 : 0;
  return shift === 0 ? out : out.map(([lon, lat]) => [lon + shift, lat]);
}
