import { defineConfig } from 'vitest/config';
import { sourceConditions } from '../vitest.shared.ts';

// Packing and installing happen once, in the global setup; every test then
// runs Node, tsc, vite or Chromium against the installed project. (The source
// condition only serves the test helper @iocmap/chromium: the packages under
// test are never imported here, only from the consumer project.)
export default defineConfig({
  ...sourceConditions,
  test: {
    name: 'consumer',
    globalSetup: ['./test/global-setup.ts'],
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
});
