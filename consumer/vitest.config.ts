import { defineConfig } from 'vitest/config';

// Packing and installing happen once, in the global setup; every test then
// runs Node, tsc, vite or Chromium against the installed project.
export default defineConfig({
  test: {
    name: 'consumer',
    globalSetup: ['./test/global-setup.ts'],
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
});
