import type { FastifyReply } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { type ProblemCode, problem, sendProblem } from '../kernel/http/problem.js';
import { callerOf } from '../kernel/http/reply.js';
import { ProblemSchema, COMMON_PROBLEMS } from '../kernel/http/schemas.js';
import type { AccountsContext } from './context.js';
import { linkEmail } from './link-email.js';
import { linkWallet } from './link-wallet.js';
import { asVerificationRefusal } from './verification-code-refusal.js';
import { endOneSession, listSessions, signOutEverywhere } from './manage-sessions.js';
import { type CodeSent as CodeSentRecord, requestSignInCode } from './request-sign-in-code.js';
import {
  CodeSent,
  EmailCodeBody,
  EmailSessionCreated,
  EmailVerifyBody,
  LinkWalletBody,
  RemoveWayInBody,
  Session,
  SessionParams,
  WaysIn,
} from './sign-in-schemas.js';
import { signInWithEmail } from './sign-in-with-email.js';
import type { Web3Result } from './siwe-settings.js';
import { listWaysIn, removeWayIn } from './ways-in.js';
import type { SessionRecord } from './accounts-rules.js';

const errors = {
  ...COMMON_PROBLEMS,
  409: ProblemSchema,
  429: ProblemSchema,
  502: ProblemSchema,
  503: ProblemSchema,
};
/** Linking an email: a wrong, expired or used code is 422 (field `code`), never 401 (signed in). */
const linkErrors = { ...errors, 422: ProblemSchema };
const CUSTOMER = { roles: ['customer'] as const };

/** Sends a sign-in use case's result; a cool-down also says when to retry (Retry-After). */
export function sendSignIn<T>(
  res: FastifyReply,
  result: Web3Result<T, ProblemCode>,
  present: (value: T) => unknown,
  status = 200,
): FastifyReply {
  if (!result.ok) {
    const retryAfter = result.failure.extra?.retryAfterSeconds;
    if (typeof retryAfter === 'number') res.header('retry-after', String(retryAfter));
    return sendProblem(res, problem(result.failure.code, result.failure.detail, result.failure.extra));
  }
  if (result.replayed) res.header('idempotent-replayed', 'true');
  return res.code(status).send(present(result.value));
}

export const presentSession = (s: SessionRecord) => ({
  id: s.id,
  method: s.method,
  address: s.address,
  email: s.email,
  createdAt: s.createdAt.toISOString(),
  expiresAt: s.expiresAt.toISOString(),
});

/** A code sent, as every code route answers it. */
export const presentSent = (v: CodeSentRecord) => ({
  email: v.email,
  expiresAt: v.expiresAt.toISOString(),
  sandboxMailUrl: v.previewUrl,
});

/**
 * Email sign-in by one-time code; a signed-in customer's ways in (link a wallet or an email,
 * remove one) and sessions ("sign out everywhere"). The request's IP is the socket's (no proxy
 * headers are trusted), for the per-IP limits.
 */
export const signInRoutes =
  (ctx: AccountsContext): FastifyPluginAsyncZod =>
  async (app) => {
    app.post(
      '/v1/auth/email/code',
      {
        schema: {
          tags: ['sign-in'],
          summary: 'Email a 6-digit sign-in code (the same answer whether or not the email has an account)',
          security: [],
          body: EmailCodeBody,
          response: { 202: CodeSent, ...errors },
        },
      },
      async (request, res) =>
        sendSignIn(
          res,
          await requestSignInCode(ctx, { email: request.body.email, ip: request.ip }),
          presentSent,
          202,
        ),
    );

    app.post(
      '/v1/auth/email/verify',
      {
        schema: {
          tags: ['sign-in'],
          summary: 'Exchange the emailed code for a session (the first sign-in opens the account)',
          security: [],
          body: EmailVerifyBody,
          response: { 201: EmailSessionCreated, ...errors },
        },
      },
      async (request, res) =>
        sendSignIn(
          res,
          await signInWithEmail(ctx, { ...request.body, ip: request.ip }),
          ({ token, session, accountCreated }) => ({
            token,
            sessionId: session.id,
            accountId: session.accountId,
            email: session.email!,
            accountCreated,
            expiresAt: session.expiresAt.toISOString(),
          }),
          201,
        ),
    );

    app.get(
      '/v1/auth/ways-in',
      {
        config: CUSTOMER,
        schema: {
          tags: ['sign-in'],
          summary: 'The wallets and emails that sign in to this account',
          response: { 200: WaysIn, ...errors },
        },
      },
      async (request) => listWaysIn(ctx, callerOf(request).accountId!),
    );

    app.post(
      '/v1/auth/ways-in/wallet',
      {
        config: CUSTOMER,
        schema: {
          tags: ['sign-in'],
          summary:
            'Link a wallet to this account with a signed SIWE message (nonce from /v1/auth/siwe/nonce)',
          body: LinkWalletBody,
          response: { 201: WaysIn, 200: WaysIn, ...errors },
        },
      },
      async (request, res) => {
        const caller = callerOf(request);
        const linked = await linkWallet(ctx, caller, {
          message: request.body.message,
          signature: request.body.signature as `0x${string}`,
        });
        const waysIn = await listWaysIn(ctx, caller.accountId!);
        return sendSignIn(res, linked, () => waysIn, linked.ok && linked.replayed ? 200 : 201);
      },
    );

    app.post(
      '/v1/auth/ways-in/email/code',
      {
        config: CUSTOMER,
        schema: {
          tags: ['sign-in'],
          summary: 'Email a code to verify an email before linking it',
          body: EmailCodeBody,
          response: { 202: CodeSent, ...errors },
        },
      },
      async (request, res) =>
        sendSignIn(
          res,
          await requestSignInCode(ctx, {
            email: request.body.email,
            ip: request.ip,
            accountId: callerOf(request).accountId!,
          }),
          presentSent,
          202,
        ),
    );

    app.post(
      '/v1/auth/ways-in/email',
      {
        config: CUSTOMER,
        schema: {
          tags: ['sign-in'],
          summary: 'Link a verified email (it becomes the billing and notification address)',
          body: EmailVerifyBody,
          response: { 201: WaysIn, 200: WaysIn, ...linkErrors },
        },
      },
      async (request, res) => {
        const caller = callerOf(request);
        const linked = asVerificationRefusal(
          await linkEmail(ctx, caller, { ...request.body, ip: request.ip }),
        );
        const waysIn = await listWaysIn(ctx, caller.accountId!);
        return sendSignIn(res, linked, () => waysIn, linked.ok && linked.replayed ? 200 : 201);
      },
    );

    app.post(
      '/v1/auth/ways-in/remove',
      {
        config: CUSTOMER,
        schema: {
          tags: ['sign-in'],
          summary: 'Remove a wallet or email (never the last way in); the sessions it opened end',
          body: RemoveWayInBody,
          response: { 200: WaysIn.extend({ sessionsRevoked: z.number() }), ...errors },
        },
      },
      async (request, res) =>
        sendSignIn(res, await removeWayIn(ctx, callerOf(request), request.body), (v) => v),
    );

    app.get(
      '/v1/auth/sessions',
      {
        config: CUSTOMER,
        schema: {
          tags: ['sign-in'],
          summary: "This account's live sessions",
          response: { 200: z.object({ data: z.array(Session) }), ...errors },
        },
      },
      async (request) => {
        const caller = callerOf(request);
        return {
          data: (await listSessions(ctx, caller)).map((s) => ({
            ...presentSession(s),
            current: s.id === caller.id,
          })),
        };
      },
    );

    app.post(
      '/v1/auth/sessions/:sessionId/revoke',
      {
        config: CUSTOMER,
        schema: {
          tags: ['sign-in'],
          summary: "End one of this account's sessions",
          params: SessionParams,
          response: { 200: z.object({ sessionId: z.string() }), ...errors },
        },
      },
      async (request, res) =>
        sendSignIn(res, await endOneSession(ctx, callerOf(request), request.params.sessionId), (v) => v),
    );

    app.post(
      '/v1/auth/sessions/revoke-all',
      {
        config: CUSTOMER,
        schema: {
          tags: ['sign-in'],
          summary: 'Sign out everywhere: end every session of this account, this one included',
          response: { 200: z.object({ sessionsRevoked: z.number() }), ...errors },
        },
      },
      async (request) => signOutEverywhere(ctx, callerOf(request)),
    );
  };
