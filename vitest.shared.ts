import { defaultClientConditions, defaultServerConditions } from 'vite';

/**
 * Resolve `@iocmap/*` workspace packages to their TypeScript sources through
 * the `@iocmap/source` export condition, so unit tests run against `src/`
 * without a build (the pattern TanStack Query uses).
 */
export const sourceConditions = {
  resolve: { conditions: ['@iocmap/source', ...defaultClientConditions] },
  ssr: { resolve: { conditions: ['@iocmap/source', ...defaultServerConditions] } },
};
