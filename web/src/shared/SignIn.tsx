import { useMutation, useQuery } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { getAddress } from 'viem';
import { createSiweMessage } from 'viem/siwe';
import { ApiError, answer, client, setToken } from './api';
import { navigate, useLocation } from './router';
import { type Session, useSession } from './session';
import { codeProblem, emailProblem, fieldError, keyProblem, landingPath, otherError } from './sign-in-rules';
import { ErrorBox, Field, Spinner } from './ui';

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
    // Back to where the customer was (the tab they were on when the session ended), else the line.
    navigate(landingPath(search.get('next'), line), true);
  };
}

/** Resolves a token to its account through GET /v1/me; only customer keys and sessions open the page. */
async function sessionFor(
  token: string,
  via: Session['via'],
  extra: Partial<Session> = {},
): Promise<Session> {
  setToken(token);
  try {
    const me = await answer(client.GET('/v1/me'));
    if (me.role !== 'customer' || !me.account)
      throw new ApiError(403, 'forbidden', 'not a customer key', undefined, undefined, { role: me.role });
    return { token, accountId: me.account.id, accountName: me.account.name, via, ...extra };
  } catch (error) {
    setToken(null);
    throw error;
  }
}

/**
 * The email way in, in two steps: send a code to an address, then sign in with the code (or send a
 * new one, or go back to change the address). Each step's input is checked before it is sent.
 */
function useEmailSignIn() {
  const finish = useFinish();
  const [email, setEmail] = useState('');
  const [code, setCode] = useState('');
  const [sentTo, setSentTo] = useState<string | null>(null);
  const [sandboxMail, setSandboxMail] = useState<string | null>(null);
  const [emailError, setEmailError] = useState<string | null>(null);
  const [codeError, setCodeError] = useState<string | null>(null);
  const send = useMutation({
    mutationFn: (to: string) => answer(client.POST('/v1/auth/email/code', { body: { email: to } })),
    onSuccess: (sent) => {
      setSentTo(sent.email);
      setSandboxMail(sent.sandboxMailUrl);
      setCode('');
      verify.reset();
    },
  });
  const verify = useMutation({
    mutationFn: async (body: { email: string; code: string }) => {
      const created = await answer(client.POST('/v1/auth/email/verify', { body }));
      return sessionFor(created.token, 'email', { email: created.email });
    },
    onSuccess: (s) => finish(s, 'booth'),
  });
  const submitEmail = (e: FormEvent) => {
    e.preventDefault();
    const to = email.trim();
    send.reset();
    const problem = emailProblem(to);
    setEmailError(problem);
    if (!problem) send.mutate(to);
  };
  const submitCode = (e: FormEvent) => {
    e.preventDefault();
    const c = code.replace(/\s/g, '');
    verify.reset();
    const problem = codeProblem(c);
    setCodeError(problem);
    if (!problem && sentTo) verify.mutate({ email: sentTo, code: c });
  };
  return {
    email,
    code,
    sentTo,
    sandboxMail,
    send,
    verify,
    submitEmail,
    submitCode,
    emailError: emailError ?? fieldError(send.error, 'email'),
    codeError: codeError ?? fieldError(verify.error, 'code'),
    typeEmail: (value: string) => (setEmail(value), setEmailError(null)),
    typeCode: (value: string) => (setCode(value), setCodeError(null)),
    changeEmail: () => (setSentTo(null), verify.reset()),
  };
}

type EmailFlow = ReturnType<typeof useEmailSignIn>;

function EmailStep({ flow }: { flow: EmailFlow }) {
  const { email, emailError, send } = flow;
  return (
    <form onSubmit={flow.submitEmail} noValidate>
      <Field id="signin-email" label="Email" error={emailError}>
        <input
          id="signin-email"
          name="email"
          type="email"
          autoComplete="email"
          value={email}
          onChange={(e) => flow.typeEmail(e.target.value)}
          aria-invalid={!!emailError}
          aria-describedby={emailError ? 'signin-email-error' : undefined}
        />
      </Field>
      <button type="submit" className="primary" disabled={send.isPending}>
        {send.isPending ? <Spinner label="Sending…" /> : 'Email me a code'}
      </button>
      {otherError(send.error, ['email']) && <ErrorBox error={send.error} />}
    </form>
  );
}

function CodeStep({ flow, sentTo }: { flow: EmailFlow; sentTo: string }) {
  const { code, codeError, sandboxMail, send, verify } = flow;
  return (
    <form onSubmit={flow.submitCode} noValidate>
      <p role="status">
        We sent a 6-digit code to <strong>{sentTo}</strong>. It works once, for 10 minutes.
      </p>
      {sandboxMail && (
        <p className="muted small">
          This server runs the sandbox (no email is sent): read the code on the{' '}
          <a href={sandboxMail} target="_blank" rel="noreferrer">
            sandbox mail page
          </a>
          .
        </p>
      )}
      <Field id="signin-code" label="Code from the email" error={codeError}>
        <input
          id="signin-code"
          name="one-time-code"
          inputMode="numeric"
          autoComplete="one-time-code"
          maxLength={12}
          value={code}
          onChange={(e) => flow.typeCode(e.target.value)}
          aria-invalid={!!codeError}
          aria-describedby={codeError ? 'signin-code-error' : undefined}
        />
      </Field>
      <div className="signin-actions">
        <button type="submit" className="primary" disabled={verify.isPending}>
          {verify.isPending ? <Spinner label="Signing in…" /> : 'Sign in'}
        </button>
        <button type="button" className="link" onClick={() => send.mutate(sentTo)} disabled={send.isPending}>
          Send a new code
        </button>
        <button type="button" className="link" onClick={flow.changeEmail}>
          Use another email
        </button>
      </div>
      {otherError(verify.error, ['code']) && <ErrorBox error={verify.error} />}
      {send.isError && <ErrorBox error={send.error} />}
    </form>
  );
}

function EmailSignIn() {
  const flow = useEmailSignIn();
  return flow.sentTo ? <CodeStep flow={flow} sentTo={flow.sentTo} /> : <EmailStep flow={flow} />;
}

async function walletSignIn(): Promise<Session> {
  const eth = window.ethereum;
  if (!eth) throw new Error('no wallet');
  const accounts = (await eth.request({ method: 'eth_requestAccounts' })) as string[];
  const address = getAddress(accounts[0]!);
  const nonce = await answer(client.POST('/v1/auth/siwe/nonce', { body: {} }));
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
  const signature = (await eth.request({ method: 'personal_sign', params: [message, address] })) as string;
  const created = await answer(client.POST('/v1/auth/siwe/verify', { body: { message, signature } }));
  return sessionFor(created.token, 'wallet', { address: created.address });
}

function WalletSignIn() {
  const finish = useFinish();
  const wallet = useMutation({ mutationFn: walletSignIn, onSuccess: (s) => finish(s, 'compute') });
  const hasWallet = typeof window.ethereum !== 'undefined';
  return (
    <section className="signin-option" aria-labelledby="wallet-title">
      <h2 id="wallet-title">Wallet</h2>
      <p className="muted">Sign a Sign-In with Ethereum message with your wallet. No transaction, no fee.</p>
      {hasWallet ? (
        <button type="button" className="primary" onClick={() => wallet.mutate()} disabled={wallet.isPending}>
          {wallet.isPending ? <Spinner label="Waiting for your wallet…" /> : 'Sign in with a wallet'}
        </button>
      ) : (
        <p className="notice" role="note">
          No browser wallet found. Install a wallet extension such as MetaMask (or open this page in your
          wallet's browser), then reload. You can also sign in by email.
        </p>
      )}
      {wallet.isError && <ErrorBox error={wallet.error} />}
    </section>
  );
}

/** Shown only when the server runs with a demo account (GET /v1/demo answers). */
function DemoSignIn() {
  const finish = useFinish();
  const demo = useQuery({
    queryKey: ['demo'],
    queryFn: () => answer(client.GET('/v1/demo')),
    retry: false,
  });
  const byDemo = useMutation({
    mutationFn: () => sessionFor(demo.data!.key, 'demo'),
    onSuccess: (s) => finish(s, 'compute'),
  });
  if (!demo.isSuccess) return null;
  return (
    <section className="signin-option demo" aria-labelledby="demo-title">
      <h2 id="demo-title">Demo account</h2>
      <p className="muted">
        This server runs with a demo account (sandbox PayPal, sandbox cards; no real money).
      </p>
      <button type="button" className="secondary" onClick={() => byDemo.mutate()} disabled={byDemo.isPending}>
        {byDemo.isPending ? <Spinner label="Opening the demo…" /> : 'Try the demo account'}
      </button>
      {byDemo.isError && <ErrorBox error={byDemo.error} />}
    </section>
  );
}

function KeySignIn() {
  const finish = useFinish();
  const [key, setKey] = useState('');
  const [keyError, setKeyError] = useState<string | null>(null);
  const byKey = useMutation({
    mutationFn: (k: string) => sessionFor(k, 'api-key'),
    onSuccess: (s) => finish(s, 'booth'),
  });
  const submitKey = (e: FormEvent) => {
    e.preventDefault();
    const k = key.trim();
    byKey.reset();
    if (!k) return setKeyError('Paste your API key.');
    setKeyError(null);
    byKey.mutate(k);
  };
  const refused = keyProblem(byKey.error);
  return (
    <section className="signin-option developers" aria-labelledby="developers-title">
      <h2 id="developers-title">Developers</h2>
      <p className="muted">For scripts and integrations: sign in with a customer API key.</p>
      <form onSubmit={submitKey} noValidate>
        <Field
          id="api-key"
          label="Customer API key"
          error={keyError ?? refused}
          hint="Starts with pk_. An operator issues it for one account."
        >
          <input
            id="api-key"
            name="api-key"
            type="password"
            autoComplete="off"
            spellCheck={false}
            value={key}
            onChange={(e) => {
              setKey(e.target.value);
              setKeyError(null);
            }}
            aria-invalid={!!(keyError ?? refused)}
            aria-describedby={keyError || refused ? 'api-key-error' : 'api-key-hint'}
          />
        </Field>
        <button type="submit" className="primary" disabled={byKey.isPending}>
          {byKey.isPending ? <Spinner label="Signing in…" /> : 'Sign in with key'}
        </button>
      </form>
      {byKey.isError && !refused && <ErrorBox error={byKey.error} />}
    </section>
  );
}

export function SignIn() {
  const { ended } = useSession();
  return (
    <main className="signin" id="main">
      <div className="signin-box">
        <h1>
          <span className="logo" aria-hidden="true">
            ◆
          </span>{' '}
          Pictor · Payment &amp; Billing
        </h1>
        {ended === 'expired' ? (
          <p className="notice" role="alert" data-testid="session-ended">
            Your session expired — sign in again
          </p>
        ) : (
          <p className="muted">Sign in to see your balance, invoices and licenses for compute and booth.</p>
        )}

        <section className="signin-option" aria-labelledby="email-title">
          <h2 id="email-title">Email</h2>
          <p className="muted">
            We email you a one-time code. No password. New here? This opens your account.
          </p>
          <EmailSignIn />
        </section>
        <WalletSignIn />
        <DemoSignIn />
        <KeySignIn />
      </div>
    </main>
  );
}
