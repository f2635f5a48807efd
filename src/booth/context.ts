import type { AccountsContext } from '../accounts/context.js';
import type { CardProcessor, CardPublicConfig } from './billing/card-processor.js';

/** What the booth line's use cases need beyond the accounts context. */
export interface BoothContext extends AccountsContext {
  /** The card processor (Stripe, or the embedded sandbox); absent: card operations answer 503 card_processor_not_configured. */
  cards?: CardProcessor;
  /** What the billing page needs to tokenize a card (publishable key, processor URL). */
  cardsPublic?: CardPublicConfig;
}
