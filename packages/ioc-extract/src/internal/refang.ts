import { isAlnum, isSpace, isWordCodePoint } from './chars.js';
import { isValidDomain } from './domain.js';
import { AT, DOT, EditList, mergeEdits } from './offset-map.js';
import type { Positions } from './positions.js';
import { keepShape } from './shapes.js';

// Defanged URL schemes: hxxp, hXXp, h**p, h__p, hzzzp, hxxps, fxp, ftx, sfXp
// (and the plain http/https/ftp/sftp, so a defanged separator is fixed too).
const SCHEME_RE = /(?:h[xt*_z]{2,3}p(s?)|f[xt*][xp*]|sf[xt*]p)/iy;
// Sticky, bounded: spaces, brackets, core, brackets, spaces — constant work per trigger.
const MARKER_RE =
  /([ \t]{0,3})([[\](){}]{0,8})(\\?\.|dot|DOT|Dot|@|at|AT|:\/\/|:|\/\/|\/)([[\](){}]{0,8})([ \t]{0,3})/y;
const WORD_RE = /[ \t]{1,3}(dot|DOT|Dot|at|AT)[ \t]{1,3}/g;
const DOT_WORD_AHEAD = /^[ \t]{1,3}(?:dot|DOT|Dot)[ \t]{1,3}\S/;
// Function words that read "the dot com" as prose, never as a host label.
const STOP_WORDS = new Set([
  'the',
  'a',
  'an',
  'this',
  'that',
  'these',
  'those',
  'of',
  'in',
  'on',
  'is',
  'was',
  'are',
  'to',
  'for',
  'and',
  'or',
  'with',
  'by',
  'from',
  'as',
  'at',
  'be',
  'it',
  'its',
  'not',
  'no',
  'so',
  'if',
  'then',
  'than',
  'into',
  'via',
  'per',
  'we',
  'you',
  'he',
  'she',
  'they',
  'i',
]);

const isOpener = (c: number): boolean => c === 91 || c === 40 || c === 123;
const isCloser = (c: number): boolean => c === 93 || c === 41 || c === 125;
const isBracket = (c: number): boolean => isOpener(c) || isCloser(c);
/** A character that can end or start a host label: ASCII letter/digit or any non-ASCII letter-ish. */
const isLabelEdge = (c: number): boolean =>
  isAlnum(c) || (c >= 0xc0 && !(c >= 0x2000 && c <= 0x2bff) && c !== 0x3000 && c !== 0xfeff);
const isLocalChar = (c: number): boolean =>
  isAlnum(c) || c === 46 || c === 95 || c === 37 || c === 43 || c === 45;

/** Options that influence which word forms validate. */
export interface RefangOptions {
  readonly ignoreTlds: boolean;
}

/**
 * Context-aware refang edits over `w` (already Unicode-folded).
 *
 * Each rewrite checks its own surroundings instead of rewriting the whole
 * text: a bracketed dot needs a label character on both sides, a scheme is
 * only rewritten when it is a known defanged form followed by a separator, and
 * the word forms ` dot ` / ` at ` only where the joined result validates.
 * `colons`, when given, receives the position of every `:` in `w` outside
 * the scheme rewrites (a scheme rewrite's own colons may be there too).
 */
export function refangEdits(w: string, opts: RefangOptions, colons?: Positions): EditList {
  const hard = schemeEdits(w, colons);
  const markers = markerEdits(w, hard);
  const all = mergeEdits(hard, markers);
  const words = wordEdits(w, all, opts);
  return mergeEdits(all, words);
}

const isSchemeWordChar = (c: number): boolean =>
  (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 42 || c === 95;

/**
 * Scheme rewrites, found from their separators: every separator starts with
 * `:`, an opener before `:`, or `__`, which literal searches find far faster
 * than a pattern led by the common letters h, f and s.
 */
function schemeEdits(w: string, colons: Positions | undefined): EditList {
  const edits = new EditList();
  let lastEnd = 0;
  let nextColon = w.indexOf(':');
  let nextUnder = w.indexOf('__');
  for (;;) {
    if (nextColon !== -1 && nextColon < lastEnd) nextColon = w.indexOf(':', lastEnd);
    if (nextUnder !== -1 && nextUnder < lastEnd) nextUnder = w.indexOf('__', lastEnd);
    const c = nextColon === -1 ? nextUnder : nextUnder === -1 ? nextColon : Math.min(nextColon, nextUnder);
    if (c === -1) break;
    if (c === nextColon) {
      // every colon outside a scheme rewrite passes here once: kept for the scanners
      colons?.push(c);
      nextColon = w.indexOf(':', c + 1);
    } else nextUnder = w.indexOf('__', c + 1);
    // every separator has "/", "\\", "_", an opener or a closer after its colon ("06:55" has none)
    if (w.charCodeAt(c) === 58 && !isSeparatorNext(w.charCodeAt(c + 1))) continue;
    const q = w.charCodeAt(c) === 58 && isOpener(w.charCodeAt(c - 1)) ? c - 1 : c;
    let ws = q;
    while (ws > lastEnd && q - ws < 6 && isSchemeWordChar(w.charCodeAt(ws - 1))) ws--;
    for (let st = ws; st <= q - 3; st++) {
      if (st > 0 && isAlnum(w.charCodeAt(st - 1))) continue;
      // test(), not exec(): the sticky pattern's end is its lastIndex, with no match array made
      SCHEME_RE.lastIndex = st;
      if (!SCHEME_RE.test(w) || SCHEME_RE.lastIndex !== q) continue;
      const word = w.slice(st, q).toLowerCase();
      const canonical = word.startsWith('h')
        ? word.endsWith('s')
          ? 'https'
          : 'http'
        : word.startsWith('sf')
          ? 'sftp'
          : 'ftp';
      let end = parseSeparator(w, q);
      if (end < 0) break;
      // "hxxp:// host": a space after the scheme, when a host follows
      let k = end;
      while (k < w.length && k - end < 3 && (w.charCodeAt(k) === 32 || w.charCodeAt(k) === 9)) k++;
      if (k > end && k < w.length && (isLabelEdge(w.charCodeAt(k)) || w.charCodeAt(k) === 91)) end = k;
      const text = `${canonical}://`;
      if (w.slice(st, end) !== text) edits.push(st, end, text);
      lastEnd = end;
      break;
    }
  }
  return edits;
}

const isSeparatorNext = (c: number): boolean => c === 47 || c === 92 || c === 95 || isBracket(c);

function parseSeparator(w: string, q: number): number {
  const c = w.charCodeAt(q);
  if (isOpener(c)) {
    if (w.startsWith('://', q + 1) && isCloser(w.charCodeAt(q + 4))) return q + 5;
    if (w.charCodeAt(q + 1) === 58 && isCloser(w.charCodeAt(q + 2))) return parseSlashes(w, q + 3);
    return -1;
  }
  if (c === 58) return parseSlashes(w, q + 1);
  if (w.startsWith('__', q)) return q + 2;
  return -1;
}

function parseSlashes(w: string, q: number): number {
  if (w.startsWith('//', q) || w.startsWith('\\\\', q) || w.startsWith('__', q)) return q + 2;
  for (const s of ['[//]', '(//)', '{//}', '[/]/', '/[/]']) if (w.startsWith(s, q)) return q + 4;
  if (w.startsWith('[/][/]', q)) return q + 6;
  return -1;
}

const OPENERS = ['[', '(', '{'];
const CLOSERS = [']', ')', '}'];
const isCoreStart = (c: number): boolean =>
  c === 46 || c === 64 || c === 58 || c === 47 || c === 100 || c === 68 || c === 97 || c === 65;
const isCoreEnd = (c: number): boolean =>
  c === 46 || c === 64 || c === 58 || c === 47 || c === 116 || c === 84;

/**
 * Positions where a marker such as `[.]`, `.]]]`, `{@}` or `[://]` can start:
 * an opener before a core character, a core character before a closer (the
 * trigger is the core), or `\\.`. Each of the seven needles is found by
 * native `indexOf` (several times faster than a pattern led by a character
 * class, or a loop over every character) and kept at its next trigger in a
 * tight loop of its own: brackets that are no marker (`sshd[24200]`,
 * `(loader)`) cost one search and one character test, and the seven are
 * compared only when a trigger is handed out.
 */
class MarkerTriggers {
  private readonly w: string;
  /** Next trigger of each needle at or after the last `from` asked for; -2 before the first search, -1 when none is left. */
  private readonly at = new Int32Array(7).fill(-2);

  constructor(w: string) {
    this.w = w;
  }

  /** The first trigger of needle `i` at or after `from`, or -1. */
  private advance(i: number, from: number): number {
    const w = this.w;
    if (i < 3) {
      const ch = OPENERS[i] as string;
      let p = w.indexOf(ch, from);
      while (p !== -1 && !isCoreStart(w.charCodeAt(p + 1))) p = w.indexOf(ch, p + 1);
      return p;
    }
    if (i < 6) {
      // a closer triggers at the core before it
      const ch = CLOSERS[i - 3] as string;
      let p = w.indexOf(ch, from + 1);
      while (p !== -1 && !isCoreEnd(w.charCodeAt(p - 1))) p = w.indexOf(ch, p + 1);
      return p === -1 ? -1 : p - 1;
    }
    return w.indexOf('\\.', from);
  }

  /** The first trigger position at or after `from`, or -1. */
  next(from: number): number {
    const at = this.at;
    let best = -1;
    for (let i = 0; i < 7; i++) {
      let t = at[i] as number;
      if (t === -1) continue;
      if (t < from) {
        t = this.advance(i, from);
        at[i] = t;
        if (t === -1) continue;
      }
      if (best === -1 || t < best) best = t;
    }
    return best;
  }
}

keepShape(new MarkerTriggers(''));

function markerEdits(w: string, schemes: EditList): EditList {
  const edits = new EditList();
  let si = 0;
  let minStart = 0;
  let from = 0;
  const triggers = new MarkerTriggers(w);
  for (let t = triggers.next(0); t !== -1; t = triggers.next(from)) {
    from = t + 1;
    while (si < schemes.length && schemes.end(si) <= t) si++;
    if (si < schemes.length && schemes.start(si) <= t) {
      from = schemes.end(si);
      continue;
    }
    let p = t;
    // back up over a run of brackets ("[[[.]]]") to where the marker begins
    while (p > minStart && t - p < 8 && isBracket(w.charCodeAt(p - 1))) p--;
    const prev = w.charCodeAt(p - 1);
    let start: number;
    if (!isBracket(w.charCodeAt(p)) && w.charCodeAt(p) !== 92) {
      // the core comes first: ".]]]" or "dot)" straight after a label
      if (!isLabelEdge(prev)) continue;
      start = p;
    } else if (prev === 46 && p >= 2 && isLabelEdge(w.charCodeAt(p - 2))) start = p - 1;
    else if (prev === 32 || prev === 9) {
      let k = p - 1;
      while (k > 0 && p - k < 3 && (w.charCodeAt(k - 1) === 32 || w.charCodeAt(k - 1) === 9)) k--;
      start = k;
    } else if (p > 0 && !isSpace(prev)) start = p;
    else continue;
    if (start < minStart) continue;
    // fast path for the commonest form, label[.]label
    if (
      start === p &&
      w.charCodeAt(p + 1) === 46 &&
      isOpener(w.charCodeAt(p)) &&
      isCloser(w.charCodeAt(p + 2))
    ) {
      if (isLabelEdge(prev) && isLabelEdge(w.charCodeAt(p + 3)) && !isBracket(w.charCodeAt(p + 3))) {
        edits.pushCode(p, p + 3, DOT);
        minStart = p + 3;
        from = p + 3;
        continue;
      }
    }
    // and for an unbalanced opener, label[.label (what MARKER_RE gives there, without the match array)
    if (
      start === p &&
      w.charCodeAt(p + 1) === 46 &&
      isOpener(w.charCodeAt(p)) &&
      isLabelEdge(prev) &&
      isLabelEdge(w.charCodeAt(p + 2))
    ) {
      edits.pushCode(p, p + 2, DOT);
      minStart = p + 2;
      from = p + 2;
      continue;
    }
    MARKER_RE.lastIndex = start;
    const m = MARKER_RE.exec(w);
    if (m === null) continue;
    // indexed reads: destructuring a match array goes through the iterator protocol
    const whole = m[0];
    const sp1 = m[1] ?? '';
    const open = m[2] ?? '';
    const core = m[3] ?? '';
    const close = m[4] ?? '';
    const sp2 = m[5] ?? '';
    let end = start + whole.length;
    const before = w.charCodeAt(start - 1);
    let after = w.charCodeAt(end);
    if (start === 0 || Number.isNaN(after)) continue;
    const enclosed =
      open.length > 0 &&
      close.length > 0 &&
      isOpener(open.charCodeAt(open.length - 1)) &&
      isCloser(close.charCodeAt(0));
    if ((sp1.length > 0 || sp2.length > 0) && !enclosed) continue;
    let text: string;
    switch (core) {
      case '.':
      case '\\.':
      case 'dot':
      case 'DOT':
      case 'Dot':
        if (core === '.' ? open.length + close.length === 0 : core !== '\\.' && !enclosed) continue;
        if (!isLabelEdge(before) || !isLabelEdge(after)) continue;
        text = '.';
        break;
      case '@':
      case 'at':
      case 'AT':
        if (core === '@' ? open.length + close.length === 0 : !enclosed) continue;
        if (!isLocalChar(before) || !isLabelEdge(after)) continue;
        text = '@';
        break;
      default:
        // ":", "/", "//", "://" only in the exact enclosed form [:] [/] [//] [://]
        if (open.length !== 1 || !enclosed || sp1.length > 0) continue;
        // exactly one closer: "[:][:]" is two markers
        end = start + open.length + core.length + 1;
        after = w.charCodeAt(end);
        if (isSpace(before) || isSpace(after)) continue;
        if (core === ':' && !((isAlnum(before) || start === minStart) && (isAlnum(after) || after === 91)))
          continue;
        text = core;
    }
    edits.push(start, end, text);
    minStart = end;
    from = Math.max(t + 1, end);
  }
  return edits;
}

/** Index of the edit in `list` (sorted) that covers `pos`, or -1. */
function coverAt(list: EditList, pos: number): number {
  let lo = 0;
  let hi = list.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (list.end(mid) <= pos) lo = mid + 1;
    else if (list.start(mid) > pos) hi = mid - 1;
    else return mid;
  }
  return -1;
}

/** Index of the first edit in `list` that starts at or after `a`. */
function firstFrom(list: EditList, a: number): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (list.start(mid) < a) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The refanged text of `w.slice(a, b)`, applying the edits of `x` and `y` that lie inside it. */
function refangRange(w: string, x: EditList, y: EditList, a: number, b: number): string {
  let i = firstFrom(x, a);
  let j = firstFrom(y, a);
  let out = '';
  let pos = a;
  let any = false;
  for (;;) {
    const xin = i < x.length && x.end(i) <= b;
    const yin = j < y.length && y.end(j) <= b;
    if (!xin && !yin) break;
    const list = xin && (!yin || x.start(i) <= y.start(j)) ? x : y;
    const k = list === x ? i++ : j++;
    any = true;
    out += w.slice(pos, list.start(k)) + list.text(k);
    pos = list.end(k);
  }
  return !any ? w.slice(a, b) : out + w.slice(pos, b);
}

/** One to four dot-separated parts of 1-3 digits, each at most 255. */
function isIPv4Prefix(s: string): boolean {
  let parts = 1;
  let digits = 0;
  let value = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 46) {
      if (digits === 0 || ++parts > 4) return false;
      digits = 0;
      value = 0;
    } else if (c >= 48 && c <= 57) {
      value = value * 10 + (c - 48);
      if (++digits > 3 || value > 255) return false;
    } else return false;
  }
  return digits > 0;
}

// The pieces of a word that a word form may join, found by hand: patterns
// anchored at a word's end (`[...]+$`) retry from every position of it, and
// these run once for every ` dot ` of a text.

/** The code point that ends at `end` in `s`, times 4, plus its length in units (1 or 2). */
function codePointBefore(s: string, end: number): number {
  const c = s.charCodeAt(end - 1);
  if (c >= 0xdc00 && c <= 0xdfff && end >= 2) {
    const hi = s.charCodeAt(end - 2);
    if (hi >= 0xd800 && hi <= 0xdbff) return ((hi - 0xd800) * 0x400 + (c - 0xdc00) + 0x10000) * 4 + 2;
  }
  return c * 4 + 1;
}

/** Where the host-like end of `s` begins: what `/[\p{L}\p{M}\p{N}.-]+$/u` matches. */
export function hostishSuffixStart(s: string): number {
  let i = s.length;
  while (i > 0) {
    const c = s.charCodeAt(i - 1);
    if (c === 46 || c === 45) i--;
    else {
      const cp = codePointBefore(s, i);
      if (!isWordCodePoint(cp >> 2)) break;
      i -= cp & 3;
    }
  }
  return i;
}

/**
 * The end of the host-like start of `s`: labels of letters, marks, numbers
 * and `-` (code points, as with the u flag), joined by single dots; a dot that
 * no label follows is left out (the pattern it stands for is in
 * test/internal/refang-words.test.ts).
 */
export function hostishPrefixEnd(s: string): number {
  let i = 0;
  let end = 0;
  for (;;) {
    // one label, then a dot only if another label follows it
    const start = i;
    while (i < s.length) {
      const cp = s.codePointAt(i) as number;
      if (cp !== 45 && !isWordCodePoint(cp)) break;
      i += cp > 0xffff ? 2 : 1;
    }
    if (i === start) return end;
    end = i;
    if (s.charCodeAt(i) !== 46) return end;
    i++;
  }
}

const isTrailingPunct = (c: number): boolean =>
  c === 46 ||
  c === 44 ||
  c === 59 ||
  c === 58 ||
  c === 33 ||
  c === 63 ||
  c === 41 ||
  c === 93 ||
  c === 125 ||
  c === 39 ||
  c === 34;

/** `s` without its trailing run of `.,;:!?)]}'"`. */
export function trimTrailingPunct(s: string): string {
  let i = s.length;
  while (i > 0 && isTrailingPunct(s.charCodeAt(i - 1))) i--;
  return i === s.length ? s : s.slice(0, i);
}

/** Where the email-local-part-like end of `s` begins: what `/[A-Za-z0-9._%+-]+$/` matches. */
export function localSuffixStart(s: string): number {
  let i = s.length;
  while (i > 0 && isLocalChar(s.charCodeAt(i - 1))) i--;
  return i;
}

/** `s.lastIndexOf(char)` by hand: lastIndexOf is a runtime call in V8, several times slower on short strings. */
function lastIndexOfCode(s: string, code: number): number {
  let i = s.length - 1;
  while (i >= 0 && s.charCodeAt(i) !== code) i--;
  return i;
}

const isBlank = (c: number): boolean => c === 32 || c === 9;

/**
 * True when `w` holds a dot word between blanks (` dot `, `\tDOT `). Every
 * word rewrite needs one: ` dot ` itself, or an ` at ` whose domain is spelled
 * with one. Literal searches (the words' first letters are rare, and a hit
 * is handed back only for the whole word) are far cheaper than running
 * WORD_RE, led by a blank, over text that has none; `DOT` and `Dot` share
 * one search for their rare capital.
 */
function hasDotWord(w: string): boolean {
  for (let p = w.indexOf('dot', 1); p !== -1; p = w.indexOf('dot', p + 1))
    if (isBlankWordAt(w, p)) return true;
  for (let p = w.indexOf('D', 1); p !== -1; p = w.indexOf('D', p + 1)) {
    const o = w.charCodeAt(p + 1);
    const t = w.charCodeAt(p + 2);
    if (((o === 79 && t === 84) || (o === 111 && t === 116)) && isBlankWordAt(w, p)) return true;
  }
  return false;
}

/** True when the three-letter word at `p` has a blank on each side. */
const isBlankWordAt = (w: string, p: number): boolean =>
  isBlank(w.charCodeAt(p - 1)) && isBlank(w.charCodeAt(p + 3));

/**
 * Where the word starting at `a` ends: at the first space or line break that
 * no edit of `hard` covers (`evil [.] com` is one word), at most 96
 * characters on.
 */
function wordEnd(w: string, hard: EditList, a: number): number {
  let re = a;
  while (re < w.length && re - a < 96) {
    if (!isSpace(w.charCodeAt(re))) {
      re++;
      continue;
    }
    const h = coverAt(hard, re);
    if (h < 0) break;
    re = hard.end(h);
  }
  return re;
}

/**
 * The start of the next word when `w` holds a dot word at `e` (the end of a
 * word) that links it to that word: 1-3 blanks, `dot`, `DOT` or `Dot`, 1-3
 * blanks, then a label character, the dot word untouched by `hard`; else -1.
 * The same dot words, with the same checks, that {@link wordEdits} meets
 * through WORD_RE.
 */
function dotLinkAt(w: string, hard: EditList, e: number): number {
  let i = e;
  while (i - e < 3 && isBlank(w.charCodeAt(i))) i++;
  if (i === e) return -1;
  const d = w.charCodeAt(i);
  const o = w.charCodeAt(i + 1);
  const t = w.charCodeAt(i + 2);
  if (
    !(
      (d === 100 && o === 111 && t === 116) ||
      (d === 68 && ((o === 79 && t === 84) || (o === 111 && t === 116)))
    )
  )
    return -1;
  let j = i + 3;
  while (j - i - 3 < 3 && isBlank(w.charCodeAt(j))) j++;
  if (j === i + 3 || j >= w.length || !isLabelEdge(w.charCodeAt(j))) return -1;
  if (coverAt(hard, e) >= 0 || coverAt(hard, j - 1) >= 0) return -1;
  return j;
}

/** True when all of `s` is host labels joined by dots: a word a dot word may link on to the next. */
const isWholeHostish = (s: string): boolean => s !== '' && hostishPrefixEnd(s) === s.length;

/**
 * The word-form edits (` dot ` to `.`, ` at ` to `@`) of `w`, given the
 * bracket and scheme edits `hard`.
 *
 * A ` dot ` is checked with all that it joins: the host-like end of the text
 * on its left (following joins already made) and, on its right, the chain of
 * words linked by further dot words (`www dot evil dot co dot uk`), at most
 * 253 characters in all (RFC 1035's limit on a name). The whole join must be
 * a valid domain or IPv4 prefix; then every dot word of the chain is taken
 * without a second look. When it is not, no dot word of that chain is taken,
 * so a name that does not validate never yields its valid tail (`-bad`,
 * `x dot evil dot com dot the`). A left side that is no label (a stop word,
 * nothing host-like, a trailing `.` or `-`) is not part of the chain: it
 * refuses its own dot word only, and the chain starts on its right.
 * Each chain is read once, by its first dot word, and each later dot word of
 * it costs one look at the word on its left, so the work stays linear.
 */
function wordEdits(w: string, hard: EditList, opts: RefangOptions): EditList {
  const edits = new EditList();
  if (!hasDotWord(w)) return edits;
  // the last dot word (its start) of a chain whose join validated
  let takenTo = -1;
  // the start of the word after the last dot word of a chain whose join did
  // not validate: a dot word whose left word starts there is in that chain
  let refusedFrom = -1;
  WORD_RE.lastIndex = 0;
  // test(), not exec(): each match is read back from its end, with no match
  // array made per word (a text can hold one every six characters)
  while (WORD_RE.test(w)) {
    const q = WORD_RE.lastIndex;
    // back over the trailing blanks, the word (dot, DOT, Dot: "o" before the
    // final "t"; at, AT: "a") and at most three leading blanks, as matched
    let we = q;
    while (isBlank(w.charCodeAt(we - 1))) we--;
    const isDot = (w.charCodeAt(we - 2) | 32) === 111;
    const ws = we - (isDot ? 3 : 2);
    let p = ws;
    while (ws - p < 3 && isBlank(w.charCodeAt(p - 1))) p--;
    if (p === 0 || q >= w.length || coverAt(hard, p) >= 0 || coverAt(hard, q - 1) >= 0) continue;
    if (!isLabelEdge(w.charCodeAt(q)) || isSpace(w.charCodeAt(p - 1))) continue;
    if (isDot && p <= takenTo) {
      edits.pushCode(p, q, DOT);
      continue;
    }
    // the word to the right, refanged
    const re = wordEnd(w, hard, q);
    const rightRaw = refangRange(w, hard, edits, q, re);
    const rightText = trimTrailingPunct(rightRaw);
    const right = rightText.slice(0, hostishPrefixEnd(rightText));
    if (right === '') continue;
    // " at " is ordinary prose ("the C2 at evil[.]com"): only an address whose
    // domain is itself spelled with " dot " words reads as an email
    if (
      !isDot &&
      !(
        right.length === rightText.length &&
        !right.includes('.') &&
        DOT_WORD_AHEAD.test(w.slice(re, re + 12))
      )
    ) {
      continue;
    }
    // the word to the left, refanged, following bridges already accepted
    let k = p;
    while (k > 0 && p - k < 96) {
      const c = w.charCodeAt(k - 1);
      if (!isSpace(c)) {
        k--;
        continue;
      }
      const h = coverAt(hard, k - 1);
      if (h >= 0) k = hard.start(h);
      else {
        const e = coverAt(edits, k - 1);
        if (e < 0) break;
        k = edits.start(e);
      }
    }
    const leftText = refangRange(w, hard, edits, k, p);
    if (isDot) {
      if (k === refusedFrom && isWholeHostish(leftText)) {
        refusedFrom = q;
        continue;
      }
      const afterAt = leftText.slice(lastIndexOfCode(leftText, 64) + 1);
      const host = afterAt.slice(hostishSuffixStart(afterAt));
      if (host === '' || host.endsWith('.') || host.endsWith('-')) continue;
      const lastLabel = host.slice(lastIndexOfCode(host, 46) + 1).toLowerCase();
      if (STOP_WORDS.has(lastLabel)) continue;
      // the chain on the right: words linked by dot words, while each is
      // wholly host labels, up to the longest name that can validate
      let joined = right;
      let lastLink = -1;
      let end = re;
      let linked = right === rightRaw;
      while (linked && host.length + joined.length < 253) {
        const next = dotLinkAt(w, hard, end);
        if (next < 0) break;
        const e2 = wordEnd(w, hard, next);
        const raw = refangRange(w, hard, edits, next, e2);
        const t = trimTrailingPunct(raw);
        const part = t.slice(0, hostishPrefixEnd(t));
        if (part === '') break;
        joined += `.${part}`;
        lastLink = end;
        linked = part === raw;
        end = e2;
      }
      const merged = `${host}.${joined}`.toLowerCase();
      if (!isValidDomain(merged, opts.ignoreTlds) && !isIPv4Prefix(merged)) {
        refusedFrom = q;
        continue;
      }
      edits.pushCode(p, q, DOT);
      takenTo = lastLink;
    } else {
      const local = leftText.slice(localSuffixStart(leftText));
      if (local === '' || local.length > 64 || local.startsWith('.') || local.endsWith('.')) continue;
      if (STOP_WORDS.has(local.toLowerCase())) continue;
      edits.pushCode(p, q, AT);
    }
  }
  return edits;
}
