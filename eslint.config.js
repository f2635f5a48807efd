import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const clockOnly = [
  {
    selector: "CallExpression[callee.object.name='Date'][callee.property.name='now']",
    message: 'Use the injected Clock.',
  },
];

/**
 * The house's dependency rules (DESIGN §2, docs/architecture.md): which slices each slice may NOT
 * import. kernel imports none of the others; ledger imports kernel; accounts imports kernel and
 * ledger; notify imports kernel; compute and booth import kernel, ledger, accounts and notify and
 * never each other. Only server, cli, simulation and sandbox import everything.
 */
const OUTER = ['server', 'cli', 'simulation', 'sandbox'];
const FORBIDDEN = {
  kernel: ['ledger', 'accounts', 'notify', 'compute', 'booth', ...OUTER],
  ledger: ['accounts', 'notify', 'compute', 'booth', ...OUTER],
  accounts: ['notify', 'compute', 'booth', ...OUTER],
  notify: ['ledger', 'accounts', 'compute', 'booth', ...OUTER],
  compute: ['booth', ...OUTER],
  booth: ['compute', ...OUTER],
};
const sliceBan = (slice) =>
  FORBIDDEN[slice].map((other) => ({
    group: [`**/${other}/**`, `../${other}/**`, `../../${other}/**`, `../../../${other}/**`],
    message: `${slice} may not import ${other} (docs/architecture.md, "Dependency rules").`,
  }));

/** Rules files are pure: they import other rules files and the kernel's pure modules, nothing that does I/O. */
const pureOnly = {
  // node:crypto for hashing and constant-time comparison (pure); random ids come from kernel/ids.
  regex: '^(?!node:crypto$|(\\./|(\\.\\./)+)(([a-z]+/)*[a-z-]+-rules|([a-z]+/)*kernel/(money|dates))\\.js$)',
  message:
    'A rules file does no I/O: import only other *-rules.js files, kernel/money.js and kernel/dates.js.',
};

const sliceConfigs = Object.keys(FORBIDDEN).flatMap((slice) => [
  {
    files: [`src/${slice}/**/*.ts`],
    rules: { 'no-restricted-imports': ['error', { patterns: sliceBan(slice) }] },
  },
  {
    files: [`src/${slice}/**/*-rules.ts`],
    rules: { 'no-restricted-imports': ['error', { patterns: [...sliceBan(slice), pureOnly] }] },
  },
]);

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', 'data/', 'bin/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      // Time is an input: rules and use cases take `now` from the injected clock.
      'no-restricted-syntax': ['error', ...clockOnly],
    },
  },
  {
    files: ['src/**/*.ts'],
    ignores: ['src/cli/**', 'src/server/**', 'src/kernel/clock.ts', 'src/sandbox/**'],
    rules: {
      'no-restricted-syntax': [
        'error',
        ...clockOnly,
        {
          selector: "NewExpression[callee.name='Date'][arguments.length=0]",
          message: 'Use the injected Clock.',
        },
        { selector: "CallExpression[callee.name='parseFloat']", message: 'Money is bigint.' },
      ],
    },
  },
  ...sliceConfigs,
  // The page keeps the same boundaries: compute and booth screens share only web/src/shared.
  {
    files: ['web/src/compute/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/booth/**', '../booth/*'],
              message: 'The compute page may not import booth files; share through web/src/shared.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['web/src/booth/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/compute/**', '../compute/*'],
              message: 'The booth page may not import compute files; share through web/src/shared.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['bench/**/*.ts'],
    rules: { 'no-restricted-syntax': 'off' }, // benchmarks measure wall time on purpose
  },
);
