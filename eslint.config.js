// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

/**
 * Besides the usual checks, this holds the import direction of STYLE.md:
 * resolvers never see vendors or HTTP; a vendor never sees resolvers, simulators or another
 * vendor; simulators never see the gateway (a fake built from the client's reading of the
 * docs would agree with its mistakes).
 */
const vendorFolders = ['dreamreflex', 'thingscloud', 'lexiang', 'zammad', 'maxcloud'];

export default tseslint.config(
  { ignores: ['node_modules/', 'dist/', 'src/__generated__/', 'coverage/', 'playground/dist/', 'test-artifacts/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    files: ['src/resolvers/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: ['got', '**/vendors/**', '**/simulators/**'], message: 'Resolvers reach vendors only through the context.' }] }],
    },
  },
  ...vendorFolders.map((vendor) => ({
    files: [`src/vendors/${vendor}/**/*.ts`],
    ignores: [`src/vendors/${vendor}/demo.ts`],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/resolvers/**', '**/simulators/**', '**/context.js', '**/server.js', ...vendorFolders.filter((v) => v !== vendor).map((v) => `**/${v}/**`)],
              message: 'A vendor imports only shared code, errors, models and pagination.',
            },
          ],
        },
      ],
    },
  })),
  // A vendor's demo wiring reads its own simulator's published demo credentials, and nothing else of it.
  ...vendorFolders.map((vendor) => ({
    files: [`src/vendors/${vendor}/demo.ts`],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: `^(?!\\.\\./\\.\\./simulators/${vendor}/index\\.js$).*(simulators|resolvers)/|context\\.js$|server\\.js$`,
              message: 'Demo wiring imports only its own simulator’s public index.',
            },
          ],
        },
      ],
    },
  })),
  {
    files: ['src/vendors/shared/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: ['**/resolvers/**', '**/simulators/**', ...vendorFolders.map((v) => `**/${v}/**`)], message: 'Shared vendor code knows no particular vendor.' }] }],
    },
  },
  {
    files: ['src/simulators/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: ['got', '**/vendors/**', '**/resolvers/**', ...['context', 'errors', 'models', 'config', 'server'].flatMap((f) => [`../../${f}.js`, `../../../${f}.js`])], message: 'Simulators are built from the vendor docs, not from the gateway.' }] }],
    },
  },
);
