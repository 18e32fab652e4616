// Throughput benchmark: @iocmap/ioc-extract against ioc-extractor@8.2.0 on the
// same text in the same process, plus 1 MB adversarial inputs. Run with
// `pnpm bench` (builds dist first).
//
// Corpus (bench/corpus.mjs, deterministic): the abuse.ch Feodo Tracker feed
// (58 KB, ~13 indicators/KB), the Loghub OpenSSH log (220 KB, ~8/KB) and
// generated threat-intelligence report prose, repeated in turn as
// feed + log + 400 KB of prose until the corpus passes 10.5 MB (about 11 MB:
// 9% feed, 32% log, 59% prose). The prose is a series of reports: five to seven
// sections of paragraphs in which about one sentence in eight names an
// indicator (mostly defanged), with non-indicator noise (versions, dates,
// ATT&CK IDs, file names, paths, registry keys), then an appendix table or list
// of 15-35 indicators — about 6 matches/KB with paths on (5/KB without), which
// is on the dense side of published reports. No indicator-free filler is
// added. The composition, with indicators per KB as this library counts them,
// is printed first.
//
// Timing is CPU time (user + system) of this process, so other load on the
// machine does not skew either side. Each figure is the median of several
// rounds that alternate between the two libraries after a warm-up of each.
//
// Each library runs in a worker thread of its own (one process, one V8 heap
// per library): in a shared heap each side was also charged for collecting
// the other's garbage, as the collector's background threads count in the
// process's CPU time (this library measured 135 MB/s alternating with
// ioc-extractor in one heap, 165 MB/s alone, on the same text). The workers
// take turns: one round runs at a time.
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import { extractIOC } from 'ioc-extractor';
import { extract, extractMatches, IOC_TYPES } from '../dist/index.js';
import { adversarialInputs, buildCorpus, MB } from './corpus.mjs';

// Every type, the two path types included (they are off by default).
const all = { types: [...IOC_TYPES] };

function cpuMs() {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
}

/** MB/s of one round: repeat `fn(text)` until `minMs` of CPU time have passed. */
function round(fn, text, minMs) {
  let runs = 0;
  const t0 = cpuMs();
  let ms = 0;
  do {
    fn(text);
    runs++;
    ms = cpuMs() - t0;
  } while (ms < minMs);
  return (text.length * runs) / MB / (ms / 1000);
}

if (!isMainThread) {
  // a worker: one library, the texts it is sent, one round per request
  const fn = workerData === 'ours' ? (t) => extract(t, all) : (t) => extractIOC(t);
  const texts = new Map();
  parentPort.on('message', ({ id, text, minMs }) => {
    if (text !== undefined) {
      texts.set(id, text);
      // warm-up
      fn(text);
      parentPort.postMessage(0);
    } else parentPort.postMessage(round(fn, texts.get(id), minMs));
  });
} else await main();

async function main() {
  const workers = {
    ours: new Worker(new URL(import.meta.url), { workerData: 'ours' }),
    theirs: new Worker(new URL(import.meta.url), { workerData: 'theirs' }),
  };
  // one request at a time per worker: its answer (or its failure) settles the pending one
  const pending = new Map();
  for (const w of Object.values(workers)) {
    w.on('message', (v) => pending.get(w).resolve(v));
    w.on('error', (e) => pending.get(w).reject(e));
  }
  const ask = (w, msg) =>
    new Promise((resolve, reject) => {
      pending.set(w, { resolve, reject });
      w.postMessage(msg);
    });
  let nextId = 0;

  const median = (xs) => {
    const s = [...xs].sort((a, b) => a - b);
    return s[s.length >> 1];
  };

  /** Median MB/s of each named worker over `rounds` alternating rounds on `text`, after one warm-up call each. */
  async function compare(names, text, rounds, minMs) {
    const id = nextId++;
    for (const n of names) await ask(workers[n], { id, text });
    const res = names.map(() => []);
    for (let r = 0; r < rounds; r++)
      for (let i = 0; i < names.length; i++) res[i].push(await ask(workers[names[i]], { id, minMs }));
    return res.map(median);
  }

  const { text, parts, missing } = buildCorpus();
  if (missing) console.log('(shared data not found: corpus is generated prose only)');
  const perKB = (t) => (extractMatches(t, all).length / (t.length / 1024)).toFixed(1);
  console.log(`corpus: ${(text.length / MB).toFixed(1)} MB, ${perKB(text)} matches/KB`);
  console.log('  part   size      matches/KB  share of corpus (by repetition)');
  const cycle = parts.feed.length + parts.log.length + 400_000;
  for (const [name, part] of Object.entries(parts)) {
    const share = name === 'prose' ? 400_000 / cycle : part.length / cycle;
    console.log(
      `  ${name.padEnd(6)} ${`${(part.length / 1024).toFixed(0)} KB`.padEnd(9)} ${perKB(part).padStart(10)}  ${(100 * share).toFixed(0)}%`,
    );
  }

  const [oursMBs, theirsMBs] = await compare(['ours', 'theirs'], text, 5, 300);
  console.log(`@iocmap/ioc-extract  ${oursMBs.toFixed(1)} MB/s (CPU time, median of 5 alternating rounds)`);
  console.log(`ioc-extractor@8.2.0  ${theirsMBs.toFixed(1)} MB/s`);
  console.log(`ratio                ${(oursMBs / theirsMBs).toFixed(1)}x (target >= 20x)`);
  for (const [name, part] of Object.entries(parts)) {
    if (part === '') continue;
    const sample = part.repeat(Math.max(1, Math.ceil(MB / part.length)));
    const [a, b] = await compare(['ours', 'theirs'], sample, 5, 200);
    console.log(
      `  ${name.padEnd(7)} ours ${a.toFixed(1)} MB/s, ioc-extractor ${b.toFixed(1)} MB/s, ${(a / b).toFixed(1)}x`,
    );
  }

  let worst = Number.POSITIVE_INFINITY;
  for (const [name, input] of Object.entries(adversarialInputs())) {
    const [mbs] = await compare(['ours'], input, 3, 200);
    worst = Math.min(worst, mbs);
    console.log(
      `adversarial ${name.padEnd(24)} ${mbs.toFixed(1)} MB/s (${(mbs / oursMBs).toFixed(2)} of normal)`,
    );
  }
  console.log(`worst adversarial: ${(worst / oursMBs).toFixed(2)} of normal throughput (target >= 0.10)`);
  for (const w of Object.values(workers)) await w.terminate();
}
