import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { defang, extract, extractMatches, IOC_TYPES, refang } from '../src/index.js';

const label = fc.stringMatching(/^[a-z0-9]([a-z0-9-]{0,10}[a-z0-9])?$/);
// public suffixes with no ICANN rules below them in use here (io has com.io, net.io, ...) and not file extensions
const tld = fc.constantFrom('com', 'org', 'net', 'xyz', 'de', 'co.uk', 'info', 'ru', 'online');
const domain = fc
  .tuple(fc.array(label, { minLength: 1, maxLength: 3 }), tld)
  .map(([ls, t]) => `${ls.join('.')}.${t}`);
const ipv4 = fc.tuple(fc.nat(255), fc.nat(255), fc.nat(255), fc.nat(255)).map((o) => o.join('.'));
const pathSeg = fc.stringMatching(/^[A-Za-z0-9_~-]{1,8}$/);
const url = fc
  .tuple(fc.constantFrom('http', 'https', 'ftp'), fc.oneof(domain, ipv4), fc.array(pathSeg, { maxLength: 3 }))
  .map(([s, h, p]) => `${s}://${h}${p.length > 0 ? `/${p.join('/')}` : ''}`);
const email = fc
  .tuple(fc.stringMatching(/^[a-z0-9]([a-z0-9._+-]{0,8}[a-z0-9])?$/), domain)
  .map(([l, d]) => `${l}@${d}`)
  .filter((e) => !e.includes('..'));

describe('properties', () => {
  it('never throws and every raw is text.slice(start, end)', () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.string({ unit: 'binary' }), fc.string({ unit: 'grapheme' }), fc.string()),
        (text) => {
          for (const m of extractMatches(text, { types: [...IOC_TYPES], decode: true })) {
            expect(m.raw).toBe(text.slice(m.start, m.end));
            expect(m.start).toBeLessThan(m.end);
          }
          expect(typeof extract(text, { types: [...IOC_TYPES] })).toBe('object');
          expect(typeof refang(text)).toBe('string');
        },
      ),
      { numRuns: 500 },
    );
  });

  it('raw equals the slice also for text built from indicator fragments', () => {
    const piece = fc.oneof(
      domain,
      ipv4,
      url,
      email,
      fc.constantFrom(
        '[.]',
        '(dot)',
        ' dot ',
        ' at ',
        'hxxp://',
        '\u200B',
        'ﬁ',
        '😀',
        ' ',
        '\n',
        ']',
        '::',
        '%25',
      ),
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 12 }), (parts) => {
        const text = parts.join('');
        for (const m of extractMatches(text)) expect(m.raw).toBe(text.slice(m.start, m.end));
      }),
      { numRuns: 500 },
    );
  });

  it('extracting from defang(x) gives x back', () => {
    fc.assert(
      fc.property(ipv4, (ip) => {
        expect(extract(`see ${defang(ip)} now`).ipv4).toEqual([ip]);
      }),
    );
    fc.assert(
      fc.property(domain, (d) => {
        expect(extract(`see ${defang(d)} now`).dns).toEqual([d]);
      }),
    );
    fc.assert(
      fc.property(url, (u) => {
        expect(extract(`see ${defang(u)} now`).url).toEqual([u]);
      }),
    );
    fc.assert(
      fc.property(email, (e) => {
        expect(extract(`see ${defang(e)} now`).email).toEqual([e]);
      }),
    );
  });
});
