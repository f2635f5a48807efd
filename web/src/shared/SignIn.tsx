import { useMutation, useQuery } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { getAddress } from 'viem';
import { createSiweMessage } from 'viem/siwe';
import { ApiError, api, errorText, setToken } from './api';
import { navigate, useLocation } from './router';
import { type Session, useSession } from './session';
import { ErrorBox, Field, Spinner } from './ui';

interface Me {
  role: 'operator' | 'service' | 'customer';
  account: { id: string; name: string } | null;
}

interface Eip1193 {
  request(args: { method: string; params?: unknown[] }): Promise<unknown>;
}

declare global {
  interface Window {
    ethereum?: Eip1193;
  }
}

function useFinish() {
  const { signIn } = useSession();
  const { search } = useLocation();
  return (s: Session, line: 'compute' | 'booth') => {
    signIn(s);
    const next = search.get('next');
    navigate(next && /^\/(?![/\\])/.test(next) && !next.startsWith('/signin') ? next : `/${line}`, true);
  };
}

/** Resolves a key to its account through GET /v1/me; only customer keys open the page. */
async function sessionForKey(key: string, via: Session['via']): Promise<Session> {
  setToken(key);
  try {
    const me = await api<Me>('GET', '/v1/me');
    if (me.role !== 'customer' || !me.account)
      throw new ApiError(
        403,
        'forbidden',
        `This is a${me.role === 'operator' ? 'n' : ''} ${me.role} key. Sign in with a customer key of one account.`,
      );
    return { token: key, accountId: me.account.id, accountName: me.account.name, via };
  } catch (error) {
    setToken(null);
    if (error instanceof ApiError && error.status === 401)
      throw new ApiError(401, error.code, 'This key is not valid. Check that you pasted all of it.');
    throw error;
  }
}

export function SignIn() {
  const finish = useFinish();
  const [key, setKey] = useState('');
  const [keyError, setKeyError] = useState<string | null>(null);
  const demo = useQuery({
    queryKey: ['demo'],
    queryFn: () => api<{ accountId: string; key: string }>('GET', '/v1/demo'),
    retry: false,
  });

  const wallet = useMutation({
    mutationFn: async () => {
      const eth = window.ethereum;
      if (!eth) throw new Error('no wallet');
      const accounts = (await eth.request({ method: 'eth_requestAccounts' })) as string[];
      const address = getAddress(accounts[0]!);
      const nonce = await api<{ nonce: string; domain: string; chainId: number }>(
        'POST',
        '/v1/auth/siwe/nonce',
        {
          body: {},
        },
      );
      const message = createSiweMessage({
        domain: nonce.domain,
        address,
        statement: 'Sign in to Pictor Payment & Billing.',
        uri: location.origin,
        version: '1',
        chainId: nonce.chainId,
        nonce: nonce.nonce,
        issuedAt: new Date(),
      });
      const signature = (await eth.request({
        method: 'personal_sign',
        params: [message, address],
      })) as string;
      const created = await api<{ token: string; accountId: string; address: string }>(
        'POST',
        '/v1/auth/siwe/verify',
        {
          body: { message, signature },
        },
      );
      setToken(created.token);
      const me = await api<Me>('GET', '/v1/me');
      return {
        token: created.token,
        accountId: created.accountId,
        accountName: me.account?.name ?? created.address,
        via: 'wallet' as const,
        address: created.address,
      };
    },
    onSuccess: (s) => finish(s, 'compute'),
  });

  const byKey = useMutation({
    mutationFn: (k: string) => sessionForKey(k, 'api-key'),
    onSuccess: (s) => finish(s, 'booth'),
  });
  const byDemo = useMutation({
    mutationFn: () => sessionForKey(demo.data!.key, 'demo'),
    onSuccess: (s) => finish(s, 'compute'),
  });

  const submitKey = (e: FormEvent) => {
    e.preventDefault();
    const k = key.trim();
    if (!k) return setKeyError('Paste your API key.');
    setKeyError(null);
    byKey.mutate(k);
  };

  const hasWallet = typeof window.ethereum !== 'undefined';
  return (
    <main className="signin" id="main">
      <div className="signin-box">
        <h1>
          <span className="logo" aria-hidden="true">
            ◆
          </span>{' '}
          Pictor · Payment &amp; Billing
        </h1>
        <p className="muted">Sign in to see your balance, invoices and licenses.</p>

        <section className="signin-option" aria-labelledby="wallet-title">
          <h2 id="wallet-title">Compute · Web3 wallet</h2>
          <p className="muted">
            Sign a Sign-In with Ethereum message with the wallet you top up from. No transaction, no fee.
          </p>
          {hasWallet ? (
            <button
              type="button"
              className="primary"
              onClick={() => wallet.mutate()}
              disabled={wallet.isPending}
            >
              {wallet.isPending ? <Spinner label="Waiting for your wallet…" /> : 'Connect wallet'}
            </button>
          ) : (
            <p className="notice" role="note">
              No browser wallet found. Install a wallet extension such as MetaMask (or open this page in your
              wallet's browser), then reload. You can also sign in with an API key below.
            </p>
          )}
          {wallet.isError && <ErrorBox error={wallet.error} />}
        </section>

        <section className="signin-option" aria-labelledby="key-title">
          <h2 id="key-title">Booth · API key</h2>
          <form onSubmit={submitKey} noValidate>
            <Field
              id="api-key"
              label="Customer API key"
              error={keyError}
              hint="Starts with pk_. Kept for this browser tab only."
            >
              <input
                id="api-key"
                name="api-key"
                type="password"
                autoComplete="off"
                spellCheck={false}
                value={key}
                onChange={(e) => setKey(e.target.value)}
                aria-invalid={!!keyError}
                aria-describedby={keyError ? 'api-key-error' : 'api-key-hint'}
              />
            </Field>
            <button type="submit" className="primary" disabled={byKey.isPending}>
              {byKey.isPending ? <Spinner label="Signing in…" /> : 'Sign in with key'}
            </button>
          </form>
          {byKey.isError && <ErrorBox error={byKey.error} />}
        </section>

        {demo.isSuccess && (
          <section className="signin-option demo" aria-labelledby="demo-title">
            <h2 id="demo-title">Demo account</h2>
            <p className="muted">
              This server runs with a demo account (sandbox PayPal, sandbox cards; no real money).
            </p>
            <button
              type="button"
              className="secondary"
              onClick={() => byDemo.mutate()}
              disabled={byDemo.isPending}
            >
              {byDemo.isPending ? <Spinner label="Opening the demo…" /> : 'Try the demo account'}
            </button>
            {byDemo.isError && <ErrorBox error={byDemo.error} />}
          </section>
        )}
        {demo.isError && !(demo.error instanceof ApiError && demo.error.status === 404) && (
          <p className="muted small">Demo sign-in unavailable: {errorText(demo.error)}</p>
        )}
      </div>
    </main>
  );
}
