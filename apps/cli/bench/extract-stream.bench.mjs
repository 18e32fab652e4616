// Streams a generated sshd-style log (default 1 GiB, IOCMAP_BENCH_BYTES to change)
// through `iocmap extract --format jsonl` on stdin and reports throughput, the
// number of indicator lines and the child's peak RSS (Linux: VmHWM from /proc).
// Indicators are injected at known positions so the count is checked: every
// 50th line carries a defanged URL and a SHA-256 hash besides the usual IP.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const BIN = fileURLToPath(new URL('../dist/bin.js', import.meta.url));
const TARGET = Number(process.env.IOCMAP_BENCH_BYTES ?? 1024 ** 3);

const templates = [
  (i) =>
    `Dec 10 06:55:46 LabSZ sshd[${24200 + (i % 900)}]: Invalid user webmaster from 173.234.${i % 256}.${(i >> 8) % 256}\n`,
  (i) =>
    `Dec 10 06:55:48 LabSZ sshd[${24200 + (i % 900)}]: Failed password for invalid user admin from 212.47.${i % 256}.10 port ${38000 + (i % 1000)} ssh2\n`,
  () => `Dec 10 06:55:48 LabSZ sshd[24200]: pam_unix(sshd:auth): check pass; user unknown\n`,
  (i) => `Dec 10 07:02:47 LabSZ sshd[24203]: Connection closed by 5.36.${i % 256}.44 [preauth]\n`,
];
const injected = (i) =>
  `Dec 10 07:07:38 LabSZ sshd[24206]: payload hxxp://update-${i % 5000}.bad-cdn[.]com/x.exe sha256 ${(i % 65536).toString(16).padStart(64, 'a')}\n`;

function* lines() {
  let i = 0;
  for (;;) {
    yield i % 50 === 49 ? injected(i) : templates[i % templates.length](i);
    i += 1;
  }
}

const child = spawn(process.execPath, [BIN, 'extract', '--format', 'jsonl', '--quiet'], {
  stdio: ['pipe', 'pipe', 'inherit'],
});
let peakKb = 0;
const poll = setInterval(() => {
  try {
    const status = readFileSync(`/proc/${child.pid}/status`, 'utf8');
    const hwm = Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0);
    if (hwm > peakKb) peakKb = hwm;
  } catch {
    // the child has exited
  }
}, 50);

let outLines = 0;
child.stdout.on('data', (chunk) => {
  for (let i = 0; i < chunk.length; i++) if (chunk[i] === 10) outLines += 1;
});

const started = process.hrtime.bigint();
let written = 0;
let injectedCount = 0;
let ipLines = 0;
const gen = lines();
let n = 0;
await new Promise((resolve, reject) => {
  child.stdin.on('error', reject);
  const pump = () => {
    while (written < TARGET) {
      let batch = '';
      while (batch.length < 1 << 20) {
        const line = gen.next().value;
        if (n % 50 === 49) injectedCount += 1;
        else if (n % templates.length !== 2) ipLines += 1;
        n += 1;
        batch += line;
      }
      written += Buffer.byteLength(batch);
      if (!child.stdin.write(batch)) {
        child.stdin.once('drain', pump);
        return;
      }
    }
    child.stdin.end(resolve);
  };
  pump();
});
const code = await new Promise((resolve) => child.on('close', resolve));
clearInterval(poll);
const seconds = Number(process.hrtime.bigint() - started) / 1e9;
const mb = written / 1024 ** 2;
console.log(
  JSON.stringify({
    bytes: written,
    seconds: Number(seconds.toFixed(2)),
    throughputMiBps: Number((mb / seconds).toFixed(1)),
    peakRssMiB: Number((peakKb / 1024).toFixed(1)),
    exitCode: code,
    outputLines: outLines,
    // Each injected line holds a url, its dns name and a sha256 hash; the others one IPv4 (or none).
    expectedAtLeast: ipLines + injectedCount * 3,
  }),
);
if (code !== 0) process.exitCode = 1;
