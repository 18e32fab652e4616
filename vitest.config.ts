import { defineConfig } from 'vitest/config';

// One run over every workspace package's unit tests. Each project resolves
// workspace dependencies to their `src/` through the `@iocmap/source` export
// condition, so unit tests never need a build; only the CLI's end-to-end tests
// spawn the built binary (the root `test` script builds first).
export default defineConfig({
  test: {
    projects: ['packages/*', 'apps/*', 'examples/*'],
  },
});
