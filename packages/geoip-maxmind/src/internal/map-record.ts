/**
 * Maps raw mmdb records to `GeoRecord`: the GeoIP2/GeoLite2 schema (City,
 * Country, ASN, ISP, Enterprise, Connection-Type; also DB-IP's own
 * GeoIP2-compatible files) and the flat schema of the ip-location-db DB-IP
 * builds (`country_code`, `state1`, `city`, `latitude`, ...).
 *
 * Sources: MaxMind GeoIP2 database field reference
 * (https://dev.maxmind.com/geoip/docs/databases), ip-location-db README
 * (https://github.com/sapics/ip-location-db).
 */
import { countryNameOf, type GeoRecord } from '@iocmap/geoip';

/** Which record layout a database uses. */
export type MmdbSchema = 'geoip2' | 'flat' | 'auto';

/** Picks the schema from `database_type`; `auto` decides per record. */
export function schemaFor(databaseType: string): MmdbSchema {
  if (/^(GeoIP2|GeoLite2|GeoIP|DBIP)[-_ ]/i.test(databaseType)) return 'geoip2';
  if (/^(city|country|asn|geo-whois-asn-country|iptoasn-country)[- ]ipv[46]$/i.test(databaseType))
    return 'flat';
  return 'auto';
}

type Obj = Record<string, unknown>;

function obj(v: unknown): Obj | undefined {
  return v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Obj) : undefined;
}
function str(v: unknown): string | undefined {
  return typeof v === 'string' && v !== '' ? v : undefined;
}
function num(v: unknown): number | undefined {
  return typeof v === 'number' && Number.isFinite(v) ? v : undefined;
}
function nameEn(v: unknown): string | undefined {
  return str(obj(obj(v)?.['names'])?.['en']);
}

function put<K extends keyof GeoRecord>(rec: GeoRecord, key: K, value: GeoRecord[K] | undefined): void {
  if (value !== undefined) rec[key] = value;
}

function mapGeoip2(data: Obj, rec: GeoRecord): void {
  const country = obj(data['country']);
  const code = str(country?.['iso_code']);
  put(rec, 'countryCode', code);
  put(rec, 'countryName', nameEn(country) ?? (code ? countryNameOf(code) : undefined));
  const subdivisions = data['subdivisions'];
  if (Array.isArray(subdivisions)) put(rec, 'state', nameEn(subdivisions[0]));
  put(rec, 'city', nameEn(data['city']));
  put(rec, 'postalCode', str(obj(data['postal'])?.['code']));
  const location = obj(data['location']);
  if (location) {
    const lat = num(location['latitude']);
    const lon = num(location['longitude']);
    if (lat !== undefined && lon !== undefined) {
      rec.latitude = lat;
      rec.longitude = lon;
    }
    put(rec, 'accuracyRadiusKm', num(location['accuracy_radius']));
    put(rec, 'timeZone', str(location['time_zone']));
  }
  // ASN/ISP/Connection-Type databases keep these at the top level; City
  // and Enterprise keep them under `traits`.
  const traits = obj(data['traits']) ?? data;
  put(rec, 'asn', num(traits['autonomous_system_number']) ?? num(data['autonomous_system_number']));
  put(
    rec,
    'asOrganization',
    str(traits['autonomous_system_organization']) ?? str(data['autonomous_system_organization']),
  );
  put(rec, 'isp', str(traits['isp']) ?? str(data['isp']));
  put(rec, 'organization', str(traits['organization']) ?? str(data['organization']));
  put(rec, 'connectionType', str(traits['connection_type']) ?? str(data['connection_type']));
}

/** 10^0 ... 10^12, each exact in a double. */
const POW10 = [1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12];

/**
 * ip-location-db stores coordinates as 32-bit floats, which carry about seven
 * significant digits; rounding to seven gives back the decimal that was
 * written (51.5143 instead of 51.51430130004883).
 *
 * The result is exactly `Number(v.toPrecision(7))` without the string round
 * trip (it ran once per coordinate per lookup). Why it is exact: a float32
 * has a 24-bit significand and 5^k needs at most 28 bits for k <= 12, so
 * `|v| * 10^k` is computed without rounding; `Math.round` then rounds half
 * up, as toPrecision does (ECMA-262 Number.prototype.toPrecision: "pick the
 * larger n"); and `n / 10^k` of two exact doubles is the correctly rounded
 * quotient, the same double the decimal string parses to. Values that are not
 * float32, zero, or outside 1e-6 .. 1e7 keep the string path.
 */
export function fromFloat32(v: number): number {
  const a = v < 0 ? -v : v;
  if (a >= 1e-6 && a < 1e7 && Math.fround(v) === v) {
    // k = 6 - floor(log10(a)) so that 10^6 <= a * 10^k < 10^7; log10 may be off by one at powers of ten.
    let k = 6 - Math.floor(Math.log10(a));
    if (k > 12) k = 12;
    else if (k < 0) k = 0;
    if (a * (POW10[k] as number) < 1e6 && k < 12) k++;
    const scale = POW10[k] as number;
    const scaled = a * scale;
    if (scaled >= 1e6 && scaled < 1e7) {
      const n = Math.round(scaled) / scale;
      return v < 0 ? -n : n;
    }
  }
  return Number(v.toPrecision(7));
}

function mapFlat(data: Obj, rec: GeoRecord): void {
  const code = str(data['country_code']);
  if (code) {
    rec.countryCode = code;
    put(rec, 'countryName', countryNameOf(code));
  }
  put(rec, 'state', str(data['state1']));
  put(rec, 'city', str(data['city']));
  put(rec, 'postalCode', str(data['postcode']));
  const lat = num(data['latitude']);
  const lon = num(data['longitude']);
  if (lat !== undefined && lon !== undefined) {
    rec.latitude = fromFloat32(lat);
    rec.longitude = fromFloat32(lon);
  }
  put(rec, 'timeZone', str(data['timezone']));
  put(rec, 'asn', num(data['autonomous_system_number']));
  put(rec, 'asOrganization', str(data['autonomous_system_organization']));
}

/** Maps one raw record; `network` is the matched CIDR. */
export function mapRecord(data: unknown, schema: MmdbSchema, network: string): GeoRecord {
  const rec: GeoRecord = {};
  const o = obj(data);
  if (o) {
    const use = schema === 'auto' ? (typeof o['country_code'] === 'string' ? 'flat' : 'geoip2') : schema;
    if (use === 'flat') mapFlat(o, rec);
    else mapGeoip2(o, rec);
  }
  rec.network = network;
  return rec;
}
