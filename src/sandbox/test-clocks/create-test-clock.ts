import type { KernelContext } from '../../kernel/context.js';
import { newId } from '../../kernel/ids.js';
import { type Result, ok } from '../../kernel/result.js';
import { insertTestClock } from './test-clock-store.js';
import type { TestClockRecord } from './test-clock-rules.js';

export interface CreateTestClockInput {
  frozenTime: Date;
  name?: string;
}

/**
 * Creates a sandbox test clock frozen at `frozenTime` (past or future): accounts opened on it see
 * that time everywhere until the clock is advanced. Clocks are independent, so parallel test
 * suites each use their own.
 */
export async function createTestClock(
  ctx: KernelContext,
  input: CreateTestClockInput,
): Promise<Result<TestClockRecord>> {
  const clock: TestClockRecord = {
    id: newId('testClock'),
    name: input.name ?? null,
    frozenTime: input.frozenTime,
    status: 'ready',
    createdAt: ctx.clock.now(),
  };
  await insertTestClock(ctx.db, clock);
  return ok(clock);
}
