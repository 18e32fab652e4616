import { defineProject } from 'vitest/config';

// No `@iocmap/source` condition: `@iocmap/geoip` and `@iocmap/geoip/testing`
// resolve to the built package, exactly as for a provider outside the repo.
export default defineProject({
  test: { name: 'example-geoip-range-provider' },
});
