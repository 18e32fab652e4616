import { describe, expect, it } from 'vitest';
import { isValidDomain, isValidDomainAt } from '../../src/internal/domain.js';
import { codeBytes } from '../../src/internal/unicode.js';

/** isValidDomainAt on `s[from, to)`, its bytes made as the scanners make them. */
const validAt = (s: string, from: number, to: number, ignoreTlds: boolean): boolean =>
  isValidDomainAt(s, codeBytes(s), from, to, ignoreTlds);

describe('isValidDomainAt', () => {
  it('reads a name in place, ASCII upper case as lower case', () => {
    const text = 'see EVIL.Example.COM now';
    // "EVIL.Example.COM" is text[4, 20)
    expect(validAt(text, 4, 20, false)).toBe(true);
    // "EVIL.Example.CO" (text[4, 19)): .co is a ccTLD (Colombia), so still registrable
    expect(validAt(text, 4, 19, false)).toBe(true);
    // "see EVIL" has a space: no host
    expect(validAt(text, 0, 8, false)).toBe(false);
  });

  it('answers like the string form, whatever was looked up before', () => {
    // PSL: co.uk and com are ICANN suffixes, co.uk alone is a suffix and not
    // registrable, "dll" is no TLD, a.b.c.d.e.f.g.h.i.j.k.example.co.uk is
    // longer than a table key (24 characters)
    const names: [string, boolean][] = [
      ['example.co.uk', true],
      ['co.uk', false],
      ['update.dll', false],
      ['a.b.c.d.e.f.g.h.i.j.k.example.co.uk', true],
      ['example.com', true],
      ['примеры.рф', true],
      ['x.zz', false],
    ];
    for (let round = 0; round < 2; round++) {
      for (const [name, ok] of names) {
        expect(isValidDomain(name, false)).toBe(ok);
        const upper = name.replace(/[a-z]/g, (c) => c.toUpperCase());
        if (/^[\x20-\x7e]*$/.test(name)) expect(validAt(`(${upper})`, 1, name.length + 1, false)).toBe(ok);
      }
    }
  });

  it('stays right past the cache limit (more names than the table keeps)', () => {
    // 20 000 distinct names under .com (all registrable) and under .zz (no TLD)
    for (let i = 0; i < 20_000; i++) {
      expect(validAt(`host${i}.com`, 0, `host${i}.com`.length, false)).toBe(true);
      expect(isValidDomain(`host${i}.zz`, false)).toBe(false);
    }
  });

  it('with ignoreTlds checks only syntax', () => {
    expect(validAt('host.zz', 0, 7, true)).toBe(true);
    expect(validAt('-host.zz', 0, 8, true)).toBe(false);
  });
});
