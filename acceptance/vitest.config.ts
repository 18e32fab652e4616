import { defineConfig } from 'vitest/config';
import { sourceConditions } from '../vitest.shared.ts';

export default defineConfig({
  ...sourceConditions,
  test: { name: 'acceptance', testTimeout: 120_000, hookTimeout: 120_000 },
});
