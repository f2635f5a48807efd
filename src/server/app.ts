import { SANDBOX_PAYPAL_PREFIX, sandboxPayPalRoutes } from '../sandbox/sandbox-paypal-routes.js';
import { SANDBOX_MAIL_PREFIX, sandboxMailRoutes } from '../sandbox/sandbox-mail.js';
import { signInRoutes } from '../accounts/sign-in-routes.js';
import { operatorSignInRoutes } from '../accounts/operator-sign-in-routes.js';
import { sandboxFleetRoutes } from '../sandbox/sandbox-fleet-routes.js';
import { sandboxRenderFarmRoutes } from '../sandbox/sandbox-render-farm-routes.js';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import { idempotentRoutes } from './idempotent-routes.js';
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import {
  type ZodTypeProvider,
  hasZodFastifySchemaValidationErrors,
  jsonSchemaTransform,
  jsonSchemaTransformObject,
  serializerCompiler,
  validatorCompiler,
} from 'fastify-type-provider-zod';
import { Authenticator } from '../accounts/authenticate.js';
import type { Caller, ServiceContext } from './context.js';
import { type FieldError, type ProblemCode, problem, sendProblem } from '../kernel/http/problem.js';
import { refuseBadInput } from '../kernel/http/input-guard.js';
import { isTimeLimit } from '../kernel/db/database.js';
import { accountRoutes } from '../accounts/accounts-routes.js';
import { apiKeyRoutes } from '../accounts/api-keys-routes.js';
import { billingRoutes } from '../compute/invoices/billing-routes.js';
import { holdRoutes } from '../ledger/holds-routes.js';
import { alertsRoutes } from '../compute/alerts/alerts-routes.js';
import { invoicesRoutes } from '../compute/invoices/invoices-routes.js';
import { billingProfileRoutes } from '../accounts/billing-profile-routes.js';
import { exportRoutes } from './export-routes.js';
import { renderingRoutes } from '../compute/rendering/rendering-routes.js';
import { rentalsRoutes } from '../compute/rentals/rentals-routes.js';
import { topupsRoutes } from '../compute/topups/topups-routes.js';
import { web3Routes } from '../accounts/web3-routes.js';
import { depositsRoutes } from '../compute/deposits/deposits-routes.js';
import { systemRoutes } from './system-routes.js';
import { Metrics } from './metrics.js';
import {
  AuthFailureLimiter,
  type RateLimitOptions,
  operationsRoutes,
  registerProtections,
} from './operations.js';
import { boothBillingRoutes } from '../booth/billing/booth-billing-routes.js';
import { licensesRoutes } from '../booth/licenses/licenses-routes.js';
import { boothRoutes } from '../booth/events/booth-routes.js';
import { type DemoSignIn, pageSessionRoutes } from '../accounts/page-session-routes.js';
import { type WebOptions, webRoutes } from './web-routes.js';
import { runwayRoutes } from '../compute/alerts/runway-routes.js';
import type { DueWorkRunner } from '../kernel/jobs/due-work-runner.js';
import { testClockRoutes } from '../sandbox/test-clocks/test-clock-routes.js';
import { runRequestsOnTheirTestClock } from '../sandbox/test-clocks/test-clock-scope.js';

type Role = Caller['role'];

declare module 'fastify' {
  interface FastifyRequest {
    caller: Caller | null;
  }
  interface FastifyContextConfig {
    /** Roles allowed to call the route; a route without roles needs no authentication. */
    roles?: readonly Role[];
  }
}

export interface AppOptions {
  bodyLimitBytes?: number;
  /** Fastify's logging: off, a level, or the process's one pino logger (the CLI's). */
  logger?: boolean | { level: string } | import('fastify').FastifyBaseLogger;
  /** Rate limits (per key, per IP, failed authentications per IP); absent: no limits (tests). */
  rateLimit?: RateLimitOptions;
  /** The scheduler's runner, whose due work /metrics reports (lag, failures by kind). */
  dueWork?: DueWorkRunner<ServiceContext>;
  /** Longest time to receive a whole request (default 30 s). */
  requestTimeoutMs?: number;
  /** The billing page: where its build is, and the demo sign-in (off when absent). */
  web?: WebOptions & { demo?: () => DemoSignIn | null };
  /**
   * Sandbox mode: test clocks over the API (docs/test-clocks.md), advanced by this runner (every
   * kind of due work registered). Absent: no test clocks, and no per-request clock lookup.
   */
  testClocks?: DueWorkRunner<ServiceContext>;
  /** How long an idempotency claim's owner may hold it before a retry takes it over (default 60 s). */
  idempotencyLeaseMs?: number;
}

export type App = FastifyInstance<
  import('node:http').Server,
  import('node:http').IncomingMessage,
  import('node:http').ServerResponse,
  import('fastify').FastifyBaseLogger,
  ZodTypeProvider
>;

/** The HTTP API: parse and authorize, call one use case, translate its result. No rules live here. */
export async function buildApp(ctx: ServiceContext, options: AppOptions = {}): Promise<App> {
  const app = createFastify(options);
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.decorateRequest('caller', null);
  const metrics = new Metrics(ctx);
  metrics.instrument(app as unknown as FastifyInstance);
  if (options.dueWork) metrics.watch(options.dueWork);
  if (options.testClocks && options.testClocks !== options.dueWork) metrics.watch(options.testClocks);
  await registerProtections(app as unknown as FastifyInstance, options.rateLimit);
  await registerOpenApi(app);
  authenticateRequests(app, ctx, options.rateLimit);
  // Before any schema or use case sees the request: no value may carry characters PostgreSQL
  // refuses or nothing means, and a route takes only the query parameters it declares.
  app.addHook('preValidation', async (request, reply) => {
    const refused = refuseBadInput(request);
    if (refused) return sendProblem(reply, refused);
  });
  app.setErrorHandler(answerError);
  app.setNotFoundHandler((request, reply) =>
    sendProblem(reply, problem('route_not_found', `no route ${request.method} ${request.url.split('?')[0]}`)),
  );
  await registerRoutes(app, ctx, options, metrics);
  return app;
}

function createFastify(options: AppOptions): App {
  const logger = options.logger ?? false;
  return Fastify({
    ...(isLogger(logger) ? { loggerInstance: logger } : { logger }),
    bodyLimit: options.bodyLimitBytes ?? 65_536,
    // A client that sends its request too slowly loses its connection instead of holding it.
    requestTimeout: options.requestTimeoutMs ?? 30_000,
    // Reject JSON that tries prototype pollution instead of silently stripping it.
    onProtoPoisoning: 'error',
    onConstructorPoisoning: 'error',
    ajv: { customOptions: { removeAdditional: false } },
    // Fastify answers these before any route or hook runs; they are problem+json like the rest.
    frameworkErrors: (error, _request, reply) => {
      if (error.code === 'FST_ERR_MAX_PARAM_LENGTH') {
        return sendProblem(
          reply,
          problem('uri_too_long', 'a path segment is longer than any id this API uses'),
        );
      }
      if (error.code === 'FST_ERR_BAD_URL') {
        return sendProblem(reply, problem('malformed_url', 'the path is not valid percent-encoded UTF-8'));
      }
      return sendProblem(reply, problem('invalid_request', error.message));
    },
  }).withTypeProvider<ZodTypeProvider>();
}

async function registerOpenApi(app: App): Promise<void> {
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Pictor Billing API',
        version: '1',
        description:
          'One double-entry ledger for credits (compute), tokens and licenses (booth). Money is a decimal ' +
          'string with its unit. Every mutation takes an Idempotency-Key header. Errors are ' +
          'application/problem+json with a stable `code`.',
      },
      components: { securitySchemes: { apiKey: { type: 'http', scheme: 'bearer' } } },
      security: [{ apiKey: [] }],
    },
    transform: jsonSchemaTransform,
    transformObject: jsonSchemaTransformObject,
  });
  await app.register(swaggerUi, { routePrefix: '/docs' });
}

/** Routes with `roles` need a valid key of one of them; a customer sees only its own account. */
function authenticateRequests(app: App, ctx: ServiceContext, rateLimit: RateLimitOptions | undefined) {
  const authenticator = new Authenticator(ctx);
  const authFailures = rateLimit ? new AuthFailureLimiter(rateLimit.authFailuresPerMinute) : undefined;
  app.addHook('onRequest', async (request, reply) => {
    const roles = request.routeOptions.config.roles;
    if (!roles) return;
    const blocked = authFailures?.blockedFor(request.ip) ?? 0;
    if (blocked > 0) {
      reply.header('retry-after', String(blocked));
      return sendProblem(
        reply,
        problem('rate_limited', `too many failed authentications; retry in ${blocked} s`),
      );
    }
    const header = request.headers.authorization ?? '';
    const secret = /^Bearer (\S{1,200})$/.exec(header)?.[1];
    const caller = secret ? await authenticator.authenticate(secret) : null;
    if (!caller) {
      authFailures?.fail(request.ip);
      return sendProblem(
        reply,
        problem('unauthenticated', 'send a valid API key as "Authorization: Bearer <key>"'),
      );
    }
    request.caller = caller;
    // A customer learns nothing about other accounts: they do not exist as far as it can tell.
    const accountId = (request.params as { accountId?: string } | undefined)?.accountId;
    if (caller.role === 'customer' && accountId !== undefined && accountId !== caller.accountId) {
      return sendProblem(reply, problem('account_not_found', 'no such account', { accountId }));
    }
    if (!roles.includes(caller.role)) {
      return sendProblem(reply, problem('forbidden', `this operation is not open to ${caller.role} keys`));
    }
  });
}

/** Every error is problem+json: validation, the framework's own, overload, and the unexpected. */
function answerError(error: unknown, request: FastifyRequest, reply: FastifyReply) {
  if (hasZodFastifySchemaValidationErrors(error)) {
    return sendProblem(
      reply,
      validationProblem(error.validation as unknown as ValidationItem[], error.validationContext ?? 'body'),
    );
  }
  const code = (error as { code?: string }).code ?? '';
  const statusCode = (error as { statusCode?: number }).statusCode ?? 500;
  if (statusCode === 429) {
    return sendProblem(reply, problem('rate_limited', (error as Error).message));
  }
  if (code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
    return sendProblem(reply, problem('payload_too_large', 'the request body is larger than allowed'));
  }
  if (code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') {
    return sendProblem(reply, problem('unsupported_media_type', 'send the body as application/json'));
  }
  if (statusCode === 400 && (code.startsWith('FST_ERR_CTP') || error instanceof SyntaxError || code === '')) {
    return sendProblem(reply, problem('malformed_json', 'the request body is not valid JSON'));
  }
  if (statusCode >= 400 && statusCode < 500) {
    return sendProblem(reply, problem('invalid_request', (error as Error).message));
  }
  if (isOverload(error)) {
    // Nothing was written (refused before starting, or rolled back at the time limit).
    request.log.warn({ err: error }, 'overloaded');
    reply.header('retry-after', '1');
    return sendProblem(
      reply,
      problem('overloaded', 'the service is busy; nothing was done, retry with the same Idempotency-Key'),
    );
  }
  request.log.error({ err: error }, 'request failed');
  return sendProblem(
    reply,
    problem('internal_error', 'something went wrong on our side; it is safe to retry'),
  );
}

/** Every slice's routes; the sandboxes' only when they are the configured rail. */
async function registerRoutes(app: App, ctx: ServiceContext, options: AppOptions, metrics: Metrics) {
  if (options.testClocks) {
    app.addHook('onRoute', runRequestsOnTheirTestClock(ctx.db));
    await app.register(testClockRoutes(ctx, options.testClocks));
  }
  idempotentRoutes(app, ctx.db, ctx.clock, options.idempotencyLeaseMs);
  await app.register(systemRoutes);
  await app.register(operationsRoutes(ctx, metrics));
  for (const routes of [
    accountRoutes,
    holdRoutes,
    apiKeyRoutes,
    billingRoutes,
    billingProfileRoutes,
    invoicesRoutes,
    web3Routes,
  ])
    await app.register(routes(ctx));
  for (const routes of [depositsRoutes, signInRoutes, operatorSignInRoutes]) await app.register(routes(ctx));
  if (ctx.mailSandbox)
    await app.register(sandboxMailRoutes(ctx.mailSandbox), { prefix: SANDBOX_MAIL_PREFIX });
  await app.register(topupsRoutes(ctx));
  await app.register(exportRoutes(ctx));
  if (ctx.paypalSandbox)
    await app.register(sandboxPayPalRoutes(ctx.paypalSandbox), { prefix: SANDBOX_PAYPAL_PREFIX });
  await app.register(renderingRoutes(ctx));
  await app.register(rentalsRoutes(ctx));
  if (ctx.fleetSandbox) await app.register(sandboxFleetRoutes(ctx.fleetSandbox));
  if (ctx.renderFarmSandbox) await app.register(sandboxRenderFarmRoutes(ctx));
  for (const routes of [alertsRoutes, boothBillingRoutes, licensesRoutes, boothRoutes, runwayRoutes])
    await app.register(routes(ctx));
  await app.register(pageSessionRoutes(ctx, options.web?.demo));
  await app.register(
    webRoutes({
      ...options.web,
      // The page posts card numbers straight to the processor's tokenization endpoint.
      connectSources: () => (ctx.cardsPublic ? [new URL(ctx.cardsPublic.tokenizeUrl).origin] : []),
    }),
  );
}

/**
 * Time limits that fired: the ledger writer's queue (full, or a deadline passed before the request
 * started), or a database time limit (see isTimeLimit). In each case nothing was committed.
 */
function isOverload(error: unknown): boolean {
  return (error as { code?: unknown }).code === 'overloaded' || isTimeLimit(error);
}

interface ValidationItem {
  keyword: string;
  instancePath: string;
  message: string;
  params: { keys?: string[]; params?: { code?: string } };
}

const SPECIFIC_CODES = new Set([
  'unknown_field',
  'invalid_amount',
  'idempotency_key_required',
  'invalid_character',
]);

/** Zod issues to field errors; the first decides the problem's code and field. */
function validationProblem(items: readonly ValidationItem[], context: string) {
  const errors: FieldError[] = items.map((item) => {
    const path = item.instancePath.split('/').filter(Boolean);
    if (item.keyword === 'unrecognized_keys') {
      const keys = item.params.keys ?? [];
      return {
        field: [...path, keys[0] ?? ''].join('.'),
        code: 'unknown_field',
        message: `unknown field(s): ${keys.join(', ')}`,
      };
    }
    const field = path.join('.');
    if (context === 'headers' && field === 'idempotency-key') {
      return {
        field: 'Idempotency-Key',
        code: 'idempotency_key_required',
        message: 'send an Idempotency-Key header (1-255 characters)',
      };
    }
    return { field, code: item.params.params?.code ?? 'validation_failed', message: item.message };
  });
  const first = errors[0] ?? { field: '', code: 'validation_failed', message: 'invalid request' };
  const code = (SPECIFIC_CODES.has(first.code) ? first.code : 'validation_failed') as ProblemCode;
  return problem(code, `${first.field ? `${first.field}: ` : ''}${first.message}`, {
    field: first.field,
    errors,
  });
}

function isLogger(logger: AppOptions['logger']): logger is import('fastify').FastifyBaseLogger {
  return typeof logger === 'object' && typeof (logger as { child?: unknown }).child === 'function';
}
