import { type Web3Config, loadConfig } from '../kernel/config.js';
import type { AccountsContext } from './context.js';

let defaults: Web3Config | undefined;

/** The engine's wallet sign-in and deposit settings, or the configuration's defaults. */
export function web3Of(ctx: AccountsContext): Web3Config {
  if (ctx.web3) return ctx.web3;
  defaults ??= loadConfig({}).web3;
  return defaults;
}

/**
 * A wallet use case's typed answer. Its failure codes are the problem codes of the API (declared
 * in http/problem.ts), so a route sends them as they are.
 */
export type Web3Result<T, Code extends string> =
  | { ok: true; value: T; replayed: boolean }
  | { ok: false; failure: { code: Code; detail: string; extra?: Record<string, unknown> } };

export const web3Ok = <T>(value: T, replayed = false) => ({ ok: true as const, value, replayed });

export const web3Fail = <Code extends string>(
  code: Code,
  detail: string,
  extra?: Record<string, unknown>,
) => ({
  ok: false as const,
  failure: { code, detail, ...(extra ? { extra } : {}) },
});

/** The explorer page of a transaction, from the configured template (`https://…/tx/{hash}`). */
export function explorerUrl(template: string, txHash: string): string {
  return template.replaceAll('{hash}', txHash);
}
