import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { EditList } from '../../src/internal/offset-map.js';
import { applyEditsAscii, codeBytes, foldEdits, loadAscii, terminated } from '../../src/internal/unicode.js';

describe('codeBytes', () => {
  it('copies ASCII code units and ends with a 0', () => {
    // "a.b" is 0x61 0x2e 0x62
    expect(Array.from(codeBytes('a.b'))).toEqual([0x61, 0x2e, 0x62, 0]);
  });

  it('writes 0x80 for each non-ASCII unit and still ends with a 0', () => {
    // "É" (U+00C9) is one unit, "😀" two (a surrogate pair)
    expect(Array.from(codeBytes('xÉy😀'))).toEqual([0x78, 0x80, 0x79, 0x80, 0x80, 0]);
  });
});

describe('loadAscii / applyEditsAscii', () => {
  it('refuses non-ASCII text', () => {
    expect(loadAscii('café')).toBeNull();
  });

  it('builds the edited text and its bytes', () => {
    const src = 'evil[.]com hxxp://x';
    const buf = loadAscii(src);
    if (buf === null) throw new Error('ASCII text refused');
    const edits = new EditList();
    // [4, 7) "[.]" -> "." and [11, 15) "hxxp" -> "http"
    edits.push(4, 7, '.');
    edits.push(11, 15, 'http');
    const out = applyEditsAscii(buf, src.length, edits);
    expect(out.text).toBe('evil.com http://x');
    expect(Array.from(out.bytes)).toEqual([...Array.from('evil.com http://x', (c) => c.charCodeAt(0)), 0]);
  });

  it('gives the bytes of an unedited text with a 0 after them, over what the buffer held there', () => {
    // a longer text first leaves "9" where the 0 must go
    loadAscii('1.2.3.4999');
    const buf = loadAscii('1.2.3.4');
    if (buf === null) throw new Error('ASCII text refused');
    const bytes = terminated(buf, 7);
    // "1.2.3.4" is 0x31 0x2e 0x32 0x2e 0x33 0x2e 0x34
    expect(Array.from(bytes)).toEqual([0x31, 0x2e, 0x32, 0x2e, 0x33, 0x2e, 0x34, 0]);
  });

  it('takes a text longer than the shared buffer, and replacements longer than what they replace', () => {
    // 300 000 units (past the 256 Ki shared buffer), "hxxp__" (6) -> "http://" (7) at its start
    const src = `hxxp__${'a'.repeat(299_994)}`;
    const buf = loadAscii(src);
    if (buf === null) throw new Error('ASCII text refused');
    const edits = new EditList();
    edits.push(0, 6, 'http://');
    const out = applyEditsAscii(buf, src.length, edits);
    expect(out.text.length).toBe(300_001);
    expect(out.text.startsWith('http://aaa')).toBe(true);
    expect(out.bytes[300_001]).toBe(0);
  });
});

/** `text` with foldEdits applied, checking that the edits are sorted, disjoint and inside the text. */
function fold(text: string): string {
  const edits = foldEdits(text);
  let out = '';
  let pos = 0;
  for (let i = 0; i < edits.length; i++) {
    expect(edits.start(i)).toBeGreaterThanOrEqual(pos);
    expect(edits.end(i)).toBeGreaterThan(edits.start(i));
    out += text.slice(pos, edits.start(i)) + edits.text(i);
    pos = edits.end(i);
  }
  expect(pos).toBeLessThanOrEqual(text.length);
  return out + text.slice(pos);
}

const ZERO_WIDTH = /[\u200B-\u200D\u2060\uFEFF\u00AD]/g;
/** What folding must give for stream-safe text: NFKC without the zero-width characters. */
const nfkc = (text: string): string => text.normalize('NFKC').replace(ZERO_WIDTH, '');
const NON_STARTER = /^[\p{M}\uFF9E\uFF9F]$/u;
/** Longest run of consecutive non-starters (\p{M} and U+FF9E/U+FF9F), in code points. */
function longestNonStarterRun(text: string): number {
  let run = 0;
  let longest = 0;
  for (const ch of text) {
    run = NON_STARTER.test(ch) ? run + 1 : 0;
    longest = Math.max(longest, run);
  }
  return longest;
}
/** UAX #15's Stream-Safe Text Process: a CGJ (U+034F) after each 30 consecutive non-starters. */
function streamSafe(text: string): string {
  let out = '';
  let run = 0;
  for (const ch of text) {
    if (!NON_STARTER.test(ch)) run = 0;
    else if (run === 30) {
      out += '\u034F';
      run = 1;
    } else run++;
    out += ch;
  }
  return out;
}

// marks of several combining classes (acute 230, grave below 220, cedilla 202,
// ypogegrammeni 240, Hebrew points 10/11, Tibetan 129/130 and U+0F73 which
// decomposes to both, nukta 7, a spacing mark of class 0, kana sound marks 8,
// their halfwidth forms, an astral musical stem 216)
const mark = fc.constantFrom(
  '\u0301',
  '\u0300',
  '\u0316',
  '\u0323',
  '\u0327',
  '\u0345',
  '\u05B0',
  '\u05B1',
  '\u0F71',
  '\u0F72',
  '\u0F73',
  '\u093C',
  '\u093E',
  '\u3099',
  '\u309A',
  '\uFF9E',
  '\uFF9F',
  '\u{1D165}',
);
// ASCII, Latin, Hangul jamo (leading, vowel, trailing, compatibility and
// halfwidth), kana, compatibility forms, zero-width characters, astral letters
const base = fc.constantFrom(
  'a',
  'e',
  'o',
  'A',
  '.',
  ' ',
  '1',
  '\u00E9',
  '\u00C5',
  '\u0131',
  '\u1100',
  '\u1112',
  '\u1161',
  '\u1175',
  '\u11A8',
  '\u11C2',
  '\uAC00',
  '\u3131',
  '\u314F',
  '\u3133',
  '\uFFA1',
  '\uFFC2',
  '\u304B',
  '\u30CF',
  '\uFF76',
  '\uFF8A',
  '\uFB01',
  '\uFF45',
  '\uFF0E',
  '\u2026',
  '\u210C',
  '\u2460',
  '\u338F',
  '\u1E9B',
  '\u01C4',
  '\u200B',
  '\u200C',
  '\u200D',
  '\u2060',
  '\uFEFF',
  '\u00AD',
  '\u{1D400}',
  '\u{20000}',
  '\u{10400}',
  '\u{1F600}',
  '\u0416',
  '\u4E2D',
);
/** A base character with up to `maxMarks` marks after it. */
const cluster = (maxMarks: number) =>
  fc.tuple(base, fc.array(mark, { maxLength: maxMarks })).map(([b, ms]) => b + ms.join(''));

describe('foldEdits', () => {
  it('makes no edits to ASCII or to text NFKC leaves alone', () => {
    expect(foldEdits('evil[.]com 1.2.3.4').length).toBe(0);
    expect(foldEdits('Вредонос 中文 caf\u00E9').length).toBe(0);
  });

  it('folds compatibility forms and drops zero-width characters in place', () => {
    // "ﬁ" (U+FB01) at 0 -> "fi"; ZWSP at 3 -> ""; fullwidth "．" (U+FF0E) at 5 -> "."
    const edits = foldEdits('\uFB01x\u0020\u200Bb\uFF0Ec');
    expect([...Array(edits.length).keys()].map((i) => [edits.start(i), edits.end(i), edits.text(i)])).toEqual(
      [
        [0, 1, 'fi'],
        [3, 4, ''],
        [5, 6, '.'],
      ],
    );
  });

  it('composes what NFKC composes across clusters: Hangul jamo, compatibility jamo, halfwidth kana', () => {
    // U+1100 U+1161 U+11A8 -> U+AC01 (각); U+1100 + compatibility U+314F (ㅏ = U+1161) -> U+AC00 (가);
    // halfwidth U+FF76 U+FF9E (ｶﾞ) -> U+30AC (ガ); "e" + U+0301 -> U+00E9
    expect(fold('\u1100\u1161\u11A8')).toBe('\uAC01');
    expect(fold('x \u1100\u314F.')).toBe('x \uAC00.');
    expect(fold('\uFF76\uFF9E')).toBe('\u30AC');
    expect(fold('caf' + 'e\u0301')).toBe('caf\u00E9');
  });

  it('folds stream-safe text exactly as NFKC without zero-width characters', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(cluster(30), cluster(3)), { maxLength: 12 }), (parts) => {
        const text = parts.join('');
        // each part starts with a starter, so no run is longer than its 30 marks
        expect(longestNonStarterRun(text)).toBeLessThanOrEqual(30);
        expect(fold(text)).toBe(nfkc(text));
      }),
      { numRuns: 500 },
    );
  });

  it('reorders and composes a long run of marks only within each 30 (UAX #15 stream-safe process)', () => {
    // "a" + (U+0301 acute 230, U+0316 grave below 220) x 20: the first 30 marks go with "a",
    // canonically ordered (220 before 230) and "a" + the first acute composed to U+00E1;
    // the last 10 are ordered on their own
    const text = `a${'\u0301\u0316'.repeat(20)}`;
    const expected = `\u00E1${'\u0316'.repeat(15)}${'\u0301'.repeat(14)}${'\u0316'.repeat(5)}${'\u0301'.repeat(5)}`;
    expect(fold(text)).toBe(expected);
    // U+0F73 is U+0F71 (129) U+0F72 (130): 40 of them order as 30 and 10
    const tib = `x ${'\u0F73'.repeat(40)}`;
    expect(fold(tib)).toBe(
      `x ${'\u0F71'.repeat(30)}${'\u0F72'.repeat(30)}${'\u0F71'.repeat(10)}${'\u0F72'.repeat(10)}`,
    );
  });

  it('folds any text as NFKC of its stream-safe form, the inserted joiners removed', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.oneof(
            cluster(100),
            fc.array(mark, { maxLength: 70 }).map((m) => m.join('')),
          ),
          { maxLength: 6 },
        ),
        (parts) => {
          const text = parts.join('');
          expect(fold(text)).toBe(nfkc(streamSafe(text)).replaceAll('\u034F', ''));
        },
      ),
      { numRuns: 300 },
    );
  });

  it('keeps with the cluster before it every character outside \\p{M} that normalisation joins to it', () => {
    // derived from the runtime's own normalisation: the last code point of each
    // primary composite's canonical decomposition, and what it composes after
    const after = new Map<number, string>();
    const cccNonZero = (ch: string) =>
      `${ch}\u0334`.normalize('NFD') !== `${ch}\u0334` || `\u0301${ch}`.normalize('NFD') !== `\u0301${ch}`;
    for (let cp = 0x80; cp <= 0x10ffff; cp++) {
      if (cp >= 0xd800 && cp <= 0xdfff) continue;
      const ch = String.fromCodePoint(cp);
      const d = ch.normalize('NFD');
      if (d === ch || d.normalize('NFC') !== ch) continue;
      const cps = [...d];
      const last = cps.pop() as string;
      after.set(last.codePointAt(0) as number, cps.join('').normalize('NFC'));
    }
    let checked = 0;
    for (let cp = 0x80; cp <= 0x10ffff; cp++) {
      if (cp >= 0xd800 && cp <= 0xdfff) continue;
      const ch = String.fromCodePoint(cp);
      if (/\p{M}/u.test(ch)) continue;
      const first = [...ch.normalize('NFKD')][0] as string;
      const prev = after.get(first.codePointAt(0) as number);
      if (prev === undefined && !cccNonZero(first)) continue;
      // a non-starter with nothing to compose with still reorders with marks before it
      const text = prev === undefined ? `a\u0301${ch}` : prev + ch;
      expect(fold(text), cp.toString(16)).toBe(nfkc(text));
      checked++;
    }
    // 112 in Unicode 17: 48 conjoining Hangul jamo, 60 compatibility and halfwidth
    // jamo, U+FF9E, U+FF9F, Kirat Rai U+16D67 and U+16D68
    expect(checked).toBeGreaterThanOrEqual(112);
  });
});
