import { useQuery } from '@tanstack/react-query';
import { answer, ApiError, client } from '../shared/api';
import type { Catalog, LicenseQuote, Period, Purchased, Tier } from '../shared/api-types';
import { formatMoney } from '../shared/decimal';
import { NO_DEFAULT_CARD } from '../shared/errors';
import { navigate } from '../shared/router';
import { Amount, ErrorBox, Modal, Spinner, formatDate, formatServerText, QueryView } from '../shared/ui';
import { PERIOD_LABEL, TIER_LABEL, cardLabel, usePaymentMethods } from './common';
import {
  TIER_ORDER,
  isValidQuantity,
  parseQuantity,
  quoteHeadline,
  steppedQuantity,
} from './license-purchase';
import { type LicensePurchase, useLicensePurchase } from './useLicensePurchase';

function useCatalog() {
  return useQuery({
    queryKey: ['catalog'],
    queryFn: () => answer(client.GET('/v1/booth/catalog')),
    staleTime: 60_000,
  });
}

const perPeriod = (period: Period) => (period === 'monthly' ? 'month' : 'year');

export function PurchaseModal({ onClose, onDone }: { onClose: () => void; onDone: (p: Purchased) => void }) {
  const flow = useLicensePurchase(onDone);
  const { choice, choose } = flow;
  return (
    <Modal title="Add licenses" onClose={onClose} wide>
      <div className="purchase">
        <div>
          <h3 id="period-label">1. Billing period</h3>
          <PeriodPicker period={choice.period} onPick={choose.setPeriod} />
          <h3 id="tier-label">2. License tier</h3>
          <TierPicker period={choice.period} tier={choice.tier} onPick={choose.setTier} />
          <div className="grid two">
            <QuantityField text={choice.quantityText} onChange={choose.setQuantityText} />
            <CouponField
              coupon={choice.coupon}
              onChange={choose.setCoupon}
              status={flow.couponStatus}
              refused={flow.couponRefused}
            />
          </div>
        </div>
        <OrderSummary flow={flow} />
      </div>
    </Modal>
  );
}

function PeriodPicker({ period, onPick }: { period: Period; onPick: (p: Period) => void }) {
  return (
    <div className="segmented" role="radiogroup" aria-labelledby="period-label">
      {(['monthly', 'annual'] as const).map((p) => (
        <button key={p} type="button" role="radio" aria-checked={period === p} onClick={() => onPick(p)}>
          {PERIOD_LABEL[p]}
          {p === 'annual' ? ' (save 17%)' : ''}
        </button>
      ))}
    </div>
  );
}

function TierPicker({ period, tier, onPick }: { period: Period; tier: Tier; onPick: (t: Tier) => void }) {
  const catalog = useCatalog();
  return (
    <QueryView query={catalog}>
      {(data) => (
        <div className="tiers" role="radiogroup" aria-labelledby="tier-label">
          {TIER_ORDER.map((t) => (
            <TierOption
              key={t}
              entry={data.tiers.find((x) => x.tier === t)!}
              period={period}
              selected={tier === t}
              onPick={() => onPick(t)}
            />
          ))}
        </div>
      )}
    </QueryView>
  );
}

/** One tier: its price per license for the period, its first features, and the full list folded. */
function TierOption({
  entry,
  period,
  selected,
  onPick,
}: {
  entry: Catalog['tiers'][number];
  period: Period;
  selected: boolean;
  onPick: () => void;
}) {
  const t = entry.tier;
  return (
    <div className={`tier ${selected ? 'selected' : ''}`} data-tier={t}>
      <button type="button" role="radio" aria-checked={selected} className="tier-pick" onClick={onPick}>
        <strong>
          {TIER_LABEL[t]}
          {t === 'pro' ? ' · most popular' : ''}
        </strong>
        <span className="price num">
          {formatMoney(entry[period])}
          <span className="muted small"> /{perPeriod(period)} each</span>
        </span>
        <ul>
          {(t === 'basic' ? entry.features : entry.ownFeatures).slice(0, 4).map((f) => (
            <li key={f.code}>{f.name}</li>
          ))}
          {t !== 'basic' && <li>Everything in {TIER_LABEL[TIER_ORDER[TIER_ORDER.indexOf(t) - 1]!]}</li>}
        </ul>
      </button>
      <details>
        <summary className="small">Full feature list ({entry.features.length})</summary>
        <ul>
          {entry.features.map((f) => (
            <li key={f.code}>{f.name}</li>
          ))}
        </ul>
      </details>
    </div>
  );
}

function QuantityField({ text, onChange }: { text: string; onChange: (text: string) => void }) {
  const quantity = parseQuantity(text);
  const valid = isValidQuantity(quantity);
  return (
    <div className="field">
      <label htmlFor="license-qty">3. Quantity (devices)</label>
      <div className="qty">
        <button
          type="button"
          className="secondary small"
          aria-label="One fewer"
          onClick={() => onChange(steppedQuantity(quantity, -1))}
        >
          −
        </button>
        <input
          id="license-qty"
          inputMode="numeric"
          value={text}
          onChange={(e) => onChange(e.target.value)}
          aria-invalid={!valid}
          aria-describedby="license-qty-hint"
        />
        <button
          type="button"
          className="secondary small"
          aria-label="One more"
          onClick={() => onChange(steppedQuantity(quantity, 1))}
        >
          +
        </button>
      </div>
      <p className={valid ? 'field-hint' : 'field-error'} id="license-qty-hint">
        {valid ? '5–9 active licenses: 10% off; 10 or more: 15% off.' : 'A whole number from 1 to 1,000.'}
      </p>
    </div>
  );
}

function CouponField({
  coupon,
  onChange,
  status,
  refused,
}: {
  coupon: string;
  onChange: (coupon: string) => void;
  status: string;
  refused: boolean;
}) {
  return (
    <div className="field">
      <label htmlFor="license-coupon">4. Coupon code (optional)</label>
      <input
        id="license-coupon"
        autoComplete="off"
        value={coupon}
        onChange={(e) => onChange(e.target.value)}
        aria-describedby="license-coupon-status"
      />
      <p id="license-coupon-status" className={refused ? 'field-error' : 'field-hint'} aria-live="polite">
        {status}
      </p>
    </div>
  );
}

/** The order summary beside the choice, with the one button that pays it. */
function OrderSummary({ flow }: { flow: LicensePurchase }) {
  const { quote, freshQuote } = flow;
  const q = quote.data;
  return (
    <aside className="summary" aria-live="polite" data-testid="order-summary">
      <h3>Order summary</h3>
      {!flow.validQuantity ? (
        <p className="muted">Choose a quantity.</p>
      ) : quote.isError && !q ? (
        <ErrorBox error={quote.error} onRetry={flow.retryQuote} />
      ) : !q ? (
        <Spinner label="Pricing…" />
      ) : (
        <>
          <QuoteDetails quote={q} fresh={!!freshQuote} />
          {quote.isError && <ErrorBox error={quote.error} />}
        </>
      )}
      <PurchaseActions flow={flow} />
    </aside>
  );
}

/** The quote's lines, credit and total (a spinner in place of a total that no longer applies). */
function QuoteDetails({ quote: q, fresh }: { quote: LicenseQuote; fresh: boolean }) {
  return (
    <>
      <p className="small muted">{quoteHeadline(q)}</p>
      <dl className="lines">
        {q.lines.map((line, i) => (
          <div key={i} style={{ display: 'contents' }} data-line={line.kind}>
            <dt>{formatServerText(line.description)}</dt>
            <dd className={line.amount.amount.startsWith('-') ? 'pos' : ''}>
              <Amount money={line.amount} />
            </dd>
          </div>
        ))}
        {q.accountCredit.amount !== '0.00' && (
          <>
            <dt className="subtotal">Subtotal</dt>
            <dd className="subtotal" data-testid="order-subtotal">
              <Amount money={q.subtotal} />
            </dd>
            <dt>Account credit applied</dt>
            <dd className="pos" data-testid="order-credit">
              <Amount money={{ ...q.accountCredit, amount: `-${q.accountCredit.amount}` }} />
            </dd>
          </>
        )}
        <dt className="total">Total today</dt>
        <dd className="total" data-testid="order-total">
          {fresh ? <Amount money={q.total} /> : <Spinner label="" />}
        </dd>
      </dl>
      {q.volumeDiscountCredit && (
        <p className="small pos">
          Your {q.volumeDiscountCredit.licenses} running license
          {q.volumeDiscountCredit.licenses === 1 ? ' also gets' : 's also get'} the new rate: a credit of{' '}
          <Amount money={q.volumeDiscountCredit.amount} /> on your next invoice.
        </p>
      )}
      <p className="small muted">
        {q.proRata ? 'Pro-rated to your monthly billing date; renews' : 'Renews'} on {formatDate(q.periodEnd)}
        .
      </p>
    </>
  );
}

/** "Add a card first", with the way to the Payment tab: said as the dialog opens (unless refused so). */
function AddCardFirst({ refused }: { refused: boolean }) {
  return (
    <>
      {!refused && (
        <p className="notice" role="note" data-testid="add-card-first">
          {NO_DEFAULT_CARD}
        </p>
      )}
      <button type="button" className="link" onClick={() => navigate('/booth/payment')}>
        Add a card on the Payment tab
      </button>
    </>
  );
}

/**
 * Complete Purchase, enabled only for a fresh quote and never twice at once; the card it charges;
 * with no default card, the way to one before anything is pressed (the server's refusal, should a
 * purchase go ahead anyway, replaces it in the same place).
 */
function PurchaseActions({ flow }: { flow: LicensePurchase }) {
  const { purchase, freshQuote } = flow;
  const q = flow.quote.data;
  const methods = usePaymentMethods();
  const card = methods.data?.data.find((c) => c.isDefault);
  const noCardRefusal =
    purchase.error instanceof ApiError && purchase.error.code === 'no_default_payment_method';
  return (
    <>
      <button
        type="button"
        className="primary"
        style={{ width: '100%', marginTop: '0.75rem' }}
        disabled={!freshQuote || purchase.isPending}
        onClick={() => q && !purchase.isPending && purchase.mutate(q)}
      >
        {purchase.isPending ? (
          <Spinner label="Charging your card…" />
        ) : flow.couponRefused ? (
          'Complete Purchase without the coupon'
        ) : (
          'Complete Purchase'
        )}
      </button>
      {freshQuote && card && (
        <p className="small muted" data-testid="charged-to">
          Your default card, {cardLabel(card)}, is charged <Amount money={freshQuote.total} /> now.
        </p>
      )}
      {purchase.isError && <ErrorBox error={purchase.error} />}
      {(noCardRefusal || (methods.isSuccess && !card)) && <AddCardFirst refused={noCardRefusal} />}
    </>
  );
}
