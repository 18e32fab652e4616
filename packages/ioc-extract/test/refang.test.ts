import { describe, expect, it } from 'vitest';
import { refang } from '../src/index.js';

describe('refang', () => {
  it('refangs markers in context', () => {
    expect(refang('hxxp://evil[.]com/a and 1.1.1[.]1 and bob[at]evil(.)com')).toBe(
      'http://evil.com/a and 1.1.1.1 and bob@evil.com',
    );
  });

  it('rewrites every dot word of a chain that validates, and none of one that does not', () => {
    expect(refang('mail john at www dot evil dot com or sub dot evil dot com dot the')).toBe(
      'mail john@www.evil.com or sub dot evil dot com dot the',
    );
  });

  it('leaves CIDR, real schemes, sentence dots and DOT inside words alone', () => {
    const text = '2001:db8::/32 tcp://x:1 end . Next fooDOTbar [note] (see above).';
    expect(refang(text)).toBe(text);
  });

  it('folds compatibility characters', () => {
    expect(refang('ﬁle\u200B.example．com')).toBe('file.example.com');
  });
});
