import { randomUUID } from 'node:crypto';
import nodemailer from 'nodemailer';
import { formatDate, formatDateTime } from '../kernel/format-rules.js';
import type { NotificationRecord } from './notification-rules.js';

/** A file sent with an email (a document's PDF). */
export interface EmailAttachment {
  filename: string;
  contentType: string;
  content: Buffer;
}

export interface EmailMessage {
  to: readonly string[];
  subject: string;
  text: string;
  attachments?: readonly EmailAttachment[];
  /** Stable per notification, so a receiving mail system can spot a redelivered message. */
  messageId: string;
}

/** Sends one email or throws; the caller (a due-work handler) retries with backoff. */
export interface EmailSender {
  send(message: EmailMessage): Promise<void>;
  close(): void;
}

/**
 * An SMTP sender from a URL such as `smtp://host:587` or `smtps://user:pass@host:465`
 * (PICTOR_SMTP_URL), sending from `from` (PICTOR_SMTP_FROM).
 */
export function createSmtpSender(smtpUrl: string, from: string): EmailSender {
  const transport = nodemailer.createTransport(smtpUrl);
  return {
    async send(message) {
      await transport.sendMail({
        from,
        to: [...message.to],
        subject: message.subject,
        text: message.text,
        messageId: message.messageId,
        attachments: (message.attachments ?? []).map((a) => ({ ...a })),
      });
    },
    close: () => transport.close(),
  };
}

/**
 * Sign-in codes through the same SMTP sender, in the shape the accounts slice asks for (it knows
 * no SMTP). Each code mail gets its own Message-ID: a code is never redelivered, only re-requested.
 */
export function signInMailerOf(sender: EmailSender): {
  send(mail: { to: string; subject: string; text: string }): Promise<void>;
} {
  return {
    send: (mail) =>
      sender.send({
        to: [mail.to],
        subject: mail.subject,
        text: mail.text,
        messageId: `<${randomUUID()}@pictor.pro>`,
      }),
  };
}

/**
 * A finalized document (receipt, invoice, credit note) sent to the billing email with its PDF:
 * payload `line` (compute | booth), `documentId` (transaction or booth invoice id), `document`
 * ("Receipt", "Invoice", "Credit note"), `number`, `date`, `description`, `total`, `path`.
 */
export const DOCUMENT_ISSUED = 'document.issued';

const TITLES: Record<string, string> = {
  'job.paused': 'Render job paused',
  'instance.stopped': 'GPU instance stopped',
  'instance.terminated': 'GPU instance terminated',
  'instance.termination_imminent': 'GPU instance termination imminent',
  'booth.renewal_failed': 'License renewal payment failed: we will retry',
  'booth.dunning_retry_failed': 'License renewal payment retry declined',
  'booth.dunning_paid': 'License renewal paid: your licenses are active again',
  'booth.dunning_exhausted': 'License renewal unpaid: your account is locked',
  'booth.auto_topup': 'Tokens topped up automatically',
  'booth.auto_topup_disabled': 'Token auto top-up turned off',
  'booth.auto_topup_limit_reached': 'Token auto top-up daily limit reached',
};

/** The email for a notification: plain text, with the figures exactly as the API shows them. */
export function renderEmail(n: NotificationRecord): { subject: string; text: string } {
  const d = n.payload;
  if (n.type === 'alert.low_balance') {
    return {
      subject: `Low balance: ${d.available} CREDIT available`,
      text:
        `Your available balance on account ${n.accountId} is ${d.available} CREDIT, below your ` +
        `low-balance alert threshold of ${d.threshold} CREDIT.\n\n` +
        'Top up to keep your render jobs and GPU instances running: at a balance of 0, GPU ' +
        'instances are terminated and their data is lost.\n',
    };
  }
  if (n.type === 'alert.low_remaining_time') {
    return {
      subject: `Low remaining time: ${d.remainingHours} hours of credit left`,
      text:
        `At the current burn of ${d.hourlyBurn} CREDIT per hour, the available balance of ` +
        `${d.available} CREDIT on account ${n.accountId} lasts ${d.remainingHours} hours, below ` +
        `your alert threshold of ${d.thresholdHours} hours.\n\n` +
        'Top up, or back up your data: at a balance of 0, GPU instances are terminated.\n',
    };
  }
  if (n.type === DOCUMENT_ISSUED) {
    // Every figure and date here was written by the document's own line with the one formatter.
    const kind = (d.document ?? 'Document').toLowerCase();
    return {
      subject: `Pictor ${kind} ${d.number}: ${d.total}`,
      text:
        `${d.document} ${d.number} of ${d.date}: ${d.description}.\nTotal: ${d.total}.\n\n` +
        `The ${kind} is attached as a PDF. It stays available in your billing ` +
        `history (${d.path}).\n`,
    };
  }
  const title = TITLES[n.type] ?? n.type;
  const lines = Object.entries(d)
    .filter(([key]) => key !== 'dedupeId') // the publisher's bookkeeping, not news to the reader
    .map(([key, value]) => `${key}: ${readableTime(value)}`);
  // The one time a reader must act before goes into the subject, where the inbox shows it.
  const when =
    n.type === 'instance.termination_imminent' && d.terminatesAt ? `: ${readableTime(d.terminatesAt)}` : '';
  return {
    subject: `Pictor: ${title}${when}`,
    text: `${title} (account ${n.accountId}, ${formatDateTime(n.occurredAt)})\n\n${lines.join('\n')}\n`,
  };
}

const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?Z$/;
const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;

/**
 * An event's payload keeps instants as ISO strings (webhooks and the API pass them on as they are);
 * an email is read by a person, so it states them as the documents and the page do: "05 Jan 2026,
 * 00:00 UTC" (a bare day: "05 Jan 2026"). Anything else is left as written.
 */
function readableTime(value: string): string {
  if (ISO_INSTANT.test(value)) return formatDateTime(new Date(value));
  if (ISO_DAY.test(value)) return formatDate(new Date(`${value}T00:00:00Z`));
  return value;
}
