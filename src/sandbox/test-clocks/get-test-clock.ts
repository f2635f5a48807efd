import type { KernelContext } from '../../kernel/context.js';
import { type Result, fail, ok } from '../../kernel/result.js';
import { findTestClock } from './test-clock-store.js';
import type { TestClockRecord } from './test-clock-rules.js';

export async function getTestClock(ctx: KernelContext, id: string): Promise<Result<TestClockRecord>> {
  const clock = await findTestClock(ctx.db, id);
  return clock ? ok(clock) : fail('test_clock_not_found', 'no such test clock', { testClockId: id });
}
