import { defineConfig } from 'vitest/config';

// Three tiers (vitest projects): `unit` needs nothing but node and runs in seconds
// (`npm run unit`); `api` and `e2e` share the template databases that tests/global-setup.ts builds
// once per run (`npm run test:api`, `npm run test:e2e`). `npm test` runs all three.
const integrationSetup = ['tests/global-setup.ts'];

export default defineConfig({
  test: {
    testTimeout: 120_000,
    hookTimeout: 300_000,
    pool: 'forks',
    projects: [
      { extends: true, test: { name: 'unit', include: ['tests/unit/**/*.test.ts'] } },
      { extends: true, test: { name: 'api', include: ['tests/api/**/*.test.ts'], globalSetup: integrationSetup } },
      { extends: true, test: { name: 'e2e', include: ['tests/e2e/**/*.test.ts'], globalSetup: integrationSetup } },
    ],
  },
});
