import { type Document, isMap, isScalar, type LineCounter } from 'yaml';

/** 1-based position of a setting in the file, or undefined when it cannot be found. */
export interface Position {
  line: number;
  column: number;
}

/**
 * Locate the deepest existing key along `path` (the key itself, not its
 * value, so a message points at the `AuthKey:` line even when the value is on
 * the following lines).
 */
export function locate(
  doc: Document,
  lineCounter: LineCounter,
  path: readonly (string | number)[],
): Position | undefined {
  let node: unknown = doc.contents;
  let offset: number | undefined = isScalar(node) || isMap(node) ? node.range?.[0] : undefined;
  for (const segment of path) {
    if (!isMap(node)) break;
    const pair = node.items.find((item) => isScalar(item.key) && String(item.key.value) === String(segment));
    if (pair === undefined) break;
    const key = pair.key as { range?: [number, number, number] | null };
    if (key.range) offset = key.range[0];
    node = pair.value;
  }
  if (offset === undefined) return undefined;
  const { line, col } = lineCounter.linePos(offset);
  return { line, column: col };
}
