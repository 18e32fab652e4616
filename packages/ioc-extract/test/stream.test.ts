import { describe, expect, it } from 'vitest';
import { extractStream, type IocMatch, STREAM_CARRY_LIMIT } from '../src/index.js';

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
  for (const p of parts) yield p;
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
