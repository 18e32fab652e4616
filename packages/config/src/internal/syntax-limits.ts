import type { CST } from 'yaml';

/** What {@link scanSyntaxTree} found. */
export interface SyntaxTreeScan {
  /** Offset (UTF-16 code units) of the first collection nested deeper than the limit, if any. */
  tooDeepAt: number | undefined;
  /** Offsets of every alias (`*name`), in document order. */
  aliasOffsets: number[];
}

/**
 * Measure yaml's concrete syntax tree without recursion: the first collection
 * nested more than `maxDepth` levels deep, and where the aliases are.
 *
 * yaml's parser builds the syntax tree with its own stack, but turning it into
 * a document (and the document into values) recurses once per level, so a few
 * thousand `[` overflow the call stack; checking the tree first keeps that from
 * ever happening. Every block mapping, block sequence and flow collection
 * counts one level (the top-level mapping is level 1), keys included. yaml
 * resolves each alias by scanning every alias and anchor before it, so the
 * alias count is checked here too.
 */
export function scanSyntaxTree(tokens: readonly CST.Token[], maxDepth: number): SyntaxTreeScan {
  const stack: [CST.Token, number][] = tokens.map((token) => [token, 0]);
  let tooDeepAt: number | undefined;
  const aliasOffsets: number[] = [];
  while (stack.length > 0) {
    const [token, outer] = stack.pop() as [CST.Token, number];
    if (token.type === 'document') {
      if (token.value !== undefined) stack.push([token.value, outer]);
      continue;
    }
    if (token.type === 'alias') {
      aliasOffsets.push(token.offset);
      continue;
    }
    if (token.type !== 'block-map' && token.type !== 'block-seq' && token.type !== 'flow-collection')
      continue;
    const depth = outer + 1;
    if (depth > maxDepth) {
      // Keep looking: the stack is not in document order, and the message should point at the first one.
      if (tooDeepAt === undefined || token.offset < tooDeepAt) tooDeepAt = token.offset;
      continue;
    }
    for (const item of token.items) {
      if (item.key) stack.push([item.key, depth]);
      if (item.value) stack.push([item.value, depth]);
    }
  }
  aliasOffsets.sort((a, b) => a - b);
  return { tooDeepAt, aliasOffsets };
}
