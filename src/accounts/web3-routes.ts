import { sendWeb3 } from './web3-reply.js';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AccountsContext } from './context.js';
import { endSession } from './end-session.js';
import { issueSiweNonce } from './issue-siwe-nonce.js';
import { signInWithEthereum } from './sign-in-with-ethereum.js';
import { callerOf } from '../kernel/http/reply.js';
import { ProblemSchema, COMMON_PROBLEMS } from '../kernel/http/schemas.js';
import { LoggedOut, SessionCreated, SiweNonce, SiweNonceBody, SiweVerifyBody } from './web3-schemas.js';

/** Wallet sign-in (SIWE) and sessions. */
export const web3Routes =
  (ctx: AccountsContext): FastifyPluginAsyncZod =>
  async (app) => {
    app.post(
      '/v1/auth/siwe/nonce',
      {
        schema: {
          tags: ['wallet sign-in'],
          summary: 'A single-use nonce for a Sign-In with Ethereum (EIP-4361) message',
          security: [],
          body: SiweNonceBody,
          response: { 201: SiweNonce, 400: ProblemSchema },
        },
      },
      async (_request, res) => {
        const issued = await issueSiweNonce(ctx);
        return res.code(201).send({ ...issued, expiresAt: issued.expiresAt.toISOString() });
      },
    );

    app.post(
      '/v1/auth/siwe/verify',
      {
        schema: {
          tags: ['wallet sign-in'],
          summary:
            'Verify a signed EIP-4361 message and open a session (the account is opened on the first sign-in)',
          security: [],
          body: SiweVerifyBody,
          response: { 201: SessionCreated, 400: ProblemSchema, 401: ProblemSchema },
        },
      },
      async (request, res) =>
        sendWeb3(
          res,
          await signInWithEthereum(ctx, {
            message: request.body.message,
            signature: request.body.signature as `0x${string}`,
          }),
          ({ token, session, accountCreated }) => ({
            token,
            sessionId: session.id,
            accountId: session.accountId,
            address: session.address,
            accountCreated,
            expiresAt: session.expiresAt.toISOString(),
          }),
          201,
        ),
    );

    app.post(
      '/v1/auth/logout',
      {
        config: { roles: ['customer'] },
        schema: {
          tags: ['wallet sign-in'],
          summary: 'End the wallet session this request is authenticated with',
          body: SiweNonceBody,
          response: { 200: LoggedOut, ...COMMON_PROBLEMS },
        },
      },
      async (request, res) =>
        sendWeb3(res, await endSession(ctx, callerOf(request)), ({ sessionId }) => ({
          sessionId,
          loggedOut: true as const,
        })),
    );
  };
