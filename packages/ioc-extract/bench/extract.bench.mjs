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
// rounds that alternate between the two libraries after a warm-up round of
// each, not measured. (After a single warm-up call this library's first round
// ran at under half the speed of the later ones: V8 was still recompiling code
// it had specialised on that call's closures. Both libraries get the same
// warm-up.) On the corpus a round lasts at least 1.5 s of CPU time: one
// ioc-extractor call takes about 1.3 s, so both libraries' rounds are about
// as long, and the garbage each leaves behind, collected during the other's
// round and counted there (CPU time includes the collector's threads), weighs
// the same on both. With 300 ms rounds this library's round held about five
// calls to ioc-extractor's one, and its first call after each ioc-extractor
// round ran about 9 ms (15%) slower, collecting the other's garbage.
import { extractIOC } from 'ioc-extractor';
import { extract, extractMatches, IOC_TYPES } from '../dist/index.js';
import { adversarialInputs, buildCorpus, MB } from './corpus.mjs';

// Every type, the two path types included (they are off by default).
const all = { types: [...IOC_TYPES] };
const ours = (t) => extract(t, all);
const theirs = (t) => extractIOC(t);

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

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[s.length >> 1];
};

/** Median MB/s of each function over `rounds` alternating rounds, after one warm-up round each. */
function compare(fns, text, rounds, minMs) {
  for (const fn of fns) round(fn, text, minMs);
  const res = fns.map(() => []);
  for (let r = 0; r < rounds; r++)
    for (let i = 0; i < fns.length; i++) res[i].push(round(fns[i], text, minMs));
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

const [oursMBs, theirsMBs] = compare([ours, theirs], text, 5, 1500);
console.log(
  `@iocmap/ioc-extract  ${oursMBs.toFixed(1)} MB/s (CPU time, median of 5 alternating rounds of >= 1.5 s)`,
);
console.log(`ioc-extractor@8.2.0  ${theirsMBs.toFixed(1)} MB/s`);
console.log(`ratio                ${(oursMBs / theirsMBs).toFixed(1)}x (target >= 20x)`);
for (const [name, part] of Object.entries(parts)) {
  if (part === '') continue;
  const sample = part.repeat(Math.max(1, Math.ceil(MB / part.length)));
  const [a, b] = compare([ours, theirs], sample, 5, 200);
  console.log(
    `  ${name.padEnd(7)} ours ${a.toFixed(1)} MB/s, ioc-extractor ${b.toFixed(1)} MB/s, ${(a / b).toFixed(1)}x`,
  );
}

let worst = Number.POSITIVE_INFINITY;
for (const [name, input] of Object.entries(adversarialInputs())) {
  const [mbs] = compare([ours], input, 5, 200);
  worst = Math.min(worst, mbs);
  console.log(
    `adversarial ${name.padEnd(24)} ${mbs.toFixed(1)} MB/s (${(mbs / oursMBs).toFixed(2)} of normal)`,
  );
}
console.log(`worst adversarial: ${(worst / oursMBs).toFixed(2)} of normal throughput (target >= 0.10)`);

// The first call after a full garbage collection, against the calls after it
// (run with --expose-gc, as `pnpm bench` does): code specialised on objects
// that a collection freed would be thrown away and rebuilt on that call.
if (typeof globalThis.gc === 'function') {
  const first = [];
  const next = [];
  for (let i = 0; i < 5; i++) {
    // twice: a collection first finishes sweeping what the one before found
    // dead, which would otherwise run on background threads during the call
    // and count in its CPU time
    globalThis.gc();
    globalThis.gc();
    for (const into of [first, next]) {
      const t0 = cpuMs();
      ours(text);
      into.push(cpuMs() - t0);
    }
  }
  console.log(
    `after a full collection: first call ${median(first).toFixed(0)} ms, next call ${median(next).toFixed(0)} ms (CPU time, median of 5)`,
  );
}
