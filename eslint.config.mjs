import nx from '@nx/eslint-plugin';
import prettier from 'eslint-config-prettier';
import tseslint from 'typescript-eslint';

// Each app's test entry point, `@platform/<app>/testing` (apps/<app>/test/testing.ts), is how
// another app's e2e suite starts that app in-process: the job runner's suite starts auth-server,
// orders-api and payments-api, auth-server's starts orders-api. Nx refuses every import of an app,
// whatever its tags, so these import paths are allowed by name, and a rule below keeps them out of
// app source and libs. Why not a shared type:e2e lib of starters: it would import the apps while
// each app's own suites import it (a project cycle per app), and libs would import apps.
const APP_TEST_ENTRY_POINTS = '^@platform/(auth-server|orders-api|payments-api)/testing$';

export default tseslint.config(
  { ignores: ['**/dist', '**/node_modules', '**/.data', '**/.nx', '**/coverage'] },
  ...nx.configs['flat/base'],
  {
    files: ['**/*.ts'],
    extends: [...tseslint.configs.recommendedTypeChecked],
    languageOptions: {
      parserOptions: {
        projectService: true,
        tsconfigRootDir: import.meta.dirname,
        emitDecoratorMetadata: true,
        experimentalDecorators: true,
      },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': 'error',
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      '@typescript-eslint/no-explicit-any': 'error',
      // Nest's DI reads constructor parameter types at run time: empty decorated classes are normal.
      '@typescript-eslint/no-extraneous-class': 'off',
      '@nx/enforce-module-boundaries': [
        'error',
        {
          enforceBuildableLibDependency: false,
          allow: [APP_TEST_ENTRY_POINTS],
          depConstraints: [
            // Apps may use libs; nothing may import an app (but for the test entry points above).
            { sourceTag: 'type:app', onlyDependOnLibsWithTags: ['type:lib'] },
            { sourceTag: 'type:lib', onlyDependOnLibsWithTags: ['type:lib'] },
            // libs/auth stands alone; server-kit may use it (public routes are marked @Public()).
            { sourceTag: 'scope:auth', onlyDependOnLibsWithTags: ['scope:auth'] },
            { sourceTag: 'scope:shared', onlyDependOnLibsWithTags: ['scope:auth', 'scope:shared'] },
            // API-key management builds on auth and server-kit; neither of them may use it.
            { sourceTag: 'scope:api-keys', onlyDependOnLibsWithTags: ['scope:auth', 'scope:shared'] },
            // The API catalog is plain data (identifiers, audiences, scopes): it imports no lib.
            { sourceTag: 'scope:catalog', onlyDependOnLibsWithTags: [] },
          ],
        },
      ],
    },
  },
  {
    // The framework-free core of libs/auth: plain TypeScript, testable without Nest. The fence
    // holds at any depth: a relative path into nest/ ('../../nest/x') is refused like '@nestjs/core'.
    files: ['libs/auth/src/lib/core/**/*.ts', 'libs/auth/src/lib/client/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '^(@nestjs/|passport($|-|/)|ioredis($|/)|rxjs($|/)|prom-client($|/))|(^|/)nest(/|$)',
              message:
                'libs/auth core stays framework-free: no Nest, passport, ioredis, rxjs or prom-client, and no import of libs/auth/src/lib/nest',
            },
          ],
        },
      ],
    },
  },
  {
    // Apps' test entry points are for e2e suites: app source and libs never start an app.
    // (The typescript-eslint rule, so that the core's own no-restricted-imports stays as it is.)
    files: ['apps/*/src/**/*.ts', 'libs/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        { patterns: [{ regex: APP_TEST_ENTRY_POINTS, message: "an app's test entry point is for other apps' e2e suites only" }] },
      ],
    },
  },
  {
    files: ['**/*.spec.ts', '**/*.e2e-spec.ts', '**/test/**/*.ts'],
    rules: {
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/unbound-method': 'off',
    },
  },
  {
    files: ['**/*.mjs', '**/*.cjs', '**/*.js'],
    extends: [tseslint.configs.disableTypeChecked],
    languageOptions: {
      globals: {
        process: 'readonly',
        console: 'readonly',
        require: 'readonly',
        module: 'writable',
        __dirname: 'readonly',
        Buffer: 'readonly',
        setTimeout: 'readonly',
        clearTimeout: 'readonly',
      },
    },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  prettier,
);
