import { readFileSync } from 'node:fs';
import { extract } from '@iocmap/ioc-extract';
import { describe, expect, it } from 'vitest';
import { sharedPath } from './shared.js';

interface Case {
  id: string;
  category: string;
  input: string;
  expected: Record<string, string[]>;
  note?: string;
}

const cases: Case[] = readFileSync(sharedPath('cases/ioc-cases.jsonl'), 'utf8')
  .split('\n')
  .filter((line) => line.trim() !== '')
  .map((line) => JSON.parse(line) as Case);

describe('shared extraction cases', () => {
  it('has the cases file', () => {
    expect(cases.length).toBeGreaterThan(40);
    expect(cases.some((c) => c.id === 'seed')).toBe(true);
  });

  // A type absent from `expected` must not be reported, so compare whole objects.
  it.each(cases.map((c) => [c.id, c] as const))('%s', (_id, c) => {
    expect(extract(c.input)).toEqual(c.expected);
  });
});
