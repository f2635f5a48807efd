import { z } from 'zod';
import { MoneyOutput, idOf, moneyInputOf } from '../../kernel/http/schemas.js';

/** Alert settings and notification shapes. Strict like every request: unknown fields are errors. */

export const AlertSettingsBody = z.strictObject({
  lowBalance: moneyInputOf(z.literal('CREDIT'))
    .nullable()
    .optional()
    .describe('alert when the available CREDIT balance falls below this; null or absent: off'),
  lowRemainingHours: z
    .number()
    .int()
    .min(1)
    .max(24 * 365)
    .nullable()
    .optional()
    .describe('alert when available ÷ hourly burn of all instances falls below this many hours'),
  emails: z
    .array(z.email().max(320))
    .min(1)
    .max(5)
    .nullable()
    .optional()
    .describe("alert recipients; null or absent: the account's email"),
  webhook: z
    .strictObject({
      url: z.url({ protocol: /^https?$/ }).max(2000),
      secret: z
        .string()
        .min(16)
        .max(200)
        .optional()
        .describe('HMAC key of Pictor-Signature; write-only; absent: keep the one set'),
    })
    .nullable()
    .optional()
    .describe('signed webhook receiving every notification; null or absent: none'),
});

export const AlertSettings = z
  .object({
    accountId: z.string(),
    lowBalance: MoneyOutput.nullable(),
    lowRemainingHours: z.number().int().nullable(),
    emails: z.array(z.string()),
    emailSource: z.enum(['settings', 'account']).describe("account: none set; the account's email"),
    recipients: z
      .array(z.object({ email: z.string(), verified: z.boolean() }))
      .describe(
        'each of emails: verified ones receive alerts; an unverified one (saved before verification) is skipped',
      ),
    verifiedEmails: z
      .array(z.string())
      .describe(
        "every address verified for this account's alerts (its emails, and alert emails confirmed by code): these may be named without a code",
      ),
    webhook: z
      .object({ url: z.string(), secretSet: z.boolean().describe('the secret itself is never shown') })
      .nullable(),
    updatedAt: z.string().nullable(),
  })
  .meta({ id: 'AlertSettings' });

export const NotificationsQuery = z.strictObject({
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

export const ReadNotificationsBody = z.strictObject({
  ids: z
    .array(idOf('notification'))
    .min(1)
    .max(200)
    .optional()
    .describe('these notifications; give either ids or upTo'),
  upTo: idOf('notification')
    .optional()
    .describe('"mark all as read": this notification and every older one (newest shown first)'),
});

export const ReadNotificationsAnswer = z.object({
  unreadCount: z.number().int().describe("the account's unread notifications after marking"),
});

export const NotificationList = z.object({
  unreadCount: z
    .number()
    .int()
    .describe("how many of the account's notifications are unread (all of them, not only this page)"),
  data: z.array(
    z.object({
      id: z.string().describe('also the webhook Pictor-Event-Id'),
      type: z
        .string()
        .describe('alert.low_balance, alert.low_remaining_time, job.paused, instance.terminated ...'),
      occurredAt: z.string(),
      createdAt: z.string(),
      readAt: z.string().nullable().describe('when the account read it (any browser); null: unread'),
      data: z.record(z.string(), z.string()),
      deliveries: z.array(
        z.object({
          channel: z.enum(['email', 'webhook']),
          target: z.string(),
          status: z.enum(['pending', 'delivered', 'skipped', 'failed']),
          attempts: z.number().int(),
          lastError: z.string().nullable(),
          deliveredAt: z.string().nullable(),
        }),
      ),
    }),
  ),
});

// Lengths only: the use cases check the contents, so bad input gets its own clear code.
export const AlertEmailCodeBody = z.strictObject({
  email: z.string().max(320).describe('the alert email to verify: a 6-digit code is sent to it'),
});

export const AlertEmailVerifyBody = z.strictObject({
  email: z.string().max(320),
  code: z.string().max(32).describe('the 6 digits from the email'),
});

export const AlertEmailVerified = z
  .object({
    accountId: z.string(),
    email: z.string().describe('as stored and compared (trimmed, lowercase)'),
    verifiedAt: z.string(),
  })
  .meta({ id: 'AlertEmailVerified' });
