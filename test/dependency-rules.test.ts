import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

/**
 * The house's dependency rules are enforced by `npm run lint` (eslint.config.js). Each case lints a
 * one-line file placed, virtually, in a slice, with the project's own configuration.
 */
const eslint = new ESLint({ cwd: process.cwd() });

async function restrictedImports(filePath: string, source: string): Promise<string[]> {
  const [result] = await eslint.lintText(`${source}\nexport const used = x;\n`, { filePath });
  return (result?.messages ?? []).filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

describe('dependency rules (npm run lint)', () => {
  it.each([
    [
      'src/booth/licenses/x.ts',
      "import { x } from '../../compute/rentals/rentals-rules.js';",
      'booth may not import compute',
    ],
    [
      'src/compute/topups/x.ts',
      "import { x } from '../../booth/licenses/license-store.js';",
      'compute may not import booth',
    ],
    ['src/kernel/x.ts', "import { x } from '../ledger/ledger-rules.js';", 'kernel may not import ledger'],
    [
      'src/ledger/x.ts',
      "import { x } from '../accounts/account-store.js';",
      'ledger may not import accounts',
    ],
    [
      'src/notify/x.ts',
      "import { x } from '../compute/alerts/alert-store.js';",
      'notify may not import compute',
    ],
    [
      'src/compute/rentals/x.ts',
      "import { x } from '../../server/context.js';",
      'compute may not import server',
    ],
    ['src/booth/events/x-rules.ts', "import { x } from './token-store.js';", 'A rules file does no I/O'],
    ['src/compute/rentals/x-rules.ts', "import { x } from 'node:fs';", 'A rules file does no I/O'],
  ])('%s: %s is refused', async (file, source, message) => {
    const messages = await restrictedImports(file, source);
    expect(messages.join('\n')).toContain(message);
  });

  it.each([
    ['src/booth/licenses/x.ts', "import { x } from '../../ledger/ledger-rules.js';"],
    ['src/compute/rentals/x.ts', "import { x } from '../../accounts/account-store.js';"],
    ['src/compute/rentals/x-rules.ts', "import { x } from '../../kernel/money.js';"],
    ['src/booth/events/x-rules.ts', "import { x } from '../licenses/licensing-rules.js';"],
    ['src/server/x.ts', "import { x } from '../booth/licenses/license-store.js';"],
  ])('%s: %s is allowed', async (file, source) => {
    expect(await restrictedImports(file, source)).toEqual([]);
  });
});

describe('the page keeps the same boundaries', () => {
  it('a booth screen may not import a compute file, nor a compute screen a booth file', async () => {
    const booth = await restrictedImports('web/src/booth/X.tsx', "import { x } from '../compute/queries';");
    const compute = await restrictedImports('web/src/compute/X.tsx', "import { x } from '../booth/common';");
    expect(booth.join()).toContain('booth page may not import compute');
    expect(compute.join()).toContain('compute page may not import booth');
    expect(await restrictedImports('web/src/booth/X.tsx', "import { x } from '../shared/api';")).toEqual([]);
  });
});
