import { describe, expect, it } from 'vitest';
import { defang } from '../src/index.js';

describe('defang', () => {
  it.each([
    ['1.2.3.4', '1[.]2[.]3[.]4'],
    ['evil.com', 'evil[.]com'],
    ['bob@evil.com', 'bob[@]evil[.]com'],
    ['https://evil.com/a.php', 'hxxps[://]evil[.]com/a.php'],
    ['ftp://u@1.2.3.4:21/x', 'fxp[://]u@1[.]2[.]3[.]4:21/x'],
    ['2001:db8::1', '2001:db8::1'],
  ])('%s → %s', (value, expected) => {
    expect(defang(value)).toBe(expected);
  });
});
