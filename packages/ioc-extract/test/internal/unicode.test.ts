import { describe, expect, it } from 'vitest';
import { EditList } from '../../src/internal/offset-map.js';
import { applyEditsAscii, codeBytes, loadAscii, terminated } from '../../src/internal/unicode.js';

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
