import {
  Composer,
  type CST,
  type Document,
  type ErrorCode,
  type LineCounter,
  Parser,
  YAMLParseError,
} from 'yaml';
import { findDuplicateKey } from './duplicate-keys.js';
import { scanSyntaxTree } from './syntax-limits.js';

/** Why a text is not a usable YAML document, with the source range it concerns. */
export interface YamlFault {
  /** yaml's error code; `DUPLICATE_KEY` and `RESOURCE_EXHAUSTION` (too deep) come from the checks here. */
  code: ErrorCode;
  /** One sentence, never quoting the source (it may hold a secret) beyond a key shaped like a setting name. */
  reason: string;
  /** Start and end offsets (UTF-16 code units). */
  range: [number, number];
}

/** A parsed document, or the first fault in it. */
export type ParsedYaml = { doc: Document; fault?: undefined } | { doc?: undefined; fault: YamlFault };

/** A key shaped like a setting name (`TIProviders`, `k17`, `api-key.v2`): safe to show. */
const SETTING_NAME = /^[A-Za-z_][\w.-]{0,59}$/;

/** The duplicate key as a message names it: by name when shaped like a setting name, else only by position (a stray secret may sit in a key). */
function describeKey(key: unknown): string {
  if (typeof key === 'string' && SETTING_NAME.test(key)) return `the key ${JSON.stringify(key)}`;
  if (typeof key === 'number' || typeof key === 'boolean' || key === null) return `the key ${String(key)}`;
  return 'this key';
}

/** Resource limits of {@link parseYaml}. */
export interface YamlLimits {
  /** Most collections nested inside each other. */
  maxDepth: number;
  /** Most aliases in the document (yaml resolves each in time linear in the aliases before it). */
  maxAliases: number;
}

/**
 * Parse one YAML document like yaml's `parseDocument`, refusing nesting deeper
 * than `limits.maxDepth` (before anything recurses) and more than
 * `limits.maxAliases` aliases, and checking duplicate keys in
 * linear time instead of with yaml's quadratic `uniqueKeys`.
 *
 * Of several faults, the one earliest in the text is reported (as yaml does
 * for its own errors), so a duplicate key before a syntax error is named first.
 */
export function parseYaml(text: string, lineCounter: LineCounter, limits: YamlLimits): ParsedYaml {
  const tokens: CST.Token[] = Array.from(new Parser(lineCounter.addNewLine).parse(text));
  const scan = scanSyntaxTree(tokens, limits.maxDepth);
  if (scan.tooDeepAt !== undefined) {
    return {
      fault: {
        code: 'RESOURCE_EXHAUSTION',
        reason: `Collections (mappings and sequences) nest more than ${limits.maxDepth} levels deep here, iocmap's limit (msticpy's settings nest about 6 deep)`,
        range: [scan.tooDeepAt, scan.tooDeepAt + 1],
      },
    };
  }
  const pastAliasLimit = scan.aliasOffsets[limits.maxAliases];
  if (pastAliasLimit !== undefined) {
    return {
      fault: {
        code: 'RESOURCE_EXHAUSTION',
        reason: `More than ${limits.maxAliases} aliases (*name) in one file, iocmap's limit; write the values out instead`,
        range: [pastAliasLimit, pastAliasLimit + 1],
      },
    };
  }
  const composer = new Composer({ uniqueKeys: false });
  let doc: Document | undefined;
  for (const next of composer.compose(tokens, true, text.length)) {
    if (doc === undefined) {
      doc = next;
    } else {
      // As yaml's parseDocument does: one document only.
      const reason =
        'Source contains multiple documents; keep one (delete the second "---" and what follows)';
      doc.errors.push(new YAMLParseError([next.range[0], next.range[1]], 'MULTIPLE_DOCS', reason));
      break;
    }
  }
  // compose(tokens, true) always yields a document, even for empty text.
  const parsed = doc as Document;
  const yamlError = parsed.errors[0];
  const duplicate = findDuplicateKey(parsed);
  if (duplicate !== undefined && (yamlError === undefined || duplicate.offset < yamlError.pos[0])) {
    const first = lineCounter.linePos(duplicate.firstOffset);
    return {
      fault: {
        code: 'DUPLICATE_KEY',
        reason: `Map keys must be unique; ${describeKey(duplicate.key)} is already used at line ${first.line}, column ${first.col} of the same mapping`,
        range: [duplicate.offset, duplicate.offset + 1],
      },
    };
  }
  if (yamlError !== undefined) {
    return { fault: { code: yamlError.code, reason: yamlError.message, range: yamlError.pos } };
  }
  return { doc: parsed };
}
