import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { answer, client } from '../shared/api';
import { formatDecimal, toMicros } from '../shared/decimal';
import { useAccount } from '../shared/session';
import { Amount, Card, ErrorBox, Modal, Spinner, StatusBadge, formatTime, QueryView } from '../shared/ui';
import { AutoTopupCard } from './AutoTopupCard';
import { Estimator } from './Estimator';
import { ChargeConfirm } from './ChargeConfirm';
import { NotAvailable, isMissingRoute, useTokenWallet } from './common';
import { isPermanent } from '../shared/errors';
import { useIntent } from '../shared/intent';
import type { TokenPack } from '../shared/api-types';

function usePacks() {
  return useQuery({
    queryKey: ['token-packs'],
    queryFn: () => answer(client.GET('/v1/booth/token-packs')),
    staleTime: 60_000,
  });
}

function useBuyTokens() {
  const { accountId } = useAccount();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ pack, quantity, key }: { pack: number; quantity: number; key: string }) =>
      answer(
        client.POST('/v1/accounts/{accountId}/tokens/purchases', {
          params: { path: { accountId } },
          headers: { 'idempotency-key': key },
          body: { pack, quantity },
        }),
      ),
    onSettled: () => void queryClient.invalidateQueries(),
  });
}

/**
 * Buying a pack: Buy opens a confirmation naming the amount and the card; Pay charges it once (one
 * Idempotency-Key per intent, re-entry refused while it runs); the outcome shows where the
 * customer is looking — a decline inside the confirmation, success next to the packs.
 */
function useTokenPurchase() {
  const buy = useBuyTokens();
  const intent = useIntent('tokens');
  const [confirming, setConfirming] = useState<TokenPack | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [notPaid, setNotPaid] = useState<string | null>(null);
  const start = (pack: TokenPack) => {
    buy.reset();
    setDone(null);
    setNotPaid(null);
    setConfirming(pack);
  };
  const confirm = () => {
    if (!confirming || !intent.begin()) return;
    const pack = confirming;
    buy.mutate(
      { pack: pack.tokens, quantity: 1, key: intent.keyFor(`pack-${pack.tokens}`) },
      {
        onSuccess: (r) => {
          intent.settle(true);
          if (r.status === 'paid') {
            setConfirming(null);
            setDone(`${formatDecimal(r.tokens.amount, 0)} tokens added.`);
          } else setNotPaid('The payment is still being processed: your tokens appear once it completes.');
        },
        onError: (error) => intent.settle(isPermanent(error)),
      },
    );
  };
  const cancel = () => {
    if (buy.isPending) return;
    intent.abandon();
    buy.reset();
    setConfirming(null);
  };
  const panel = confirming && (
    <>
      <ChargeConfirm
        what={`${formatDecimal(String(confirming.tokens), 0)} tokens`}
        amount={confirming.price}
        pending={buy.isPending}
        error={buy.error ?? undefined}
        onConfirm={confirm}
        onCancel={cancel}
      />
      {notPaid && <p className="notice">{notPaid}</p>}
    </>
  );
  const message = done && (
    <p className="success" role="status" data-testid="token-purchase-done">
      {done}
    </p>
  );
  return { start, confirming, panel, message, cancel };
}

function PackGrid({
  onBuy,
  pending,
  packs,
}: {
  onBuy: (pack: TokenPack) => void;
  pending: number | null;
  packs: TokenPack[];
}) {
  const best = packs.reduce<TokenPack | null>(
    (b, p) => (b && toMicros(b.pricePerToken.amount) <= toMicros(p.pricePerToken.amount) ? b : p),
    null,
  );
  return (
    <div className="packs" data-testid="token-packs">
      {packs.map((p) => (
        <div className="pack" key={p.tokens} data-pack={p.tokens}>
          <span className="tokens num">{formatDecimal(String(p.tokens), 0)} tokens</span>
          <span className="num">
            <Amount money={p.price} />
          </span>
          <span className="muted small num">
            <Amount money={p.pricePerToken} /> per token
            {best && best.tokens === p.tokens ? ' · best value' : ''}
          </span>
          <button
            type="button"
            className="secondary small"
            disabled={pending !== null}
            onClick={() => onBuy(p)}
          >
            {pending === p.tokens ? <Spinner label="Paying…" /> : `Buy ${formatDecimal(String(p.tokens), 0)}`}
          </button>
        </div>
      ))}
    </div>
  );
}

export function TokenTopUpModal({ onClose }: { onClose: () => void }) {
  const packs = usePacks();
  const purchase = useTokenPurchase();
  return (
    <Modal title={purchase.confirming ? 'Confirm payment' : 'Top up tokens'} onClose={onClose} wide>
      {purchase.confirming ? (
        purchase.panel
      ) : (
        <>
          <p className="muted small">
            Paid with your default card. Tokens never expire and are usable the moment payment succeeds.
          </p>
          {purchase.message}
          {packs.isPending ? (
            <Spinner />
          ) : packs.isError ? (
            isMissingRoute(packs.error) ? (
              <NotAvailable what="Buying tokens" />
            ) : (
              <ErrorBox error={packs.error} />
            )
          ) : (
            <PackGrid packs={packs.data.data} pending={null} onBuy={purchase.start} />
          )}
        </>
      )}
    </Modal>
  );
}

export function TokensTab({ onTopUp }: { onTopUp: () => void }) {
  const wallet = useTokenWallet();
  const packs = usePacks();
  const purchase = useTokenPurchase();
  if (wallet.isError && isMissingRoute(wallet.error)) return <NotAvailable what="The token wallet" />;
  return (
    <div className="stack">
      <div className="grid two">
        <Card
          title="Token balance"
          actions={
            <button type="button" className="primary small" onClick={onTopUp}>
              Top Up
            </button>
          }
        >
          <QueryView query={wallet}>
            {(data) => (
              <>
                <p className="big-number">
                  <Amount money={data.available} />
                </p>
                <p className="muted small">
                  Tokens pay for AI outputs: AI image 1–2, AI video 5–15, premium background removal 1. They
                  never expire.
                </p>
              </>
            )}
          </QueryView>
        </Card>
        <Estimator available={wallet.data?.available.amount} />
      </div>
      <Card title="Token packs">
        {purchase.message}
        <QueryView query={packs}>
          {(data) => <PackGrid packs={data.data} pending={null} onBuy={purchase.start} />}
        </QueryView>
        {purchase.confirming && (
          <Modal title="Confirm payment" onClose={purchase.cancel}>
            {purchase.panel}
          </Modal>
        )}
      </Card>
      {packs.data && <AutoTopupCard packs={packs.data.data} />}
      <Card title="Recent token purchases">
        {wallet.data && wallet.data.recentPurchases.length === 0 ? (
          <p className="muted">No token purchases yet.</p>
        ) : (
          <ul className="rows">
            {wallet.data?.recentPurchases.map((p) => (
              <li key={p.id}>
                <div className="row-main">
                  <span className="num">
                    {formatDecimal(p.tokens.amount, 0)} tokens · <Amount money={p.price} />
                  </span>
                  <StatusBadge status={p.status} />
                </div>
                <div className="muted small">
                  {formatTime(p.createdAt)}
                  {p.declineReason ? ` · ${p.declineReason}` : ''}
                </div>
              </li>
            ))}
          </ul>
        )}
      </Card>
    </div>
  );
}
