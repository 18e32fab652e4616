import { describe, expect, it } from 'vitest';
import { extract, extractMatches, IocExtractError, type IocMatch } from '../src/index.js';

describe('extract: defang styles', () => {
  it.each([
    ['evil[.]com', { dns: ['evil.com'] }],
    ['evil(.)com', { dns: ['evil.com'] }],
    ['evil{.}com', { dns: ['evil.com'] }],
    ['evil[dot]com', { dns: ['evil.com'] }],
    ['evil(DOT)com', { dns: ['evil.com'] }],
    ['evil\\.com', { dns: ['evil.com'] }],
    ['evil [.] com', { dns: ['evil.com'] }],
    ['10[[[.]]]10[.]10.10', { ipv4: ['10.10.10.10'] }],
    ['1.)1[.1.)1', { ipv4: ['1.1.1.1'] }],
    ['9.9.9.]]]9', { ipv4: ['9.9.9.9'] }],
    ['9.9.9 dot 9', { ipv4: ['9.9.9.9'] }],
    ['alice[at]evil.com', { dns: ['evil.com'], email: ['alice@evil.com'] }],
    ['alice(@)evil.com', { dns: ['evil.com'], email: ['alice@evil.com'] }],
    ['alice {@} evil DOT com', { dns: ['evil.com'], email: ['alice@evil.com'] }],
    ['alice at evil dot com', { dns: ['evil.com'], email: ['alice@evil.com'] }],
    ['mail evil Dot org\tand bad\tDOT net', { dns: ['evil.org', 'bad.net'] }],
    ['2001[:]db8[:][:]1', { ipv6: ['2001:db8::1'] }],
  ])('%s', (input, expected) => {
    expect(extract(input)).toEqual(expected);
  });

  it.each([
    ['hxxp://evil.com/a', 'http://evil.com/a'],
    ['hXXps://evil.com/a', 'https://evil.com/a'],
    ['h**p://evil.com/a', 'http://evil.com/a'],
    ['h__ps://evil.com/a', 'https://evil.com/a'],
    ['hzzzp://evil.com/a', 'http://evil.com/a'],
    ['fxp://evil.com/a', 'ftp://evil.com/a'],
    ['ftx://evil.com/a', 'ftp://evil.com/a'],
    ['sfXp://evil.com/a', 'sftp://evil.com/a'],
    ['http[://]evil.com/a', 'http://evil.com/a'],
    ['http[:]//evil.com/a', 'http://evil.com/a'],
    ['http:\\\\evil.com/a', 'http://evil.com/a'],
    ['http__evil.com/a', 'http://evil.com/a'],
    ['http:__evil.com/a', 'http://evil.com/a'],
    ['hxxp:// evil.com/a', 'http://evil.com/a'],
    ['hxxps[://]evil[.]com/a[.]php', 'https://evil.com/a.php'],
  ])('URL %s', (input, url) => {
    expect(extract(input)).toEqual({ dns: ['evil.com'], url: [url] });
  });

  it('never rewrites a real scheme', () => {
    expect(extract('tcp://evil.com:4444/x').url).toEqual(['tcp://evil.com:4444/x']);
  });

  it('does not glue sentences at a bare " . " nor rewrite DOT inside a host', () => {
    expect(extract('the end . com is near')).toEqual({});
    expect(extract('fooDOTbar.com')).toEqual({ dns: ['foodotbar.com'] });
  });

  it('takes word forms only where they validate', () => {
    expect(extract('the dot com bubble')).toEqual({});
    expect(extract('I looked at example.com')).toEqual({ dns: ['example.com'] });
    expect(extract('the C2 at evil[.]com')).toEqual({ dns: ['evil.com'] });
    expect(extract('version 1 dot 2')).toEqual({});
  });

  it('reads a chain of dot words as one name, never as its parent', () => {
    expect(extract('www dot evil dot com')).toEqual({ dns: ['www.evil.com'] });
    expect(extract('sub dot evil dot co dot uk')).toEqual({ dns: ['sub.evil.co.uk'] });
    expect(extract('john at www dot evil dot com')).toEqual({
      dns: ['www.evil.com'],
      email: ['john@www.evil.com'],
    });
    expect(extract('10 dot 1 dot 1 dot 1')).toEqual({ ipv4: ['10.1.1.1'] });
    // two chains in one sentence, trailing punctuation left out
    expect(extract('www DOT evil Dot com, then cdn dot bad dot net.')).toEqual({
      dns: ['www.evil.com', 'cdn.bad.net'],
    });
    expect(extractMatches('at www dot evil dot com now')).toEqual([
      { type: 'dns', value: 'www.evil.com', raw: 'www dot evil dot com', start: 3, end: 23, defanged: true },
    ]);
  });

  it('joins dot words and bracket markers in one chain', () => {
    expect(extract('www dot evil[.]com')).toEqual({ dns: ['www.evil.com'] });
    expect(extract('www[.]evil dot com')).toEqual({ dns: ['www.evil.com'] });
    expect(extract('sub dot evil[.]co dot uk')).toEqual({ dns: ['sub.evil.co.uk'] });
    expect(extract('x dot a [.] b dot com')).toEqual({ dns: ['x.a.b.com'] });
  });

  it('reports nothing from a chain whose whole name does not validate', () => {
    // as `evil.com.the`, a 70-letter label, `1.2.3.4.5` and a 268-character
    // name written plainly give nothing, their valid tails are not reported
    expect(extract('see evil dot com dot the end')).toEqual({});
    expect(extract(`${'a'.repeat(70)} dot evil dot com`)).toEqual({});
    expect(extract('1 dot 2 dot 3 dot 4 dot 5')).toEqual({});
    expect(extract(`${'b dot '.repeat(130)}evil dot com`)).toEqual({});
    expect(extract(`${'b dot '.repeat(120)}evil dot com`)).toEqual({
      dns: [`${'b.'.repeat(120)}evil.com`],
    });
  });

  it('starts a chain after a left word that is no label', () => {
    expect(extract('the dot evil dot com')).toEqual({ dns: ['evil.com'] });
    expect(extract('a dot b dot c')).toEqual({});
    expect(extract('connect the dots')).toEqual({});
    expect(extract('Dot at noon')).toEqual({});
    expect(extract('the dot com bubble burst')).toEqual({});
  });
});

describe('extract: exactness', () => {
  it.each([
    '999.1.1.1',
    '1.1.1.1000',
    '1.2.3.4.5',
    '2018.12.15.14.05.43',
    'OID 1.2.840.113549',
    'version 1.2.3.4',
    'Chrome/1.2.3.4',
    '23:06:41',
    '0x52908400098527886E0F7030069857D2E4169EE7',
    'report.pdf setup.exe _npki.zip readme.md archive.zip',
    'W64/BURNTCIGAR.CA!tr',
    'foo_bar.example.com -evil.com evil-.com',
    'example.nope',
    'adc83b191b1c6ea0fd8b46cd9f32e592fc',
  ])('nothing in %s', (input) => {
    expect(extract(input)).toEqual({});
  });

  it('reads netstat address.port', () => {
    expect(extract('10.1.1.117.4222 and 10.1.1.117.200')).toEqual({ ipv4: ['10.1.1.117'] });
  });

  it('reports CIDR networks only as cidr', () => {
    expect(extract('85.93.4.0/25 2001:db8::/32 2001:0DB8:0000::/48')).toEqual({
      cidr: ['85.93.4.0/25', '2001:db8::/32', '2001:db8::/48'],
    });
  });

  it('tells MAC addresses and times from IPv6', () => {
    expect(extract('01:23:45:67:89:AB at 23:06:41, 01-23-45-67-89-ac')).toEqual({
      mac_address: ['01:23:45:67:89:ab', '01:23:45:67:89:ac'],
    });
  });

  it('normalises IPv6 to RFC 5952 and drops the zone', () => {
    expect(extract('FE80:0000:0000:0000:0202:B3FF:FE1E:8329%eth0 and [2001:db8::1%25en0]:80')).toEqual({
      ipv6: ['fe80::202:b3ff:fe1e:8329', '2001:db8::1'],
    });
  });

  it('does not report an IPv4 tail of an IPv6 address as IPv4', () => {
    expect(extract('(::ffff:192.0.2.128)')).toEqual({ ipv6: ['::ffff:192.0.2.128'] });
  });

  it('finds hashes glued to letters and two hashes one character apart', () => {
    const md5a = '68b329da9893e34099c7d8ad5cb9c940';
    const md5b = 'd41d8cd98f00b204e9800998ecf8427e';
    const sha1 = 'da39a3ee5e6b4b0d3255bfef95601890afd80709';
    expect(extract(`x${md5a}g${md5b}y ${sha1.toUpperCase()}`)).toEqual({
      md5_hash: [md5a, md5b],
      sha1_hash: [sha1],
    });
  });

  it('lower-cases an email address written with capitals in its local part or its domain', () => {
    expect(extract('mail John.Doe@example.com, ops@EVIL.org or ops@evil.org', { types: ['email'] })).toEqual({
      email: ['john.doe@example.com', 'ops@evil.org'],
    });
  });

  it('lower-cases a hash whose only upper-case letter is its first or its last character', () => {
    // 32 characters each: "A" + 31 lower-case, and 31 lower-case + "F"
    const first = `A${'b'.repeat(31)}`;
    const last = `${'0'.repeat(31)}F`;
    expect(extract(`${first} and ${last}`)).toEqual({
      md5_hash: [`a${'b'.repeat(31)}`, `${'0'.repeat(31)}f`],
    });
  });

  it('reports a URL host and hashes in its path, not file names in it', () => {
    const sha = '2f3ec0e4998909bb0efab13c82d30708ca9f88679e42b75ef13ea0466951d862';
    expect(extract(`http://files.evil.com/${sha}/setup.cab`)).toEqual({
      dns: ['files.evil.com'],
      url: [`http://files.evil.com/${sha}/setup.cab`],
      sha256_hash: [sha],
    });
  });

  it('does not read URL userinfo as an email', () => {
    expect(extract('https://a:b@c.com/x')).toEqual({ dns: ['c.com'], url: ['https://a:b@c.com/x'] });
  });

  it('keeps sub-domains whole', () => {
    expect(extract('login.microsoftonline.com.evil.co.uk')).toEqual({
      dns: ['login.microsoftonline.com.evil.co.uk'],
    });
  });

  it('finds CVE ids and ASNs', () => {
    expect(extract('cve-2021-44228 hit AS13335 and ASN 15169')).toEqual({
      cve: ['CVE-2021-44228'],
      asn: ['AS13335', 'AS15169'],
    });
  });

  it('keeps first-seen order for repeated addresses, also in URLs and across long texts', () => {
    expect(extract('1.1.1.1 2.2.2.2 1.1.1.1 http://3.3.3.3/ 2.2.2.2 3.3.3.3 01.1.1.1').ipv4).toEqual([
      '1.1.1.1',
      '2.2.2.2',
      '3.3.3.3',
    ]);
    // 300 000 characters: processed in several segments
    const line = 'Failed password for root from 203.0.113.7 port 22 ssh2\n';
    const text = `${line.repeat(3000)}x 198.51.100.9 y\n${line.repeat(3000)}hxxp://192.0.2[.]1/a 198.51.100.9\n`;
    expect(extract(text)).toEqual({
      ipv4: ['203.0.113.7', '198.51.100.9', '192.0.2.1'],
      url: ['http://192.0.2.1/a'],
    });
  });

  it('finds IPs in a range', () => {
    expect(extract('1.2.3.4-1.2.3.9')).toEqual({ ipv4: ['1.2.3.4', '1.2.3.9'] });
  });
});

describe('extract: hostile text cannot hide indicators', () => {
  it.each([
    ['release 45.33.32.156', '45.33.32.156'],
    ['Beacon v 185.220.101.1', '185.220.101.1'],
    ['build 185.220.101.1 observed', '185.220.101.1'],
    ['The C2 at version 185.220.101.1', '185.220.101.1'],
    ['rev 23.94.5.133', '23.94.5.133'],
    ['OID 185.220.101.1', '185.220.101.1'],
    ['OID 1.3.6[.]1', '1.3.6.1'],
    ['version 1.2.3[.]4', '1.2.3.4'],
    ['firmware 185.220.101[.]1', '185.220.101.1'],
  ])('reports the address in %s', (input, ip) => {
    expect(extract(input)).toEqual({ ipv4: [ip] });
  });

  // An OID's first arc is 0, 1 or 2 (ITU-T X.660).
  it.each([
    'version 1.2.3.4',
    'ver. 4.2.1.0',
    'Firmware: 2.0.0.1',
    'v1.2.3.4',
    'version1.2.3.4',
    'OID 1.3.6.1',
    'oid: 2.5.4.3',
  ])('reads %s as a version or an OID', (input) => {
    expect(extract(input)).toEqual({});
  });

  it('reports an explicitly defanged name that reads like a file name', () => {
    expect(extract('setup[.]zip and setup.zip')).toEqual({ dns: ['setup.zip'] });
    const [m] = extractMatches('get setup[.]zip');
    expect(m).toEqual({
      type: 'dns',
      value: 'setup.zip',
      raw: 'setup[.]zip',
      start: 4,
      end: 15,
      defanged: true,
    });
  });

  it('reads a drive, a namespace or bare "::" as no IPv6 address', () => {
    expect(extract('C:: drive, cc:: layer, a :: b, [::]:80')).toEqual({});
  });

  it('keeps compressed addresses that have a digit or two groups', () => {
    expect(extract('2001:db8:: fe80:: 2001:: ::1 dead::beef ::ffff:192.0.2.128 100::/64')).toEqual({
      ipv6: ['2001:db8::', 'fe80::', '2001::', '::1', 'dead::beef', '::ffff:192.0.2.128'],
      cidr: ['100::/64'],
    });
  });
});

describe('extract: URL ends', () => {
  it.each([
    ['Foo https://citizenlab.ca/about/), bar', 'https://citizenlab.ca/about/'],
    ['see `https://evil.com/x` ok', 'https://evil.com/x'],
    ["('https://evil.com/x');", 'https://evil.com/x'],
    ['"https://evil.com/x".', 'https://evil.com/x'],
    ['(see https://evil.com/wiki/Foo_(bar))', 'https://evil.com/wiki/Foo_(bar)'],
    ['http://evil.com/wiki/Lynx_%28web_browser%29', 'http://evil.com/wiki/Lynx_%28web_browser%29'],
    ['at https://evil.com.', 'https://evil.com'],
  ])('%s', (input, url) => {
    expect(extract(input).url).toEqual([url]);
  });

  it('lower-cases scheme and host only', () => {
    expect(extract('HTTPS://EVIL.COM/Path?Q=A').url).toEqual(['https://evil.com/Path?Q=A']);
  });

  it('lower-cases the host a URL reports, and keeps one value for two spellings of a URL', () => {
    const text = 'get HTTP://EVIL.COM/a, https://[2001:DB8::1]/ and http://evil.com/a';
    expect(extract(text, { types: ['url', 'dns', 'ipv6'] })).toEqual({
      url: ['http://evil.com/a', 'https://[2001:db8::1]/'],
      dns: ['evil.com'],
      ipv6: ['2001:db8::1'],
    });
  });
});

describe('extract: unicode', () => {
  it('folds NFKC and drops zero-width characters, with offsets into the original', () => {
    const text = 'x veriﬁed(dot)evil.com y exa\u200Bmple[.]com';
    const ms = extractMatches(text);
    expect(ms.map((m) => [m.value, m.start, m.end])).toEqual([
      ['verified.evil.com', 2, 22],
      ['example.com', 25, 39],
    ]);
    for (const m of ms) expect(m.raw).toBe(text.slice(m.start, m.end));
  });

  it('keeps IDNs in Unicode, or punycode on request', () => {
    expect(extract('bücher.de')).toEqual({ dns: ['bücher.de'] });
    expect(extract('bücher.de', { punycode: true })).toEqual({ dns: ['xn--bcher-kva.de'] });
  });

  it('stops at curly quotes', () => {
    expect(extract('such as “cloudsafety[.]online”')).toEqual({ dns: ['cloudsafety.online'] });
  });

  it('keeps offsets after astral characters', () => {
    const text = '😀😀 evil[.]com';
    const [m] = extractMatches(text);
    expect(m?.start).toBe(5);
    expect(m?.raw).toBe('evil[.]com');
  });
});

describe('extractMatches', () => {
  it('reports every occurrence with raw text and a defanged flag', () => {
    const text = 'evil.com and evil[.]com';
    expect(extractMatches(text)).toEqual([
      { type: 'dns', value: 'evil.com', raw: 'evil.com', start: 0, end: 8, defanged: false },
      { type: 'dns', value: 'evil.com', raw: 'evil[.]com', start: 13, end: 23, defanged: true },
    ]);
  });
});

describe('options', () => {
  it('keys follow the canonical type order', () => {
    expect(JSON.stringify(extract('example[.]com 1.1.1[.]1'))).toBe(
      '{"ipv4":["1.1.1.1"],"dns":["example.com"]}',
    );
  });

  it('limits types', () => {
    expect(extract('1.1.1.1 evil.com', { types: ['dns'] })).toEqual({ dns: ['evil.com'] });
  });

  it('leaves paths out unless asked', () => {
    const text = 'C:\\Windows\\System32\\evil.dll and /usr/bin/python3';
    expect(extract(text)).toEqual({});
    expect(extract(text, { types: ['windows_path', 'linux_path'] })).toEqual({
      windows_path: ['C:\\Windows\\System32\\evil.dll'],
      linux_path: ['/usr/bin/python3'],
    });
  });

  it('excludes private and reserved addresses on request', () => {
    const text = '10.0.0.1 192.168.1.1 127.0.0.1 8.8.8.8 fe80::1 2001:db8::1 2606:4700::1111 10.0.0.0/8';
    expect(extract(text, { excludePrivate: true })).toEqual({ ipv4: ['8.8.8.8'], ipv6: ['2606:4700::1111'] });
  });

  it('ignores the public suffix check on request', () => {
    expect(extract('evil.nope')).toEqual({});
    expect(extract('evil.nope', { ignoreTlds: true })).toEqual({ dns: ['evil.nope'] });
  });

  it('decodes percent, hex and base64 URLs on request', () => {
    // base64("https://evil.com/path"), hex("http://evil.org")
    const text = 'a aHR0cHM6Ly9ldmlsLmNvbS9wYXRo b 687474703a2f2f6576696c2e6f7267 c http%3A%2F%2Fbad.net%2Fp';
    expect(extract(text)).toEqual({});
    expect(extract(text, { decode: true }).url).toEqual([
      'https://evil.com/path',
      'http://evil.org',
      'http://bad.net/p',
    ]);
    const enc = extractMatches(text, { decode: true, types: ['url'] });
    expect(enc.map((m) => m.encoding)).toEqual(['base64', 'hex', 'percent']);
    expect(enc[0]?.raw).toBe('aHR0cHM6Ly9ldmlsLmNvbS9wYXRo');
  });

  it('rejects unknown type names naming the value and the valid ones', () => {
    try {
      extract('x', { types: ['ip4' as never] });
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(IocExtractError);
      expect((e as IocExtractError).code).toBe('INVALID_OPTION');
      expect((e as IocExtractError).message).toContain('"ip4"');
      expect((e as IocExtractError).message).toContain('ipv4, ipv6');
    }
  });

  it('rejects non-string text', () => {
    expect(() => extract(42 as never)).toThrowError(expect.objectContaining({ code: 'INVALID_INPUT' }));
  });
});

describe('long texts', () => {
  it('gives the same matches as extracting line by line', () => {
    const lines: string[] = [];
    for (let i = 0; i < 6000; i++) {
      lines.push(`line ${i} host h${i}[.]evil[.]com ip 10.${i % 250}.${(i * 7) % 250}.1 end.`);
    }
    const text = lines.join('\n');
    expect(text.length).toBeGreaterThan(300_000);
    // Each generated line holds one defanged domain and one plain IPv4 address;
    // offsets are found by searching the text forward from the previous match.
    const expected: IocMatch[] = [];
    let cursor = 0;
    const at = (raw: string): { start: number; end: number } => {
      const start = text.indexOf(raw, cursor);
      cursor = start + raw.length;
      return { start, end: cursor };
    };
    for (let i = 0; i < 6000; i++) {
      const host = `h${i}[.]evil[.]com`;
      const ip = `10.${i % 250}.${(i * 7) % 250}.1`;
      expected.push({ type: 'dns', value: `h${i}.evil.com`, raw: host, ...at(host), defanged: true });
      expected.push({ type: 'ipv4', value: ip, raw: ip, ...at(ip), defanged: false });
    }
    expect(expected.every((m) => m.start >= 0)).toBe(true);
    const got = extractMatches(text);
    expect(got).toEqual(expected);
    expect(extract(text).dns).toHaveLength(6000);
  });
});
