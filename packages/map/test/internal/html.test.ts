import { describe, expect, it } from 'vitest';
import { escapeHtml, jsonForScript, scriptForHtml } from '../../src/internal/html.js';

describe('escapeHtml', () => {
  it('escapes the five HTML-significant characters', () => {
    expect(escapeHtml(`<a href="x">&'`)).toBe('&#60;a href=&#34;x&#34;&#62;&#38;&#39;');
  });
});

describe('jsonForScript', () => {
  it('escapes < > & so </script> and <!-- cannot break out, and round-trips through JSON.parse', () => {
    const value = { s: '</script><script>alert(1)</script><!-- & -->' };
    const json = jsonForScript(value);
    expect(json).toBe(
      '{"s":"\\u003c/script\\u003e\\u003cscript\\u003ealert(1)\\u003c/script\\u003e\\u003c!-- \\u0026 --\\u003e"}',
    );
    expect(json).not.toMatch(/[<>&]/);
    expect(JSON.parse(json)).toEqual(value);
  });
});

describe('scriptForHtml', () => {
  it('writes </script and <!-- inside script source with an escaped <', () => {
    expect(scriptForHtml('var a = "</script>"; var b = "<!--";')).toBe(
      'var a = "\\x3c/script>"; var b = "\\x3c!--";',
    );
  });
});
