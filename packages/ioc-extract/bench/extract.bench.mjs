// Throughput benchmark: @iocmap/ioc-extract against ioc-extractor@8.2.0 on the
// same ≥10 MB corpus (feeds, logs, report prose with defanged indicators),
// plus 1 MB adversarial inputs. Run with `pnpm bench` (builds dist first).
import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { extractIOC } from 'ioc-extractor';
import { extract } from '../dist/index.js';

const here = dirname(fileURLToPath(import.meta.url));
const shared = resolve(here, '../../../../shared/data');
const MB = 1024 * 1024;

// Deterministic PRNG (mulberry32) so every run measures the same text.
let seed = 0x1f2e3d4c;
const rand = () => {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};
const pick = (a) => a[Math.floor(rand() * a.length)];
const hex = (n) => Array.from({ length: n }, () => '0123456789abcdef'[Math.floor(rand() * 16)]).join('');
const ip = () =>
  `${1 + Math.floor(rand() * 222)}.${Math.floor(rand() * 256)}.${Math.floor(rand() * 256)}.${Math.floor(rand() * 256)}`;
const word = () =>
  pick(['update', 'cdn', 'login', 'secure', 'mail', 'static', 'api', 'portal', 'files', 'sync']) +
  Math.floor(rand() * 100);
const dom = () => `${word()}.${word()}.${pick(['com', 'net', 'org', 'ru', 'io', 'info', 'co.uk'])}`;
const defangDom = (d) =>
  pick([d.replaceAll('.', '[.]'), d.replaceAll('.', '(.)'), d.replace('.', '[dot]'), d]);
const LEADS = [
  'The actor staged the payload on',
  'Initial access was achieved through a phishing email that linked to',
  'During the intrusion the operators used Cobalt Strike beacons calling back to',
  'We observed lateral movement over SMB followed by exfiltration to',
  'The loader, compiled on 2021.12.15, resolved its C2 via',
  'Version 4.2.1 of the implant communicates with',
  'See the appendix (table 3) for the full list; notable infrastructure includes',
];
const FILLER = [
  'The group has been active since at least 2019 and focuses on financial institutions in Europe and Asia.',
  'Victims received a ZIP archive containing a shortcut file that launched PowerShell with an encoded command.',
  'The second stage is a DLL side-loaded by a signed binary, which then injects into a legitimate process.',
  'Persistence is achieved through a scheduled task named after a common updater, running every 30 minutes.',
  'Analysts should review proxy logs for the domains below and block the listed addresses at the perimeter.',
  'The malware checks the keyboard layout and exits on systems configured for certain regions.',
  'Communication uses HTTPS with a hard-coded user agent and a custom header carrying the victim identifier.',
  'We assess with moderate confidence that the activity overlaps with previously reported intrusion sets.',
];
const indicator = () =>
  pick([
    () => `hxxps://${defangDom(dom())}/${word()}/${hex(8)}.php`,
    () => defangDom(dom()),
    () => ip().replace(/\.(\d+)$/, '[.]$1'),
    () => `${word()}[at]${defangDom(dom())}`,
    () => `sha256 ${hex(64)}`,
    () => `md5 ${hex(32)} and sha1 ${hex(40)}`,
    () => `CVE-20${10 + Math.floor(rand() * 14)}-${1000 + Math.floor(rand() * 40000)}`,
    () => `2001:db8:${hex(4)}::${hex(3)}`,
  ])();
// Report prose: paragraphs where about one sentence in three names an
// indicator, followed by an appendix listing defanged indicators one per line.
function prose(bytes) {
  const parts = [];
  let n = 0;
  while (n < bytes) {
    const para = [];
    for (let i = 0; i < 4 + Math.floor(rand() * 4); i++) {
      para.push(rand() < 0.35 ? `${pick(LEADS)} ${indicator()}.` : pick(FILLER));
    }
    const appendix = Array.from({ length: 10 }, indicator).join('\n');
    const s = `${para.join(' ')}\n\nIndicators of compromise:\n${appendix}\n\n`;
    parts.push(s);
    n += s.length;
  }
  return parts.join('');
}

const parts = {};
function corpus() {
  const pieces = [];
  const feed = resolve(shared, 'feeds/feodo-ipblocklist-2021-12-20.csv');
  const log = resolve(shared, 'logs/openssh-2k.log');
  const feedText = existsSync(feed) ? readFileSync(feed, 'utf8') : '';
  const logText = existsSync(log) ? readFileSync(log, 'utf8') : '';
  if (feedText === '' || logText === '')
    console.log('(shared data not found: corpus is generated prose only)');
  parts.feed = feedText;
  parts.log = logText;
  parts.prose = prose(1_000_000);
  let size = 0;
  while (size < 10.5 * MB) {
    for (const p of [feedText, logText, prose(400_000)]) {
      pieces.push(p);
      size += p.length;
    }
  }
  return pieces.join('\n');
}

// CPU time (user + system) of this process, so other load on the machine
// does not skew either side of the comparison.
function time(fn, text, minMs = 1500) {
  fn(text); // warm-up
  let runs = 0;
  const t0 = process.cpuUsage();
  let ms = 0;
  do {
    fn(text);
    runs++;
    const u = process.cpuUsage(t0);
    ms = (u.user + u.system) / 1000;
  } while (ms < minMs && runs < 50);
  return (text.length * runs) / MB / (ms / 1000);
}

const all = {
  types: [
    'ipv4',
    'ipv6',
    'cidr',
    'dns',
    'url',
    'email',
    'md5_hash',
    'sha1_hash',
    'sha256_hash',
    'sha512_hash',
    'cve',
    'asn',
    'mac_address',
    'windows_path',
    'linux_path',
  ],
};
const ours = (t) => extract(t, all);
const text = corpus();
console.log(`corpus: ${(text.length / MB).toFixed(1)} MB (feeds + ssh log + defanged report prose)`);
const oursMBs = time(ours, text);
const theirsMBs = time((t) => extractIOC(t), text, 3000);
console.log(`@iocmap/ioc-extract  ${oursMBs.toFixed(1)} MB/s (CPU time)`);
console.log(`ioc-extractor@8.2.0  ${theirsMBs.toFixed(1)} MB/s (CPU time)`);
console.log(`ratio                ${(oursMBs / theirsMBs).toFixed(1)}x (target >= 20x)`);
for (const [name, part] of Object.entries(parts)) {
  if (part === '') continue;
  const sample = part.repeat(Math.max(1, Math.ceil(MB / part.length)));
  const a = time(ours, sample, 500);
  const b = time((t) => extractIOC(t), sample, 1000);
  console.log(
    `  ${name.padEnd(7)} ours ${a.toFixed(1)} MB/s, ioc-extractor ${b.toFixed(1)} MB/s, ${(a / b).toFixed(1)}x`,
  );
}

const b64chars = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const adversarial = {
  dots: '.'.repeat(MB),
  'digits and dots': '1.'.repeat(MB / 2),
  'a@a@a@': 'a@'.repeat(MB / 2),
  'base64 blob': Array.from({ length: MB }, () => b64chars[Math.floor(rand() * 64)]).join(''),
  '1 MB line, no separator': 'abcdefghij'.repeat(MB / 10),
  '100k [': '['.repeat(100_000).padEnd(MB, 'x'),
  'brackets and dots': '1[.'.repeat(MB / 3),
  colons: 'a:'.repeat(MB / 2),
  'hex run': 'f'.repeat(MB),
  'URL with 1 MB path': `http://evil.com/${'a)'.repeat(MB / 2)}`,
  ' dot  words': 'a dot '.repeat(MB / 6),
};
let worst = Infinity;
for (const [name, input] of Object.entries(adversarial)) {
  const mbs = time(ours, input, 500);
  worst = Math.min(worst, mbs);
  console.log(
    `adversarial ${name.padEnd(24)} ${mbs.toFixed(1)} MB/s (${(mbs / oursMBs).toFixed(2)} of normal)`,
  );
}
console.log(`worst adversarial: ${(worst / oursMBs).toFixed(2)} of normal throughput (target >= 0.10)`);
