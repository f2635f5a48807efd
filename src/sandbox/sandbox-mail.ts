import type { FastifyPluginAsync } from 'fastify';
import type { SignInMailer } from '../accounts/context.js';
import type { Clock } from '../kernel/clock.js';

export const SANDBOX_MAIL_PREFIX = '/sandbox/mail';

export interface SandboxMail {
  to: string;
  subject: string;
  text: string;
  sentAt: Date;
}

/**
 * The embedded sandbox's mailbox: with no SMTP server configured on the embedded store, sign-in
 * codes are "sent" here and shown on /sandbox/mail (like the sandbox PayPal's approval page), so
 * email sign-in works without any outside service. Kept in memory, newest 200 messages.
 */
export class SandboxMailbox implements SignInMailer {
  private readonly mails: SandboxMail[] = [];

  constructor(private readonly clock: Clock) {}

  async send(mail: { to: string; subject: string; text: string }): Promise<{ previewUrl: string }> {
    this.mails.unshift({ ...mail, sentAt: this.clock.now() });
    this.mails.length = Math.min(this.mails.length, 200);
    return { previewUrl: `${SANDBOX_MAIL_PREFIX}?to=${encodeURIComponent(mail.to)}` };
  }

  /** Newest first; only those to `to` when given. */
  list(to?: string): SandboxMail[] {
    const wanted = to?.trim().toLowerCase();
    return this.mails.filter((m) => !wanted || m.to === wanted);
  }
}

const escapeHtml = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/** The sandbox mailbox page: every message sent, newest first (`?to=` for one address). */
export const sandboxMailRoutes =
  (mailbox: SandboxMailbox): FastifyPluginAsync =>
  async (scope) => {
    scope.get('/', { schema: { hide: true } }, async (request, res) => {
      const to = (request.query as { to?: string }).to;
      const mails = mailbox.list(to);
      const items = mails
        .map(
          (m) => `<article class="mail">
<h2>${escapeHtml(m.subject)}</h2>
<p>To <strong class="to">${escapeHtml(m.to)}</strong> · ${escapeHtml(m.sentAt.toISOString())}</p>
<pre>${escapeHtml(m.text)}</pre>
</article>`,
        )
        .join('\n');
      return res
        .type('text/html; charset=utf-8')
        .header('cache-control', 'no-store')
        .send(
          `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Sandbox mail</title></head>
<body style="font-family:system-ui,sans-serif;max-width:44rem;margin:2rem auto;line-height:1.5">
<h1>Sandbox mail</h1>
<p>The built-in sandbox: email this server would have sent (no SMTP server is configured).</p>
${items || '<p>No mail yet.</p>'}
</body></html>`,
        );
    });
  };
