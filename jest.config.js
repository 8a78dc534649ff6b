/** Jest runs the TypeScript sources as native ESM, transpiled by SWC (no type check: `npm run typecheck` does that). */
export default {
  testEnvironment: 'node',
  extensionsToTreatAsEsm: ['.ts'],
  transform: {
    '^.+\\.ts$': ['@swc/jest', { jsc: { parser: { syntax: 'typescript' }, target: 'es2022' }, module: { type: 'es6' } }],
  },
  // Sources import './x.js' as NodeNext requires; Jest resolves the .ts file.
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
  testMatch: ['<rootDir>/test/**/*.test.ts'],
  // Builds the playground bundle if it is missing or stale (the browser test serves it).
  globalSetup: '<rootDir>/test/support/globalSetup.ts',
  testTimeout: 20000,
};
