import nx from '@nx/eslint-plugin';
import prettier from 'eslint-config-prettier';
import tseslint from 'typescript-eslint';

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
          allow: [],
          depConstraints: [
            // Apps may use libs; nothing may import an app.
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
    // The framework-free core of libs/auth: plain TypeScript, testable without Nest.
    files: ['libs/auth/src/lib/core/**/*.ts', 'libs/auth/src/lib/client/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: ['@nestjs/*', '../nest/*', 'prom-client'], message: 'libs/auth core stays framework-free' }] },
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
