import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { formatAmount } from '../../kernel/money.js';
import { type AlertSettingsView, getAlertSettings, updateAlertSettings } from './alert-settings.js';
import type { ComputeContext } from '../context.js';
import {
  type NotificationWithDeliveries,
  listAccountNotifications,
} from '../../notify/list-notifications.js';
import {
  AlertEmailCodeBody,
  AlertEmailVerified,
  AlertEmailVerifyBody,
  AlertSettings,
  AlertSettingsBody,
  NotificationList,
  NotificationsQuery,
  ReadNotificationsAnswer,
  ReadNotificationsBody,
} from './alert-schemas.js';
import { readNotifications } from '../../notify/read-notifications.js';
import { presentSent, sendSignIn } from '../../accounts/sign-in-routes.js';
import { CodeSent } from '../../accounts/sign-in-schemas.js';
import { confirmAlertEmail, requestAlertEmailCode } from './verify-alert-email.js';
import { asVerificationRefusal } from '../../accounts/verification-code-refusal.js';
import { callerOf, reply } from '../../kernel/http/reply.js';
import {
  AccountParams,
  IdempotencyHeaders,
  ProblemSchema,
  COMMON_PROBLEMS,
} from '../../kernel/http/schemas.js';

/** Sending a code: cooling down (429), mail not set up or down (503, 502). */
const codeErrors = {
  ...COMMON_PROBLEMS,
  409: ProblemSchema,
  429: ProblemSchema,
  502: ProblemSchema,
  503: ProblemSchema,
};
/** Confirming one: wrong, expired or used is 422 with field `code` (the customer is signed in, not 401). */
const verifyErrors = { ...codeErrors, 422: ProblemSchema };
const ALL = ['operator', 'service', 'customer'] as const;
/** The customer's own settings: the customer sets them, an operator may on its behalf. */
const SETTINGS_EDITORS = ['operator', 'customer'] as const;

const presentSettings = (s: AlertSettingsView) => ({
  accountId: s.accountId,
  lowBalance:
    s.lowBalanceMicros === null
      ? null
      : { amount: formatAmount(s.lowBalanceMicros, 'CREDIT'), unit: 'CREDIT' as const },
  lowRemainingHours: s.lowRemainingHours,
  emails: s.emails,
  emailSource: s.emailSource,
  recipients: s.recipients,
  verifiedEmails: s.verifiedEmails,
  webhook: s.webhookUrl === null ? null : { url: s.webhookUrl, secretSet: s.webhookSecretSet },
  updatedAt: s.updatedAt?.toISOString() ?? null,
});

const presentNotifications = (answer: { list: NotificationWithDeliveries[]; unreadCount: number }) => ({
  unreadCount: answer.unreadCount,
  data: answer.list.map(({ notification: n, deliveries }) => ({
    id: n.id,
    type: n.type,
    occurredAt: n.occurredAt.toISOString(),
    createdAt: n.createdAt.toISOString(),
    readAt: n.readAt?.toISOString() ?? null,
    data: n.payload,
    deliveries: deliveries.map((d) => ({
      channel: d.channel,
      target: d.target,
      status: d.status,
      attempts: d.attempts,
      lastError: d.lastError,
      deliveredAt: d.deliveredAt?.toISOString() ?? null,
    })),
  })),
});

export const alertsRoutes =
  (ctx: ComputeContext): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      '/v1/accounts/:accountId/alert-settings',
      {
        config: { roles: ALL },
        schema: {
          tags: ['alerts'],
          summary: 'Low-balance and low-remaining-time alerts, and where notifications go',
          params: AccountParams,
          response: { 200: AlertSettings, ...COMMON_PROBLEMS },
        },
      },
      async (request, res) =>
        reply(res, await getAlertSettings(ctx, request.params.accountId), presentSettings),
    );

    app.put(
      '/v1/accounts/:accountId/alert-settings',
      {
        config: { roles: SETTINGS_EDITORS },
        schema: {
          tags: ['alerts'],
          summary: 'Replace the alert settings (what is left out is turned off); re-arms every alert',
          params: AccountParams,
          headers: IdempotencyHeaders,
          body: AlertSettingsBody,
          response: { 200: AlertSettings, 409: ProblemSchema, 422: ProblemSchema, ...COMMON_PROBLEMS },
        },
      },
      async (request, res) => {
        const { lowBalance, ...rest } = request.body;
        return reply(
          res,
          await updateAlertSettings(
            ctx,
            callerOf(request),
            {
              accountId: request.params.accountId,
              ...rest,
              lowBalanceMicros: lowBalance ? lowBalance.amountMicros : null,
            },
            request.headers['idempotency-key'],
          ),
          presentSettings,
        );
      },
    );

    app.post(
      '/v1/accounts/:accountId/alert-emails/code',
      {
        config: { roles: SETTINGS_EDITORS },
        schema: {
          tags: ['alerts'],
          summary:
            'Email a 6-digit code to an address the alerts should go to (alerts are sent only to verified addresses)',
          params: AccountParams,
          headers: IdempotencyHeaders,
          body: AlertEmailCodeBody,
          response: { 202: CodeSent, ...codeErrors },
        },
      },
      async (request, res) =>
        sendSignIn(
          res,
          await requestAlertEmailCode(ctx, {
            ...request.body,
            accountId: request.params.accountId,
            ip: request.ip,
          }),
          presentSent,
          202,
        ),
    );

    app.post(
      '/v1/accounts/:accountId/alert-emails/verify',
      {
        config: { roles: SETTINGS_EDITORS },
        schema: {
          tags: ['alerts'],
          summary: 'Confirm an alert email with the emailed code; the alert settings may then name it',
          params: AccountParams,
          headers: IdempotencyHeaders,
          body: AlertEmailVerifyBody,
          response: { 200: AlertEmailVerified, ...verifyErrors },
        },
      },
      async (request, res) =>
        sendSignIn(
          res,
          asVerificationRefusal(
            await confirmAlertEmail(
              ctx,
              callerOf(request),
              { ...request.body, accountId: request.params.accountId, ip: request.ip },
              request.headers['idempotency-key'],
            ),
          ),
          (v) => v,
        ),
    );

    app.get(
      '/v1/accounts/:accountId/notifications',
      {
        config: { roles: ALL },
        schema: {
          tags: ['alerts'],
          summary:
            'Recent notifications (alerts, job and instance events), newest first, with delivery status',
          params: AccountParams,
          querystring: NotificationsQuery,
          response: { 200: NotificationList, ...COMMON_PROBLEMS },
        },
      },
      async (request, res) =>
        reply(
          res,
          await listAccountNotifications(ctx, request.params.accountId, request.query.limit),
          presentNotifications,
        ),
    );

    app.post(
      '/v1/accounts/:accountId/notifications/read',
      {
        config: { roles: SETTINGS_EDITORS },
        schema: {
          tags: ['alerts'],
          summary:
            'Mark notifications read for the whole account (every browser); idempotent: a read one stays read',
          params: AccountParams,
          body: ReadNotificationsBody,
          response: { 200: ReadNotificationsAnswer, ...COMMON_PROBLEMS },
        },
      },
      async (request, res) =>
        reply(res, await readNotifications(ctx, request.params.accountId, request.body), (r) => r),
    );
  };
