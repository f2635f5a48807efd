import type { FastifyPluginAsync } from 'fastify';
import type { SandboxPayPal } from './sandbox-paypal.js';

export const SANDBOX_PAYPAL_PREFIX = '/sandbox/paypal';

/**
 * The built-in sandbox PayPal over HTTP: the buyer's approval page (/sandbox/paypal/checkoutnow)
 * and the same REST endpoints the engine calls in-process. Bodies are passed through as text.
 */
export const sandboxPayPalRoutes =
  (sandbox: SandboxPayPal): FastifyPluginAsync =>
  async (scope) => {
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser('*', { parseAs: 'string' }, (_request, body, done) => done(null, body));
    scope.all('/*', { schema: { hide: true } }, async (request, res) => {
      const answer = sandbox.handle({
        method: request.method,
        url: request.url.slice(SANDBOX_PAYPAL_PREFIX.length) || '/',
        headers: request.headers,
        body: typeof request.body === 'string' ? request.body : '',
      });
      return res.code(answer.status).headers(answer.headers).send(answer.body);
    });
  };
