import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, type ReactNode, useState } from 'react';
import { getAddress } from 'viem';
import { createSiweMessage } from 'viem/siwe';
import { ApiError, answer, client } from './api';
import { errorSentence } from './errors';
import type { SessionRow } from './api-types';
import { ConfirmPanel } from './confirm';
import { NotificationsCard } from './Notifications';
import { useAccount, useSession } from './session';
import { Card, ErrorBox, Field, QueryView, Spinner, formatTime } from './ui';

/**
 * Account settings: the ways in (emails, wallets: add and remove) and the sessions, with "Sign out
 * everywhere"; the product lines' own settings (`children`: the compute alerts), and the
 * notifications the account received.
 */
export function AccountSettings({ children }: { children?: ReactNode }) {
  return (
    <div className="page">
      <h1>Account settings</h1>
      <div className="stack">
        {children}
        <NotificationsCard />
        <WaysInCard />
        <SessionsCard />
      </div>
    </div>
  );
}

function WaysInCard() {
  const queryClient = useQueryClient();
  const waysIn = useQuery({ queryKey: ['ways-in'], queryFn: () => answer(client.GET('/v1/auth/ways-in')) });
  const [removing, setRemoving] = useState<{ kind: 'wallet' | 'email'; value: string } | null>(null);
  const remove = useMutation({
    mutationFn: (way: { kind: 'wallet' | 'email'; value: string }) =>
      answer(client.POST('/v1/auth/ways-in/remove', { body: way })),
    onSuccess: (next) => {
      queryClient.setQueryData(['ways-in'], { wallets: next.wallets, emails: next.emails });
      void queryClient.invalidateQueries({ queryKey: ['sessions'] });
      setRemoving(null);
    },
  });
  return (
    <Card title="Ways to sign in">
      <p className="muted">
        Any of these signs in to this account. Your email is also where invoices and alerts go.
      </p>
      <QueryView query={waysIn}>
        {(w) => (
          <ul className="ways-in" data-testid="ways-in">
            {[
              ...w.emails.map((value) => ({ kind: 'email' as const, value })),
              ...w.wallets.map((value) => ({ kind: 'wallet' as const, value })),
            ].map((way) => (
              <li key={way.value}>
                <span>
                  {way.kind === 'email' ? 'Email' : 'Wallet'}: <strong>{way.value}</strong>
                </span>
                {removing?.value === way.value ? (
                  <ConfirmPanel
                    confirmLabel="Remove"
                    pending={remove.isPending}
                    error={remove.error}
                    danger
                    onConfirm={() => remove.mutate(way)}
                    onCancel={() => {
                      setRemoving(null);
                      remove.reset();
                    }}
                  >
                    Remove {way.value}? It will no longer sign in to this account, and the sessions it opened
                    end.
                  </ConfirmPanel>
                ) : (
                  <button type="button" className="link" onClick={() => setRemoving(way)}>
                    Remove
                  </button>
                )}
              </li>
            ))}
          </ul>
        )}
      </QueryView>
      <AddEmail />
      <AddWallet />
    </Card>
  );
}

function AddEmail() {
  const queryClient = useQueryClient();
  const [email, setEmail] = useState('');
  const [code, setCode] = useState('');
  const [sentTo, setSentTo] = useState<string | null>(null);
  const send = useMutation({
    mutationFn: (to: string) => answer(client.POST('/v1/auth/ways-in/email/code', { body: { email: to } })),
    onSuccess: (sent) => setSentTo(sent.email),
  });
  const link = useMutation({
    mutationFn: (c: string) =>
      answer(client.POST('/v1/auth/ways-in/email', { body: { email: sentTo ?? '', code: c } })),
    onSuccess: (next) => {
      queryClient.setQueryData(['ways-in'], next);
      setSentTo(null);
      setEmail('');
      setCode('');
    },
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (send.isPending || link.isPending) return;
    if (sentTo) link.mutate(code.replace(/\s/g, ''));
    else send.mutate(email.trim());
  };
  // A refused code (wrong, expired, used, not 6 digits: field `code`) is said beside the code.
  const codeError =
    link.error instanceof ApiError && link.error.field === 'code' ? errorSentence(link.error) : null;
  return (
    <form onSubmit={submit} noValidate className="add-way-in">
      {sentTo ? (
        <Field id="link-code" label={`Code sent to ${sentTo}`} error={codeError}>
          <input
            id="link-code"
            inputMode="numeric"
            autoComplete="one-time-code"
            value={code}
            onChange={(e) => setCode(e.target.value)}
            aria-invalid={!!codeError}
            aria-describedby={codeError ? 'link-code-error' : undefined}
          />
        </Field>
      ) : (
        <Field id="link-email" label="Add an email">
          <input id="link-email" type="email" value={email} onChange={(e) => setEmail(e.target.value)} />
        </Field>
      )}
      <button type="submit" className="secondary" disabled={send.isPending || link.isPending}>
        {sentTo ? 'Add this email' : 'Email me a code'}
      </button>
      {send.isError && <ErrorBox error={send.error} />}
      {link.isError && !codeError && <ErrorBox error={link.error} />}
    </form>
  );
}

function AddWallet() {
  const queryClient = useQueryClient();
  const link = useMutation({
    mutationFn: async () => {
      const eth = window.ethereum!;
      const accounts = (await eth.request({ method: 'eth_requestAccounts' })) as string[];
      const address = getAddress(accounts[0]!);
      const nonce = await answer(client.POST('/v1/auth/siwe/nonce', { body: {} }));
      const message = createSiweMessage({
        domain: nonce.domain,
        address,
        statement: 'Add this wallet to my Pictor account.',
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
      return answer(client.POST('/v1/auth/ways-in/wallet', { body: { message, signature } }));
    },
    onSuccess: (next) => queryClient.setQueryData(['ways-in'], next),
  });
  if (typeof window.ethereum === 'undefined') return null;
  return (
    <div className="add-way-in">
      <button type="button" className="secondary" onClick={() => link.mutate()} disabled={link.isPending}>
        {link.isPending ? <Spinner label="Waiting for your wallet…" /> : 'Add a wallet'}
      </button>
      {link.isError && <ErrorBox error={link.error} />}
    </div>
  );
}

function SessionsCard() {
  const { signOut } = useSession();
  const account = useAccount();
  const queryClient = useQueryClient();
  const sessions = useQuery({
    queryKey: ['sessions', account.accountId],
    queryFn: () => answer(client.GET('/v1/auth/sessions')),
  });
  const [confirming, setConfirming] = useState(false);
  const end = useMutation({
    mutationFn: (sessionId: string) =>
      answer(client.POST('/v1/auth/sessions/{sessionId}/revoke', { params: { path: { sessionId } } })),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: ['sessions'] }),
  });
  const everywhere = useMutation({
    mutationFn: () => answer(client.POST('/v1/auth/sessions/revoke-all')),
    onSuccess: () => void signOut(),
  });
  return (
    <Card
      title="Where you are signed in"
      actions={
        !confirming && (
          <button type="button" className="secondary" onClick={() => setConfirming(true)}>
            Sign out everywhere
          </button>
        )
      }
    >
      {confirming && (
        <ConfirmPanel
          confirmLabel="Sign out everywhere"
          pending={everywhere.isPending}
          error={everywhere.error}
          danger
          onConfirm={() => everywhere.mutate()}
          onCancel={() => setConfirming(false)}
        >
          Every browser and device signed in to this account is signed out, this one included.
        </ConfirmPanel>
      )}
      <QueryView
        query={sessions}
        isEmpty={(d) => d.data.length === 0}
        empty={<p className="muted">No sessions: you signed in with an API key.</p>}
      >
        {(d) => <SessionsTable sessions={d.data} onEnd={(id) => end.mutate(id)} ending={end.isPending} />}
      </QueryView>
      {end.isError && <ErrorBox error={end.error} />}
    </Card>
  );
}

/** One row per session; every session but this browser's can be ended on its own. */
function SessionsTable(props: {
  sessions: SessionRow[];
  onEnd: (sessionId: string) => void;
  ending: boolean;
}) {
  return (
    <table className="table stackable" data-testid="sessions">
      <thead>
        <tr>
          <th scope="col">Signed in with</th>
          <th scope="col">Since</th>
          <th scope="col">Until</th>
          <th scope="col">
            <span className="sr-only">Actions</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {props.sessions.map((s) => (
          <tr key={s.id}>
            <td>
              {s.method === 'email' ? `Email ${s.email}` : `Wallet ${s.address}`}
              {s.current && <span className="badge"> This browser</span>}
            </td>
            <td>{formatTime(s.createdAt)}</td>
            <td>{formatTime(s.expiresAt)}</td>
            <td>
              {!s.current && (
                <button
                  type="button"
                  className="link"
                  onClick={() => props.onEnd(s.id)}
                  disabled={props.ending}
                >
                  Sign out
                </button>
              )}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
