import type { IocMatch } from '../types.js';
import { detach } from './detach.js';
import { IntSet } from './int-set.js';
import { isSpecialIPv4, isSpecialIPv6, parseIPv4, parseIPv6 } from './ip.js';
import { applyEdits, EditList, OffsetMap } from './offset-map.js';
import { Positions } from './positions.js';
import { refangEdits } from './refang.js';
import { findEncoded, type RawMatch, type ScanConfig, type ScanTarget, scan } from './scan.js';
import { keepShape } from './shapes.js';
import { applyEditsAscii, flatAscii, foldEdits, loadAscii, terminated } from './unicode.js';
import { ValueSet } from './value-set.js';

/** Resolved options of one extraction run. */
export interface EngineConfig extends ScanConfig {
  readonly excludePrivate: boolean;
  readonly decode: boolean;
  /** Type order for sorting ties and grouping keys. */
  readonly order: ReadonlyMap<string, number>;
}

/**
 * Fold and refang `text`: the refanged text `r`, its code units as bytes (see
 * {@link AsciiText.bytes}; null when not pure ASCII), the two edit lists, and
 * the positions of every `:` in `r`.
 */
function stage(
  text: string,
  cfg: EngineConfig,
): { r: string; bytes: Uint8Array | null; fold: EditList; ref: EditList; colons: Positions } {
  const colons = new Positions();
  const buf = loadAscii(text);
  if (buf !== null) {
    // ASCII needs no folding; the refanged text is built from its bytes, and
    // text with nothing to refang is scanned as it is (a decoded copy scanned
    // no faster, and was 3.6 of the 25.7 MB of garbage per 10 MB of the bench corpus)
    const ref = refangEdits(text, { ignoreTlds: cfg.ignoreTlds }, colons);
    const out =
      ref.length > 0 ? applyEditsAscii(buf, text.length, ref) : { text, bytes: terminated(buf, text.length) };
    return { r: out.text, bytes: out.bytes, fold: new EditList(1), ref, colons: colons.through(ref, 58) };
  }
  const fold = foldEdits(text);
  const w = applyEdits(text, fold);
  const ref = refangEdits(w, { ignoreTlds: cfg.ignoreTlds }, colons);
  // edits build a string of their own; untouched ASCII text gets a flat copy
  const r = ref.length > 0 ? applyEdits(w, ref) : w === text ? (flatAscii(text) ?? text) : w;
  return { r, bytes: null, fold, ref, colons: colons.through(ref, 58) };
}

/** Collects a scan's matches as {@link RawMatch} objects. */
class MatchList implements ScanTarget {
  readonly out: RawMatch[] = [];

  /** @param map - the refang edits of the scanned text, to answer {@link defanged}. */
  constructor(private readonly map: OffsetMap) {}

  found(type: string, value: string, start: number, end: number): void {
    this.out.push({ type, value, start, end });
  }

  defanged(start: number, end: number): boolean {
    return this.map.size > 0 && this.map.touches(start, end);
  }
}

keepShape(new MatchList(new OffsetMap(new EditList(1))));

function prepare(
  text: string,
  cfg: EngineConfig,
): { r: string; m1: OffsetMap; m2: OffsetMap; raw: RawMatch[] } {
  const { r, bytes, fold, ref, colons } = stage(text, cfg);
  const m2 = new OffsetMap(ref);
  const list = new MatchList(m2);
  scan(r, cfg, list, null, colons, bytes);
  let raw = list.out;
  if (cfg.decode) raw.push(...decodePass(r, cfg));
  if (cfg.excludePrivate) raw = raw.filter((m) => !isSpecial(m.type, m.value));
  return { r, m1: new OffsetMap(fold), m2, raw };
}

/**
 * Unique values per type, each with the first offset it was seen at, from
 * the segments of one text scanned in turn (see {@link runValues}).
 */
class ValueCollector implements ScanTarget {
  private readonly byType = new Map<string, ValueSet>();
  private lastType = '';
  private lastGroup: ValueSet | undefined = undefined;
  /** Offset of the segment being scanned in the text. */
  private from = 0;
  /** The bytes of the segment being scanned, when pure ASCII: an exact value is hashed and kept from them. */
  private units: Uint8Array | null = null;
  /** The segment's refang edits, and their offset map once a rule asked (rare). */
  private ref: EditList = new EditList(1);
  private map: OffsetMap | null = null;

  /** @param room - about how many distinct values of one type to make room for at once. */
  constructor(
    private readonly cfg: EngineConfig,
    private readonly room: number,
  ) {}

  /** The next segment: at `from` in the text, its bytes (or null) and refang edits. */
  segment(from: number, units: Uint8Array | null, ref: EditList): void {
    this.from = from;
    this.units = units;
    this.ref = ref;
    this.map = null;
  }

  found(type: string, value: string, start: number, _end: number, exact: boolean): void {
    this.record(type, value, start, exact);
  }

  defanged(start: number, end: number): boolean {
    if (this.ref.length === 0) return false;
    this.map ??= new OffsetMap(this.ref);
    return this.map.touches(start, end);
  }

  /** Record `value` found at `local` in the segment. */
  record(type: string, value: string, local: number, exact: boolean): void {
    if (this.cfg.excludePrivate && isSpecial(type, value)) return;
    let g = type === this.lastType ? this.lastGroup : this.byType.get(type);
    if (g === undefined) {
      g = new ValueSet(this.room);
      this.byType.set(type, g);
    }
    this.lastType = type;
    this.lastGroup = g;
    const units = this.units;
    if (exact && units !== null) g.addUnits(units, local, value.length, local + this.from);
    else g.add(value, local + this.from);
  }

  /** Each type's values in order of first offset, types in the configured order. */
  values(): Record<string, string[]> {
    const out: Record<string, string[]> = {};
    const order = this.cfg.order;
    const types = [...this.byType.keys()].sort((a, b) => (order.get(a) ?? 99) - (order.get(b) ?? 99));
    for (const t of types) out[t] = (this.byType.get(t) as ValueSet).orderedValues();
    return out;
  }
}

keepShape(
  new ValueCollector(
    {
      want: new Set(),
      ignoreTlds: false,
      punycode: false,
      custom: [],
      excludePrivate: false,
      decode: false,
      order: new Map(),
    },
    0,
  ),
);

/**
 * Unique values per type in first-seen order, without building match objects
 * or mapping offsets: the fast path behind `extract()`.
 */
export function runValues(text: string, cfg: EngineConfig): Record<string, string[]> {
  // room for about one distinct value per KB of text: a large text's table grows less often
  const values = new ValueCollector(cfg, text.length >> 10);
  // the token pass delivers addresses in order, so a repeat can be dropped before its string is made
  const ipv4Seen = new IntSet();
  for (const [from, to] of segments(text, cfg)) {
    const { r, bytes, ref, colons } = stage(
      from === 0 && to === text.length ? text : text.slice(from, to),
      cfg,
    );
    values.segment(from, bytes, ref);
    scan(r, cfg, values, ipv4Seen, colons, bytes);
    if (cfg.decode) for (const m of decodePass(r, cfg)) values.record(m.type, m.value, m.start, false);
  }
  return values.values();
}

/** Fold, refang and scan `text`; matches carry offsets into `text` plus `base`. */
export function runEngine(text: string, cfg: EngineConfig, base = 0): IocMatch<string>[] {
  const bounds = segments(text, cfg);
  if (bounds.length === 1) return runSegment(text, cfg, base);
  const out: IocMatch<string>[] = [];
  for (const [from, to] of bounds)
    for (const m of runSegment(text.slice(from, to), cfg, base + from)) out.push(m);
  return out;
}

// Long texts are processed in line-aligned segments of about this many code
// units: no indicator, defang marker or word form spans a line end, so the
// result is the same, and the working set stays small (measured ~1.5x faster
// on a 10 MB corpus than one pass over the whole text).
const SEGMENT = 1 << 16;

/** Line-aligned [from, to) segments of `text`; one segment when custom patterns might span lines. */
function segments(text: string, cfg: EngineConfig): [number, number][] {
  const n = text.length;
  if (n <= SEGMENT * 2 || cfg.custom.length > 0) return [[0, n]];
  const out: [number, number][] = [];
  let pos = 0;
  while (n - pos > SEGMENT * 2) {
    let cut = text.lastIndexOf('\n', pos + SEGMENT);
    if (cut < pos) cut = text.indexOf('\n', pos + SEGMENT);
    if (cut < 0) break;
    out.push([pos, cut + 1]);
    pos = cut + 1;
  }
  out.push([pos, n]);
  return out;
}

function runSegment(text: string, cfg: EngineConfig, base: number): IocMatch<string>[] {
  const { m1, m2, raw } = prepare(text, cfg);
  const out: IocMatch<string>[] = [];
  for (const m of raw) {
    const ws = m2.toSourceStart(m.start);
    const we = m2.toSourceEnd(m.end);
    const start = m1.size === 0 ? ws : m1.toSourceStart(ws);
    const end = m1.size === 0 ? we : m1.toSourceEnd(we);
    const match: IocMatch<string> = {
      type: m.type,
      value: detach(m.value),
      raw: text.slice(start, end),
      start: start + base,
      end: end + base,
      defanged: m2.size > 0 && m2.touches(m.start, m.end),
    };
    out.push(m.encoding === undefined ? match : { ...match, encoding: m.encoding });
  }
  const order = cfg.order;
  out.sort(
    (x, y) => x.start - y.start || (order.get(x.type) ?? 99) - (order.get(y.type) ?? 99) || x.end - y.end,
  );
  return out;
}

function decodePass(r: string, cfg: EngineConfig): RawMatch[] {
  const out: RawMatch[] = [];
  const inner: ScanConfig = { ...cfg, custom: [] };
  for (const enc of findEncoded(r)) {
    const { r: d, bytes, ref, colons } = stage(enc.text, cfg);
    const list = new MatchList(new OffsetMap(ref));
    scan(d, inner, list, null, colons, bytes);
    for (const m of list.out) {
      if (
        m.type === 'url' ||
        m.type === 'dns' ||
        m.type === 'ipv4' ||
        m.type === 'ipv6' ||
        m.type === 'email'
      ) {
        out.push({ type: m.type, value: m.value, start: enc.start, end: enc.end, encoding: enc.encoding });
      }
    }
  }
  return out;
}

function isSpecial(type: string, value: string): boolean {
  if (type === 'ipv4') {
    const o = parseIPv4(value);
    return o !== null && isSpecialIPv4(o);
  }
  if (type === 'ipv6') {
    const g = parseIPv6(value);
    return g !== null && isSpecialIPv6(g);
  }
  if (type === 'cidr') {
    const addr = value.slice(0, value.lastIndexOf('/'));
    const o = parseIPv4(addr);
    if (o !== null) return isSpecialIPv4(o);
    const g = parseIPv6(addr);
    return g !== null && isSpecialIPv6(g);
  }
  return false;
}
