// Benchmark corpus: feeds, logs and report prose, built deterministically.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const shared = resolve(here, '../../../../shared/data');
export const MB = 1024 * 1024;

/** Deterministic PRNG (mulberry32) so every run measures the same text. */
export function prng(s) {
  let seed = s;
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
let rand = prng(0x1f2e3d4c);
const pick = (a) => a[Math.floor(rand() * a.length)];
const hex = (n) => Array.from({ length: n }, () => '0123456789abcdef'[Math.floor(rand() * 16)]).join('');
const ip = () =>
  `${1 + Math.floor(rand() * 222)}.${Math.floor(rand() * 256)}.${Math.floor(rand() * 256)}.${Math.floor(rand() * 256)}`;
const word = () =>
  pick(['update', 'cdn', 'login', 'secure', 'mail', 'static', 'api', 'portal', 'files', 'sync']) +
  Math.floor(rand() * 100);
const dom = () => `${word()}.${word()}.${pick(['com', 'net', 'org', 'ru', 'io', 'info', 'co.uk'])}`;
const defang = (d) =>
  pick([d.replaceAll('.', '[.]'), d.replaceAll('.', '(.)'), d.replace(/\.(?=[^.]*$)/, '[.]'), d]);
const url = () =>
  `${pick(['hxxps', 'hxxp', 'https', 'http'])}://${defang(dom())}/${pick(['wp-content/plugins', 'api/v2', 'static', 'admin', 'download'])}/${word()}${pick(['.php', '.js', '', `?id=${hex(6)}`, '.zip'])}`;
const email = () =>
  `${pick(['billing', 'hr', 'noreply', 'support', 'ceo', 'invoice'])}${pick(['@', '[@]', '[at]'])}${defang(dom())}`;
const defangIp = () => pick([ip(), ip().replace(/\.(\d+)$/, '[.]$1'), ip().replaceAll('.', '[.]')]);
const cve = () => `CVE-20${10 + Math.floor(rand() * 14)}-${1000 + Math.floor(rand() * 40000)}`;
const inline = [
  () => `The loader beacons to ${defang(dom())} every ${5 + Math.floor(rand() * 55)} minutes over HTTPS.`,
  () => `Stolen data was staged and uploaded to ${defangIp()} using a renamed copy of rclone.`,
  () => `Initial access came through a phishing email from ${email()} that linked to ${url()}.`,
  () => `The operators exploited ${cve()} in an unpatched VPN appliance before moving laterally.`,
  () => `The dropper (SHA256 ${hex(64)}) was compiled two days before the campaign started.`,
  () =>
    `A second server at ${defangIp()} hosted the Cobalt Strike team server on port ${pick([443, 8080, 8443, 50050])}.`,
  () => `DNS queries for ${defang(dom())} were the first sign of compromise in the proxy logs.`,
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
  'The payload was written to C:\\Users\\Public\\Libraries\\update.dll and registered with regsvr32.exe.',
  'Version 4.2.1 of the implant added a configuration block encrypted with RC4 and a 16-byte key.',
  'The loader, compiled on 2021.12.15, resolves its imports by hash (T1027.007) to hinder static analysis.',
  'On Linux hosts the actor dropped a cron job in /etc/cron.d/ that runs a script from /tmp/.X11-unix/.',
  'Around 60% of the observed victims were small and medium businesses; the rest were public-sector bodies.',
  'Credential dumping (T1003.001) was performed with a renamed procdump.exe against the LSASS process.',
  'The ransom note, README.txt, points victims to a negotiation portal reachable only over Tor.',
  'Defenders should enable attack surface reduction rules and audit the Run key under HKCU\\Software\\Microsoft\\Windows\\CurrentVersion.',
  'In several cases the intrusion lasted less than 48 hours from first access to encryption, i.e. a very short dwell time.',
  'The samples share code with earlier families, e.g. the string decryption routine and the mutex naming scheme.',
  'Network defenders can detect the beacon by its JA3 fingerprint and by the fixed 60-second jitter-free interval.',
  'The document lure, invoice_0412.docm, asks the user to enable macros to view protected content.',
];
const SECTIONS = [
  'Executive summary',
  'Initial access',
  'Execution',
  'Persistence',
  'Lateral movement',
  'Command and control',
  'Recommendations',
];
function paragraph() {
  const s = [];
  for (let i = 0, n = 3 + Math.floor(rand() * 5); i < n; i++)
    s.push(rand() < 0.12 ? pick(inline)() : pick(FILLER));
  return s.join(' ');
}
// Appendix: a table or a list of 15-35 indicators, mostly defanged.
function appendix() {
  const rows = [];
  const n = 15 + Math.floor(rand() * 21);
  const table = rand() < 0.5;
  for (let i = 0; i < n; i++) {
    const [kind, value] = pick([
      () => ['SHA256', hex(64)],
      () => ['SHA256', hex(64)],
      () => ['MD5', hex(32)],
      () => ['SHA1', hex(40)],
      () => ['Domain', defang(dom())],
      () => ['Domain', defang(dom())],
      () => ['IPv4', defangIp()],
      () => ['IPv4', defangIp()],
      () => ['URL', url()],
      () => ['Email', email()],
    ])();
    const note = pick(['loader', 'C2', 'payload', 'staging server', 'phishing lure', 'exfiltration', '']);
    rows.push(table ? `| ${kind} | ${value} | ${note} |` : `- ${value}${note === '' ? '' : ` (${note})`}`);
  }
  return table
    ? `| Type | Indicator | Notes |\n|------|-----------|-------|\n${rows.join('\n')}`
    : `${pick(['Network indicators', 'Indicators', 'IoCs (defanged)'])}:\n${rows.join('\n')}`;
}
/**
 * Threat-intelligence reports: a title, five to seven sections of prose in
 * which about one sentence in eight names an indicator (mostly defanged) and
 * the rest carry the usual non-indicator noise (versions, dates, ATT&CK IDs,
 * file names, Windows and Linux paths, registry keys), then an indicator
 * appendix as a table or a list.
 */
function prose(bytes) {
  const parts = [];
  let n = 0;
  while (n < bytes) {
    const secs = [];
    for (const sec of SECTIONS.slice(0, 5 + Math.floor(rand() * 3)))
      secs.push(`${sec}\n\n${Array.from({ length: 1 + Math.floor(rand() * 3) }, paragraph).join('\n\n')}`);
    const s = `Threat report ${word()}: ${pick(['new loader', 'ransomware intrusion', 'phishing wave', 'espionage campaign'])}\n\n${secs.join('\n\n')}\n\nIndicators of compromise\n\n${appendix()}\n\n`;
    parts.push(s);
    n += s.length;
  }
  return parts.join('');
}

/** The mixed corpus and its parts. */
export function buildCorpus() {
  rand = prng(0x1f2e3d4c);
  const feed = resolve(shared, 'feeds/feodo-ipblocklist-2021-12-20.csv');
  const log = resolve(shared, 'logs/openssh-2k.log');
  const feedText = existsSync(feed) ? readFileSync(feed, 'utf8') : '';
  const logText = existsSync(log) ? readFileSync(log, 'utf8') : '';
  const parts = { feed: feedText, log: logText, prose: prose(1_000_000) };
  const pieces = [];
  let size = 0;
  while (size < 10.5 * MB) {
    for (const p of [feedText, logText, prose(400_000)]) {
      pieces.push(p);
      size += p.length;
    }
  }
  return { text: pieces.join('\n'), parts, missing: feedText === '' || logText === '' };
}

/** `size` characters of distinct IPv4 addresses, one per line (10.0.0.0 upwards). */
function distinctAddresses(size) {
  const lines = [];
  let n = 0;
  for (let i = 0; n < size; i++) {
    const line = `10.${(i >>> 16) & 255}.${(i >>> 8) & 255}.${i & 255}\n`;
    lines.push(line);
    n += line.length;
  }
  return lines.join('').slice(0, size);
}

/** 1 MB adversarial inputs. */
export function adversarialInputs() {
  const r = prng(0x5eed);
  const b64chars = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
  return {
    dots: '.'.repeat(MB),
    'digits and dots': '1.'.repeat(MB / 2),
    'a@a@a@': 'a@'.repeat(MB / 2),
    'base64 blob': Array.from({ length: MB }, () => b64chars[Math.floor(r() * 64)]).join(''),
    '1 MB line, no separator': 'abcdefghij'.repeat(MB / 10),
    '100k [': '['.repeat(100_000).padEnd(MB, 'x'),
    'brackets and dots': '1[.'.repeat(MB / 3),
    colons: 'a:'.repeat(MB / 2),
    'hex run': 'f'.repeat(MB),
    'URL with 1 MB path': `http://evil.com/${'a)'.repeat(MB / 2)}`,
    ' dot  words': 'a dot '.repeat(MB / 6),
    // ~70 000 addresses, each once: the de-duplication tables grow past 2^16 slots
    'distinct addresses': distinctAddresses(MB),
  };
}
