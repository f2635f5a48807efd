import type { Config } from '../kernel/config.js';
import type { EmailSender } from '../notify/email.js';
import type { ServiceContext } from './context.js';
import { registerComputeWork } from '../compute/rentals/rental-work.js';
import { DueWorkRunner, scheduleRecurring } from '../kernel/jobs/due-work-runner.js';
import { HOLD_EXPIRY_WORK, registerHoldExpiry } from '../ledger/hold-sweeper.js';
import { registerNotificationWork } from '../notify/notification-work.js';
import { documentAttachments } from './document-mail.js';
import { registerAlertWork, scheduleAlertScan } from '../compute/alerts/alert-work.js';
import { registerLicenseWork } from '../booth/licenses/license-work.js';
import { registerSandboxRenderFarm } from '../sandbox/sandbox-render-farm.js';
import { registerRelayRecovery, scheduleRelayRecovery } from '../compute/deposits/relay-recovery-work.js';
import {
  DEFAULT_IDEMPOTENCY_RETENTION,
  IDEMPOTENCY_PRUNE_WORK,
  registerIdempotencyRetention,
} from '../ledger/idempotency-retention.js';

/**
 * Every kind of time-driven work, on one runner: notification deliveries and the alert scan,
 * GPU rental period ends and storage hours, hold expiry, idempotency key retention, and the
 * recovery of USDT relays a crash left `submitting` (when a relayer is configured). `serve` runs it beside the API and
 * `pictor-billing scheduler` runs it alone; any number of them may share one PostgreSQL.
 */
export async function startAllWork(ctx: ServiceContext, config: Config, email: EmailSender | undefined) {
  const runner = allWorkRunner(ctx, config, email);
  // Seed the recurring series; a slot already scheduled by another process is left as it is.
  await scheduleAlertScan(ctx, config.notifications.alertScanSeconds * 1000);
  await scheduleRecurring(ctx, HOLD_EXPIRY_WORK, config.holdSweepSeconds * 1000);
  await scheduleRecurring(ctx, IDEMPOTENCY_PRUNE_WORK, config.idempotencyRetention.everyMs);
  await scheduleRelayRecovery(ctx);
  return runner;
}

/** A runner with every kind of work registered, nothing seeded: what `startAllWork` and test clocks run. */
export function allWorkRunner(
  ctx: ServiceContext,
  config: Pick<Config, 'holdSweepSeconds'> &
    Partial<Pick<Config, 'idempotencyRetention' | 'dunningRetryDays'>> & {
      notifications: Pick<Config['notifications'], 'alertScanSeconds'> &
        Partial<Pick<Config['notifications'], 'webhookTargets'>>;
    },
  email?: EmailSender,
): DueWorkRunner<ServiceContext> {
  const runner = registerHoldExpiry(
    registerComputeWork(
      registerAlertWork(
        registerNotificationWork(new DueWorkRunner(ctx), {
          email,
          attachments: documentAttachments,
          webhookTargets: config.notifications.webhookTargets,
        }),
        config.notifications.alertScanSeconds,
      ),
    ),
    config.holdSweepSeconds * 1000,
  );
  // The sandbox render farm's steps exist only when jobs were submitted to it (sandbox mode).
  return registerIdempotencyRetention(
    registerRelayRecovery(
      registerSandboxRenderFarm(registerLicenseWork(runner, { dunningRetryDays: config.dunningRetryDays })),
    ),
    {
      ...DEFAULT_IDEMPOTENCY_RETENTION,
      ...config.idempotencyRetention,
    },
  );
}
