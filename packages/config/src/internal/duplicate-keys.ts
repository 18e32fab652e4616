import { type Document, isMap, isPair, isScalar, isSeq, type Node } from 'yaml';

/** A key that repeats an earlier key of the same mapping. */
export interface DuplicateKey {
  /** Offset (UTF-16 code units) of the repeated key. */
  offset: number;
  /** Offset of the first key it repeats. */
  firstOffset: number;
  /** The key's value when it is a scalar (text, number, boolean or null); undefined for a collection key. */
  key: unknown;
}

/**
 * Find the first repeated key of any mapping in `doc`, in linear time.
 *
 * Same equality as yaml's own `uniqueKeys` check (YAML 1.2 §3.2.1.3 "keys are
 * unique"; yaml compares scalars by resolved value, so `1` and `0x1` clash but
 * `1` and `"1"` do not, and collection keys only with themselves), but with a
 * `Map` per mapping instead of comparing each key with every earlier one, which
 * made a 50 000-key mapping take half a minute. Walks without recursion.
 */
export function findDuplicateKey(doc: Document): DuplicateKey | undefined {
  let found: DuplicateKey | undefined;
  const stack: unknown[] = [doc.contents];
  while (stack.length > 0) {
    const node = stack.pop();
    if (isMap(node)) {
      const seen = new Map<unknown, number>();
      for (const pair of node.items) {
        const key = pair.key as Node | null;
        const offset = key?.range?.[0];
        // NaN is never equal to itself for yaml either.
        if (isScalar(key) && offset !== undefined && !Number.isNaN(key.value)) {
          const firstOffset = seen.get(key.value);
          if (firstOffset === undefined) seen.set(key.value, offset);
          else if (found === undefined || offset < found.offset) {
            found = { offset, firstOffset, key: key.value };
          }
        }
        stack.push(pair.key, pair.value);
      }
    } else if (isSeq(node)) {
      for (const item of node.items) stack.push(item);
    } else if (isPair(node)) {
      stack.push(node.key, node.value);
    }
  }
  return found;
}
