import {
  type CardDetails,
  CardDeclined,
  type CardProcessor,
  type ChargeOutcome,
  type ChargeRequest,
} from '../booth/billing/card-processor.js';

/** Stripe's test numbers whose charges decline (as the sandbox processor treats them). */
const DECLINES: Record<string, { code: string; declineCode: string; message: string }> = {
  '4000000000000341': {
    code: 'card_declined',
    declineCode: 'generic_decline',
    message: 'Your card was declined.',
  },
  '4000000000009995': {
    code: 'card_declined',
    declineCode: 'insufficient_funds',
    message: 'Your card has insufficient funds.',
  },
};

interface SimCard extends CardDetails {
  number: string;
}

/**
 * The card processor simulated in memory for `pictor-billing simulate`: cards are "tokenized" by
 * number and behave like Stripe's test cards (4242… pays; …0002 is refused at attach;
 * …0341 attaches and declines with generic_decline; …9995 with insufficient_funds). Charges are answered once per idempotency key,
 * as the real processor does. It stands in for the outside service only; invoices, retries and
 * reactivations run through the real engine.
 */
export class SimulatedCards implements CardProcessor {
  private readonly cards = new Map<string, SimCard>();
  private readonly answered = new Map<string, ChargeOutcome>();
  /** Every charge asked for, in order, with its outcome. */
  readonly charges: { amountCents: bigint; status: ChargeOutcome['status'] }[] = [];

  /** What the page does with the publishable key: a card number becomes a payment method id. */
  tokenize(number: string): string {
    const id = `pm_sim_${this.cards.size + 1}`;
    const card: SimCard = {
      id,
      number,
      brand: 'visa',
      last4: number.slice(-4),
      expMonth: 12,
      expYear: 2099,
      customerId: null,
    };
    this.cards.set(id, card);
    return id;
  }

  async createCustomer(accountId: string): Promise<string> {
    return `cus_sim_${accountId}`;
  }

  async retrievePaymentMethod(paymentMethodId: string): Promise<CardDetails> {
    return this.details(this.card(paymentMethodId));
  }

  async attachPaymentMethod(paymentMethodId: string, customerId: string): Promise<CardDetails> {
    const card = this.card(paymentMethodId);
    // Stripe refuses 4000 0000 0000 0002 when it is attached: it is never saved.
    if (card.number === '4000000000000002') {
      throw new CardDeclined('Your card was declined.', 'card_declined', 'generic_decline');
    }
    card.customerId = customerId;
    return this.details(card);
  }

  async detachPaymentMethod(paymentMethodId: string): Promise<void> {
    this.card(paymentMethodId).customerId = null;
  }

  async charge(request: ChargeRequest): Promise<ChargeOutcome> {
    const earlier = this.answered.get(request.idempotencyKey);
    if (earlier) return earlier;
    const decline = DECLINES[this.card(request.paymentMethodId).number];
    const paymentId = `pi_sim_${this.answered.size + 1}`;
    const outcome: ChargeOutcome = decline
      ? { status: 'declined', ...decline, paymentId }
      : { status: 'succeeded', paymentId };
    this.answered.set(request.idempotencyKey, outcome);
    this.charges.push({ amountCents: request.amountCents, status: outcome.status });
    return outcome;
  }

  private card(id: string): SimCard {
    const card = this.cards.get(id);
    if (!card) throw new Error(`the simulated processor knows no payment method ${id}`);
    return card;
  }

  private details({ number: _number, ...card }: SimCard): CardDetails {
    return { ...card };
  }
}
