import { describe, expect, it } from 'vitest';
import { createExtractor, extract, IocExtractError } from '../src/index.js';

describe('createExtractor', () => {
  it('keeps custom types per instance', () => {
    const pattern = /INC-\d{6}/;
    const a = createExtractor({ customTypes: [{ name: 'ticket', pattern }] });
    const b = createExtractor();
    const text = 'see INC-123456 at 1.2.3[.]4 and INC-654321';
    expect(a.extract(text)).toEqual({ ipv4: ['1.2.3.4'], ticket: ['INC-123456', 'INC-654321'] });
    expect(b.extract(text)).toEqual({ ipv4: ['1.2.3.4'] });
    expect(extract(text)).toEqual({ ipv4: ['1.2.3.4'] });
    expect(pattern.flags).toBe('');
    expect(a.types).toContain('ticket');
  });

  it('gives right results when a normalize extracts with the same extractor', () => {
    // the nested calls run the same compiled pattern over their own texts
    const inner: Record<string, string[]>[] = [];
    let depth = 0;
    const x = createExtractor({
      customTypes: [
        {
          name: 'ticket',
          pattern: /TKT-\d+/,
          normalize: (raw) => {
            // one level down only: the nested text holds a ticket too
            if (depth === 0) {
              depth++;
              inner.push(x.extract(`nested TKT-9${raw.slice(4)} and 10.0.0.${raw.slice(4)}`));
              depth--;
            }
            return raw;
          },
        },
      ],
    });
    expect(x.extract('TKT-1 then TKT-2 at 1.2.3[.]4')).toEqual({
      ipv4: ['1.2.3.4'],
      ticket: ['TKT-1', 'TKT-2'],
    });
    // each nested call saw its own text: TKT-91 / TKT-92 and their addresses
    expect(inner).toEqual([
      { ipv4: ['10.0.0.1'], ticket: ['TKT-91'] },
      { ipv4: ['10.0.0.2'], ticket: ['TKT-92'] },
    ]);
  });

  it('runs custom patterns over refanged text and applies normalize', () => {
    const x = createExtractor({
      types: ['btc'],
      customTypes: [
        {
          name: 'btc',
          pattern: /\b[13][a-km-zA-HJ-NP-Z1-9]{25,34}\b/,
          normalize: (raw) => (raw.startsWith('3') ? null : raw),
        },
      ],
    });
    expect(x.extract('pay 1BoatSLRHtKNngkdXEeobR76b53LETtpyT or 3J98t1WpEZ73CNmQviecrnyiWrnqRhWNLy')).toEqual(
      {
        btc: ['1BoatSLRHtKNngkdXEeobR76b53LETtpyT'],
      },
    );
  });

  it('applies instance defaults and lets calls override them', () => {
    const x = createExtractor({ types: ['dns'], ignoreTlds: true });
    expect(x.extract('evil.nope 1.1.1.1')).toEqual({ dns: ['evil.nope'] });
    expect(x.extract('evil.nope 1.1.1.1', { ignoreTlds: false, types: ['ipv4'] })).toEqual({
      ipv4: ['1.1.1.1'],
    });
  });

  it.each([
    [{ customTypes: [{ name: 'ipv4', pattern: /x/ }] }, '"ipv4"'],
    [{ customTypes: [{ name: 'Bad Name', pattern: /x/ }] }, '"Bad Name"'],
    [{ customTypes: [{ name: 'ok', pattern: 'x' as never }] }, 'RegExp'],
    [{ types: ['dns', 'domain'] }, '"domain"'],
    [{ decode: 'yes' as never }, '"yes"'],
    [{ customTypes: 'ticket' as never }, 'got string'],
    [{ tpyes: ['ipv4'] } as never, 'Unknown option "tpyes"'],
  ])('rejects %j', (options, mention) => {
    try {
      createExtractor(options as never);
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(IocExtractError);
      expect((e as IocExtractError).code).toBe('INVALID_OPTION');
      expect((e as IocExtractError).message).toContain(mention);
    }
  });

  it('rejects a misspelt per-call option instead of ignoring it', () => {
    expect(() => extract('10.0.0.1', { exludePrivate: true } as never)).toThrowError(
      expect.objectContaining({ code: 'INVALID_OPTION', option: 'exludePrivate' }),
    );
    // An option given as undefined is the same as not given.
    expect(extract('10.0.0.1', { decode: undefined })).toEqual({ ipv4: ['10.0.0.1'] });
  });

  it('takes customTypes only at creation', () => {
    expect(() => extract('INC-123456', { customTypes: [] } as never)).toThrow(/pass them to createExtractor/);
  });

  it('refuses a custom normalize that returns neither a string nor null', () => {
    const x = createExtractor({
      customTypes: [{ name: 'ticket', pattern: /INC-\d+/, normalize: () => 5 as never }],
    });
    expect(() => x.extract('see INC-42')).toThrowError(
      expect.objectContaining({
        code: 'INVALID_OPTION',
        message: expect.stringContaining('returned number 5 for "INC-42"'),
      }),
    );
    // A value String() cannot convert (no prototype) is still named, in the package's error.
    const bare = createExtractor({
      customTypes: [{ name: 'ticket', pattern: /INC-\d+/, normalize: () => Object.create(null) as never }],
    });
    expect(() => bare.extract('see INC-42')).toThrowError(
      expect.objectContaining({
        code: 'INVALID_OPTION',
        message: expect.stringContaining('returned object {} for "INC-42"'),
      }),
    );
    const lower = createExtractor({
      customTypes: [
        {
          name: 'ticket',
          pattern: /INC-\d+/,
          normalize: (raw) => (raw.endsWith('0') ? null : raw.toLowerCase()),
        },
      ],
    });
    expect(lower.extract('INC-42 INC-40')).toEqual({ ticket: ['inc-42'] });
  });

  it('names the kind of a non-object options argument', () => {
    expect(() => extract('x', 'dns' as never)).toThrow('Options must be an object, got string.');
  });
});
