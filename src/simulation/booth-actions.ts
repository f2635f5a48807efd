import { parsePositiveAmount } from '../kernel/money.js';
import { addPaymentMethod } from '../booth/billing/add-payment-method.js';
import { listBoothInvoices } from '../booth/billing/list-booth-invoices.js';
import { payOpenInvoice } from '../booth/billing/pay-open-invoice.js';
import { setDefaultPaymentMethod } from '../booth/billing/set-default-payment-method.js';
import { setAutoTopup } from '../booth/events/auto-topup.js';
import { buyTokenPack } from '../booth/events/buy-token-pack.js';
import { cancelLicense } from '../booth/licenses/cancel-license.js';
import { createCoupon } from '../booth/licenses/create-coupon.js';
import { downgradeLicense } from '../booth/licenses/downgrade-license.js';
import { purchaseLicenses } from '../booth/licenses/purchase-licenses.js';
import { quoteLicenses } from '../booth/licenses/quote-licenses.js';
import { undoCancelLicense } from '../booth/licenses/undo-cancel-license.js';
import { undoDowngradeLicense } from '../booth/licenses/undo-downgrade-license.js';
import type { ActionOf } from './scenario.js';
import { SIMULATION, type SimWorld, accountOf, labelled, note } from './sim-world.js';

const micros = (amount: string, unit: 'USD' | 'TOKEN'): bigint => {
  const parsed = parsePositiveAmount(amount, unit);
  if (!parsed.ok) throw new Error(`bad amount ${amount}`);
  return parsed.micros;
};

/** The booth line's actions: cards, coupons, licenses and their changes, invoices, token packs. */
export const boothActions = {
  async card(w: SimWorld, action: ActionOf<'card'>) {
    const accountId = accountOf(w, action.customer);
    const saved = await addPaymentMethod(w.ctx, accountId, w.cards.tokenize(action.number));
    const r = saved.ok ? await setDefaultPaymentMethod(w.ctx, accountId, saved.value.id) : saved;
    note(w, action.customer, 'card', `…${action.number.slice(-4)}: ${r.ok ? 'default' : r.failure.code}`);
  },

  async coupon(w: SimWorld, action: ActionOf<'coupon'>, key: string) {
    const r = await createCoupon(
      w.ctx,
      SIMULATION,
      {
        code: action.code,
        percentBp: action.percentOff === undefined ? null : action.percentOff * 100,
        amountOffMicros: action.amountOff === undefined ? null : micros(action.amountOff, 'USD'),
        ...{ validFrom: null, validUntil: null, maxRedemptions: null },
        duration: action.duration,
        durationRenewals: action.durationRenewals ?? null,
        reason: 'scenario',
      },
      key,
    );
    note(w, '-', 'coupon', `${action.code}: ${r.ok ? 'created' : r.failure.code}`);
  },

  async buyLicenses(w: SimWorld, action: ActionOf<'buyLicenses'>, key: string) {
    const accountId = accountOf(w, action.customer);
    const request = { accountId, product: action.product, period: action.period, quantity: action.quantity };
    const order = action.coupon ? { ...request, couponCode: action.coupon } : request;
    const quote = await quoteLicenses(w.ctx, order);
    const r = quote.ok
      ? await purchaseLicenses(
          w.ctx,
          SIMULATION,
          { ...order, expectedTotalMicros: quote.value.totalMicros },
          key,
        )
      : quote;
    const what = `${action.quantity} × ${action.product} ${action.period}`;
    if (!r.ok) return note(w, action.customer, 'licenses', `${what}: ${r.failure.code}`);
    r.value.licenses.forEach((license, i) => {
      const label = action.licenses[i];
      if (label) w.licenses.set(label, { accountId, id: license.id, customer: action.customer });
    });
    note(w, action.customer, 'licenses', `${what}: ${r.value.order.status}`);
  },

  cancel: (w: SimWorld, a: ActionOf<'cancel'>) =>
    changeLicense(w, a.license, 'cancel', (acct, id) => cancelLicense(w.ctx, acct, id)),
  undoCancel: (w: SimWorld, a: ActionOf<'undoCancel'>) =>
    changeLicense(w, a.license, 'undo cancel', (acct, id) => undoCancelLicense(w.ctx, acct, id)),
  downgrade: (w: SimWorld, a: ActionOf<'downgrade'>) =>
    changeLicense(w, a.license, `downgrade to ${a.tier}`, (acct, id) =>
      downgradeLicense(w.ctx, acct, id, a.tier),
    ),
  undoDowngrade: (w: SimWorld, a: ActionOf<'undoDowngrade'>) =>
    changeLicense(w, a.license, 'undo downgrade', (acct, id) => undoDowngradeLicense(w.ctx, acct, id)),

  async payOpenInvoices(w: SimWorld, action: ActionOf<'payOpenInvoices'>) {
    const accountId = accountOf(w, action.customer);
    const listed = await listBoothInvoices(w.ctx, accountId, { limit: 1000 });
    const open = listed.ok ? listed.value.data.filter((i) => i.status === 'open') : [];
    if (open.length === 0) return note(w, action.customer, 'pay', 'no open invoice');
    for (const invoice of open.reverse()) {
      const r = await payOpenInvoice(w.ctx, accountId, invoice.id);
      const outcome = r.ok ? `paid, ${r.value.reactivated.length} licenses reactivated` : r.failure.code;
      note(w, action.customer, 'pay', `${invoice.formattedNumber ?? invoice.id}: ${outcome}`);
    }
  },

  async tokenPack(w: SimWorld, action: ActionOf<'tokenPack'>, key: string) {
    const input = {
      accountId: accountOf(w, action.customer),
      packTokens: action.pack,
      quantity: action.quantity,
    };
    const r = await buyTokenPack(w.ctx, SIMULATION, input, key);
    const outcome = r.ok ? r.value.status : r.failure.code;
    note(w, action.customer, 'token pack', `${action.quantity} × ${action.pack}: ${outcome}`);
  },

  async autoTopUp(w: SimWorld, action: ActionOf<'autoTopUp'>) {
    const r = await setAutoTopup(w.ctx, {
      accountId: accountOf(w, action.customer),
      enabled: action.enabled,
      thresholdMicros: micros(action.threshold, 'TOKEN'),
      packTokens: action.pack,
      maxPerDay: action.maxPerDay,
    });
    const set = action.enabled ? `below ${action.threshold} buy ${action.pack}` : 'off';
    note(w, action.customer, 'auto top-up', r.ok ? set : r.failure.code);
  },
};

async function changeLicense(
  w: SimWorld,
  label: string,
  what: string,
  change: (accountId: string, licenseId: string) => Promise<{ ok: boolean; failure?: { code: string } }>,
) {
  const license = labelled(w, w.licenses, what, label);
  if (!license) return;
  const r = await change(license.accountId, license.id);
  note(w, license.customer, what, `${label}: ${r.ok ? 'done' : r.failure?.code}`);
}
