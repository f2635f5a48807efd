import { hasPrefix } from '../kernel/ids.js';
import { revokeSession } from './session-store.js';
import type { Caller } from '../kernel/context.js';
import type { AccountsContext } from './context.js';
import { type Web3Result, web3Fail, web3Ok } from './siwe-settings.js';

/** Logs out: revokes the session the caller authenticated with. Its token stops working at once. */
export async function endSession(
  ctx: AccountsContext,
  caller: Caller,
): Promise<Web3Result<{ sessionId: string }, 'invalid_request'>> {
  if (caller.role !== 'customer' || !hasPrefix(caller.id, 'session')) {
    return web3Fail(
      'invalid_request',
      'only a wallet session can log out; API keys are revoked by operators',
    );
  }
  await revokeSession(ctx.db, caller.id, ctx.clock.now());
  return web3Ok({ sessionId: caller.id });
}
