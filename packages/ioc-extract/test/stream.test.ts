import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  defang,
  type ExtractOptions,
  extractMatches,
  extractStream,
  IOC_TYPES,
  type IocMatch,
  STREAM_CARRY_LIMIT,
} from '../src/index.js';
import { STREAM_LINE_LIMIT, streamMatches } from '../src/stream.js';

const TEXT = [
  'C2 hxxp://evil[.]com/a.php and 1.1.1[.]1,',
  'mail alice {@} evil DOT com; ip6 [2001:db8::1%25eth0]:21',
  'hash 68b329da9893e34099c7d8ad5cb9c940 cve-2021-44228 bücher.de',
  'veriﬁed(dot)evil.com exa\u200Bmple[.]com 😀 10.1.1.117.4222',
].join('\n');

/** One expected match; offsets come from where `raw` is first written in TEXT. */
function hand(type: IocMatch['type'], value: string, raw: string, defanged: boolean): IocMatch {
  const start = TEXT.indexOf(raw);
  return { type, value, raw, start, end: start + raw.length, defanged };
}

/** The indicators in TEXT, in order of start offset, worked out by hand. */
const EXPECTED: IocMatch[] = [
  hand('url', 'http://evil.com/a.php', 'hxxp://evil[.]com/a.php', true),
  hand('dns', 'evil.com', 'evil[.]com', true),
  hand('ipv4', '1.1.1.1', '1.1.1[.]1', true),
  hand('email', 'alice@evil.com', 'alice {@} evil DOT com', true),
  hand('dns', 'evil.com', 'evil DOT com', true),
  // The zone id (%25eth0) and the brackets are not part of the address.
  hand('ipv6', '2001:db8::1', '2001:db8::1', false),
  hand('md5_hash', '68b329da9893e34099c7d8ad5cb9c940', '68b329da9893e34099c7d8ad5cb9c940', false),
  hand('cve', 'CVE-2021-44228', 'cve-2021-44228', false),
  hand('dns', 'bücher.de', 'bücher.de', false),
  // U+FB01 (the fi ligature) folds to "fi" under NFKC.
  hand('dns', 'verified.evil.com', 'veriﬁed(dot)evil.com', true),
  // The zero-width space inside the name is dropped.
  hand('dns', 'example.com', 'exa\u200Bmple[.]com', true),
  hand('ipv4', '10.1.1.117', '10.1.1.117', false),
];

async function collect(it: AsyncIterable<IocMatch>): Promise<IocMatch[]> {
  const out: IocMatch[] = [];
  for await (const m of it) out.push(m);
  return out;
}

async function* pieces<T>(...parts: T[]): AsyncGenerator<T> {
  yield* parts;
}

async function* each<T>(parts: readonly T[]): AsyncGenerator<T> {
  yield* parts;
}

describe('extractStream', () => {
  it('gives the single-shot result for every split position', async () => {
    expect(EXPECTED.every((m) => m.start >= 0)).toBe(true);
    for (let i = 0; i <= TEXT.length; i++) {
      const got = await collect(extractStream(pieces(TEXT.slice(0, i), TEXT.slice(i))));
      expect(got, `split at ${i}`).toEqual(EXPECTED);
    }
  });

  it('decodes UTF-8 split inside multi-byte characters', async () => {
    const bytes = new TextEncoder().encode(TEXT);
    for (let i = 0; i <= bytes.length; i += 7) {
      const got = await collect(extractStream(pieces(bytes.slice(0, i), bytes.slice(i))));
      expect(got, `byte split at ${i}`).toEqual(EXPECTED);
    }
  });

  it('reads a ReadableStream of byte chunks', async () => {
    const bytes = new TextEncoder().encode(TEXT);
    const stream = new ReadableStream<Uint8Array>({
      start(c) {
        for (let i = 0; i < bytes.length; i += 5) c.enqueue(bytes.slice(i, i + 5));
        c.close();
      },
    });
    expect(await collect(extractStream(stream))).toEqual(EXPECTED);
  });

  it('keeps offsets into the whole stream and bounded carry on a line with no line end', async () => {
    const filler = 'a'.repeat(STREAM_CARRY_LIMIT * 2);
    const chunks = [`${filler} evil[.]com `, filler, ' 8.8.8.8'];
    const text = chunks.join('');
    const got = await collect(extractStream(pieces(...chunks)));
    expect(got.map((m) => [m.value, m.start, m.end])).toEqual([
      ['evil.com', filler.length + 1, filler.length + 11],
      ['8.8.8.8', text.length - 7, text.length],
    ]);
  });

  it('rejects chunks that are neither strings nor bytes', async () => {
    await expect(collect(extractStream(pieces(42 as never)))).rejects.toMatchObject({
      code: 'INVALID_INPUT',
    });
  });
});

/** `text` cut into chunks of the given sizes, used in turn. */
function chop(text: string, sizes: readonly number[]): string[] {
  const out: string[] = [];
  for (let i = 0, k = 0; i < text.length; k++) {
    const n = sizes[k % sizes.length] as number;
    out.push(text.slice(i, i + n));
    i += n;
  }
  return out;
}

/** Stream `chunks` and compare with extractMatches over the joined text, the contract of extractStream. */
async function expectSameAsWhole(chunks: string[], options?: ExtractOptions): Promise<void> {
  const whole = extractMatches(chunks.join(''), options);
  const got = await collect(extractStream(pieces(...chunks), options));
  expect(got.length).toBe(whole.length);
  expect(got).toEqual(whole);
}

const n = (count: number, f: (i: number) => string): string[] =>
  Array.from({ length: count }, (_, i) => f(i));

describe('extractStream on lines longer than STREAM_CARRY_LIMIT', () => {
  it('finds every domain of a 73 KB line of ;-joined domains sent whole', async () => {
    const t = n(5000, (i) => `x${i}.evil.com`).join(';');
    const got = await collect(extractStream(pieces(t)));
    // one dns match per domain, each at its own place in the line
    expect(got.length).toBe(5000);
    const last = got[4999] as IocMatch;
    expect([last.value, last.start]).toEqual(['x4999.evil.com', t.lastIndexOf('x4999')]);
    expect(got.every((m, i) => m.value === `x${i}.evil.com` && m.raw === m.value)).toBe(true);
  });

  it.each([
    ['20 000 ;-joined domains in 100 000-unit chunks', n(20000, (i) => `x${i}.evil.com`).join(';'), [100000]],
    ['8 000 ,-joined IPs cut at 70 000', n(8000, (i) => `10.${i >> 8}.${i & 255}.1`).join(','), [70000, 1e9]],
    [
      '5 000 space-joined URLs in 1000-unit chunks',
      n(5000, (i) => `http://e${i}.com/a/b/c/d.php?x=${i}`).join(' '),
      [1000],
    ],
    [
      'defanged domains, "; "-joined, in 4099-unit chunks',
      n(9000, (i) => defang(`h${i}.bad.net`)).join('; '),
      [4099],
    ],
    [
      'defanged URLs, space-joined, in 65 537-unit chunks',
      n(4000, (i) => defang(`https://u${i}.org/p?q=${i}`)).join(' '),
      [65537],
    ],
    ['word-form domains in 3-unit chunks', n(9000, (i) => `w${i} dot example dot com`).join(', '), [3]],
    [
      // a 243-character name spelled with 121 dot words (~730 units) across the carry limit
      'a long dot-word name across the carry limit, in 1000-unit chunks',
      `${'word '.repeat(13_000)}${'b dot '.repeat(120)}com and ${'word '.repeat(2000)}`,
      [1000],
    ],
  ])('matches extractMatches: %s', async (_, text, sizes) => {
    expect(text.length).toBeGreaterThan(STREAM_CARRY_LIMIT);
    await expectSameAsWhole(chop(text, sizes));
  });

  it('matches extractMatches on random long lines and random chunkings', async () => {
    const label = fc.stringMatching(/^[a-z0-9]{1,8}$/);
    const domain = fc.tuple(label, fc.constantFrom('com', 'org', 'co.uk', 'ru')).map(([l, t]) => `${l}.${t}`);
    const ip = fc.tuple(fc.nat(255), fc.nat(255), fc.nat(255), fc.nat(255)).map((o) => o.join('.'));
    const url = fc
      .tuple(
        fc.constantFrom('http', 'https', 'hxxp'),
        fc.oneof(domain, ip),
        fc.stringMatching(/^[a-z0-9/;,=?&.]{0,12}$/),
      )
      .map(([s, h, p]) => `${s}://${h}/${p}`);
    // fullwidth, small-form and one-dot-leader dots, and zero-width characters, as folding reads them
    const folded = fc
      .tuple(
        domain,
        fc.constantFrom('．', ' ． ', '［．］', '﹒', '․', '\u200B.', '.\u200B', ' ＠ ', '\u3000.\u3000'),
      )
      .map(([d, m]) => d.replace('.', m));
    const indicator = fc.oneof(domain, ip, url, domain.map(defang), ip.map(defang), url.map(defang), folded);
    const word = fc.constantFrom(
      'seen',
      'AS',
      'version',
      'dot',
      'at',
      '"',
      '[',
      '(x)',
      'W64/',
      'C:\\x',
      'é',
      '日本',
      '私は',
      'Привет',
      'мир',
      'café',
      'e\u0301',
      '．',
      '＠',
      '：',
      '（',
      '…',
      'ｄｏｔ',
      'ａｔ',
      '１２',
      '\u200B',
      '\uFEFF',
      '\u00AD',
      '\u3000',
      '😀',
      '𝐝𝐨𝐭',
      '<\u0338',
      'bücher.de',
      'пример.рф',
    );
    const item = fc.oneof({ weight: 4, arbitrary: indicator }, { weight: 1, arbitrary: word });
    const sep = fc.constantFrom(';', ',', ' ', ', ', '; ', ' | ', '  ', '"', ' \u200B', '\u200B ', '\u3000');
    const line = fc.tuple(fc.array(fc.tuple(item, sep), { minLength: 1, maxLength: 40 }), fc.nat(1000));
    const sizes = fc.array(fc.oneof(fc.integer({ min: 1, max: 50 }), fc.integer({ min: 1, max: 90000 })), {
      minLength: 1,
      maxLength: 6,
    });
    await fc.assert(
      fc.asyncProperty(line, sizes, fc.boolean(), async ([items, salt], cuts, all) => {
        // repeat the items, numbered so values differ, until the line passes the carry limit
        const parts: string[] = [];
        let len = 0;
        for (let r = 0; len <= STREAM_CARRY_LIMIT + 5000; r++)
          for (const [it, s] of items) {
            const p = `${it.replace(/^([a-z]+)/, `$1${(r + salt) % 97}`)}${s}`;
            parts.push(p);
            len += p.length;
          }
        const text = parts.join('');
        await expectSameAsWhole(chop(text, cuts), all ? { types: [...IOC_TYPES], decode: true } : undefined);
      }),
      { numRuns: 25 },
    );
  });

  it('carries a line with no safe cut point past the carry limit and still finds everything', async () => {
    // a URL whose query runs 150 000 units: every ";" is inside it
    const text = `see http://evil.com/q?${'k=v;'.repeat(37500)} and 1.2.3.4`;
    await expectSameAsWhole(chop(text, [777]));
    const got = await collect(extractStream(pieces(...chop(text, [777]))));
    expect(got.map((m) => [m.type, m.start])).toEqual([
      ['url', 4],
      ['dns', 11],
      ['ipv4', text.length - 7],
    ]);
  });

  it('fails with INVALID_INPUT once a line holds no safe cut point in STREAM_LINE_LIMIT units', async () => {
    const chunk = 'ab.'.repeat(10000);
    const count = Math.ceil(STREAM_LINE_LIMIT / chunk.length) + 1;
    await expect(collect(extractStream(pieces(...n(count, () => chunk))))).rejects.toMatchObject({
      name: 'IocExtractError',
      code: 'INVALID_INPUT',
      option: 'source',
    });
  });

  it('cuts a 2 MB line of CJK words at its blanks and finds every address', async () => {
    // 私は 日本 1.1.1[.]1 : 16 code units, one defanged address each
    const unit = '私は 日本 1.1.1[.]1 ';
    const count = Math.ceil((STREAM_LINE_LIMIT * 2) / unit.length);
    const got = await collect(extractStream(pieces(...chop(unit.repeat(count), [65536]))));
    expect(got.length).toBe(count);
    expect(got[count - 1]).toMatchObject({ value: '1.1.1.1', start: (count - 1) * unit.length + 6 });
  });

  it.each([
    ['fullwidth brackets', '［.］'],
    ['a zero-width space before the marker', '\u200B[.]'],
    ['a zero-width space after the marker', '[.]\u200B'],
    ['an ideographic space', '\u3000[.]'],
  ])(
    'does not cut beside a non-ASCII marker part (%s) when the name runs past the context',
    async (_name, marker) => {
      // The name's last label is stuffed with more zero-width spaces than STREAM_CUT_CONTEXT, and
      // nothing after the marker is a safe point (";" follows non-ASCII text), so a cut at a blank
      // beside the marker would leave "om" out of both windows. The only safe cuts are the filler's.
      const filler = 'x '.repeat(50_000);
      const text = `${filler}mail example ${marker} c${'\u200B'.repeat(3000)}om;${'y'.repeat(200_000)}\n`;
      const got = await collect(extractStream(pieces(...chop(text, [65536]))));
      expect(got.map((m) => [m.type, m.value, m.start])).toEqual([
        ['dns', 'example.com', filler.length + 'mail '.length],
      ]);
    },
  );
  it('names the same offset for any chunking and yields the matches before it', async () => {
    const text = `1.2.3.4 ${'x'.repeat(STREAM_LINE_LIMIT * 2)}\n5.6.7.8`;
    for (const size of [1000, 65536, 300_000]) {
      const got: IocMatch[] = [];
      const run = async () => {
        for await (const m of extractStream(pieces(...chop(text, [size])))) got.push(m);
      };
      // the x run starts at 8, after the blank that is the last safe point
      await expect(run(), `chunks of ${size}`).rejects.toThrow(
        `${STREAM_LINE_LIMIT} code units (STREAM_LINE_LIMIT) of one line from offset 8 `,
      );
      expect(got.map((m) => m.value)).toEqual(['1.2.3.4']);
    }
  });

  it('reads each code unit a bounded number of times when chunks are tiny', async () => {
    const run = (text: string, base: number) =>
      extractMatches(text).map((m) => ({ ...m, start: m.start + base, end: m.end + base }));
    for (const [label, text] of [
      ['lines of 64 000', `${'a'.repeat(63999)}\n`.repeat(4)],
      ['one 300 000-unit line', n(30000, (i) => `a${i % 10}b c`).join(' ')],
    ] as const) {
      const probe = { inspected: 0 };
      let count = 0;
      for await (const _ of streamMatches(each(chop(text, [2])), run, probe)) count++;
      expect(count, label).toBe(0);
      // once for the line-end search, at most a few more for the cut search; the
      // quadratic search read the carried line again on every chunk (> 1000x)
      expect(probe.inspected, label).toBeLessThanOrEqual(text.length * 6);
      expect(probe.inspected, label).toBeGreaterThanOrEqual(text.length);
    }
  });
});
