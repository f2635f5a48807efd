import type { ApiKeyCache } from './api-key-cache.js';
import type { Web3Config } from '../kernel/config.js';
import type { Queryable } from '../kernel/db/database.js';
import type { LedgerContext } from '../ledger/context.js';

/** What the accounts slice needs: the ledger's context, wallet sign-in settings and the account hooks. */
export interface AccountsContext extends LedgerContext {
  /** Wallet sign-in and USDT deposit settings; the configuration defaults when absent. */
  web3?: Web3Config;
  /**
   * Called after an account is opened (and again on every replay or sign-in, so each hook must be
   * idempotent by the account). Product lines hang their own first-use grants here (the booth's
   * welcome tokens), so the accounts slice knows none of them.
   */
  accountOpened?: readonly ((accountId: string) => Promise<void>)[];
  /**
   * Sends sign-in codes: SMTP when configured, the sandbox mailbox on the embedded store; absent,
   * email sign-in answers 503 email_not_configured.
   */
  signInMail?: SignInMailer;
  /**
   * Asked, inside the transaction, before the account's contact email changes to `next` (null: the
   * account has none left) because a customer removed the current one. A product line that sends
   * to that address answers why it may not (the compute alerts with no other recipient), and the
   * removal is refused with nothing changed; the accounts slice knows no product.
   */
  contactEmailChanging?: readonly ContactEmailGuard[];
  /**
   * Verified API keys this process remembers (the authenticator reads it); revoking a key clears
   * it here, so the revocation holds at once in this process. The engine makes one.
   */
  apiKeyCache?: ApiKeyCache;
}

export type ContactEmailGuard = (
  tx: Queryable,
  change: { accountId: string; removed: string; next: string | null },
) => Promise<ContactEmailRefusal | undefined>;

/** Why the contact email may not go: a sentence, and what the page needs to say it its own way. */
export interface ContactEmailRefusal {
  code: 'alerts_need_recipient';
  detail: string;
  extra: Record<string, unknown>;
}

/**
 * One plain-text email to one address; throws when it could not be handed over. A sandbox mailbox
 * answers where the mail can be read (`previewUrl`), which the page links to.
 */
export interface SignInMailer {
  send(mail: { to: string; subject: string; text: string }): Promise<void | { previewUrl: string }>;
}
