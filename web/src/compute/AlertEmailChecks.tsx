import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type KeyboardEvent, useState } from 'react';
import { answer, ApiError, client } from '../shared/api';
import { errorSentence, isPermanent } from '../shared/errors';
import { useIntent } from '../shared/intent';
import { useAccount } from '../shared/session';
import { Spinner, StatusBadge } from '../shared/ui';

/**
 * Each address typed under "Send alerts to" and whether it is verified (docs/compute.md "Alert
 * emails are verified"): alerts go only to verified addresses, so an unverified one offers "Send
 * code", then the code's field. Once confirmed the settings' `verifiedEmails` include it and the
 * form can be saved.
 */
export function AlertEmailChecks(props: {
  emails: string[];
  verified: readonly string[];
  onVerified: () => void;
}) {
  if (props.emails.length === 0) return null;
  return (
    <ul className="alert-emails" data-testid="alert-email-checks" aria-label="Alert email verification">
      {[...new Map(props.emails.map((e) => [e.toLowerCase(), e])).values()].map((email) => (
        <AlertEmailRow
          key={email.toLowerCase()}
          email={email}
          verified={props.verified.includes(email.toLowerCase())}
          onVerified={props.onVerified}
        />
      ))}
    </ul>
  );
}

/** What a code refusal means here (the sign-in sentences speak of signing in). */
function codeSentence(error: unknown): string {
  if (error instanceof ApiError && error.code === 'email_not_configured')
    return 'Email is not set up on this server, so alert emails cannot be verified here. Use a webhook instead.';
  return errorSentence(error);
}

/**
 * Sending a code and confirming one, each one Idempotency-Key per intent: "send a code to this
 * address" is kept until it is answered, so a retry after a lost answer replays the send (one email,
 * one code) rather than mailing a second code; once answered, "Send a new code" is a new intent.
 * A confirmation is this code for this address. A success or a refusal ends either intent.
 */
function useAlertEmailCode(email: string, onVerified: () => void) {
  const { accountId } = useAccount();
  const queryClient = useQueryClient();
  const sendIntent = useIntent('alert-email-code');
  const confirmIntent = useIntent('alert-email-verify');
  const send = useMutation({
    mutationFn: () =>
      answer(
        client.POST('/v1/accounts/{accountId}/alert-emails/code', {
          params: { path: { accountId } },
          headers: { 'idempotency-key': sendIntent.keyFor(email) },
          body: { email },
        }),
      ),
    onSettled: (_data, error) => sendIntent.settle(!error || isPermanent(error)),
  });
  const confirm = useMutation({
    mutationFn: (code: string) =>
      answer(
        client.POST('/v1/accounts/{accountId}/alert-emails/verify', {
          params: { path: { accountId } },
          headers: { 'idempotency-key': confirmIntent.keyFor(`${email}:${code}`) },
          body: { email, code },
        }),
      ),
    onSettled: (_data, error) => confirmIntent.settle(!error || isPermanent(error)),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: ['alerts', accountId] });
      onVerified();
    },
  });
  return { send, confirm, beginSend: sendIntent.begin, beginConfirm: confirmIntent.begin };
}

function AlertEmailRow({
  email,
  verified,
  onVerified,
}: {
  email: string;
  verified: boolean;
  onVerified: () => void;
}) {
  const [code, setCode] = useState('');
  // Said once the customer tries a code that is not 6 digits (not while they are typing it).
  const [codeProblem, setCodeProblem] = useState<string | null>(null);
  const { send, confirm, beginSend, beginConfirm } = useAlertEmailCode(email, onVerified);
  const id = `alert-code-${email.toLowerCase().replace(/[^a-z0-9]/g, '-')}`;
  if (verified)
    return (
      <li>
        <span className="alert-email">{email}</span> <StatusBadge status="active" label="Verified" />
      </li>
    );
  const error = confirm.error ?? send.error;
  const problem = error ? codeSentence(error) : codeProblem;
  const submitCode = () => {
    if (confirm.isPending) return;
    const digits = code.replace(/\s/g, '');
    confirm.reset();
    setCodeProblem(/^\d{6}$/.test(digits) ? null : 'Enter the 6 digits from the email.');
    if (/^\d{6}$/.test(digits) && beginConfirm()) confirm.mutate(digits);
  };
  const sendCode = () => {
    if (send.isPending) return;
    confirm.reset();
    setCode('');
    setCodeProblem(null);
    if (beginSend()) send.mutate();
  };
  return (
    <li>
      <span className="alert-email">{email}</span> <StatusBadge status="pending" label="Not verified" />
      {send.isSuccess ? (
        <CodeEntry
          id={id}
          email={email}
          code={code}
          onCode={setCode}
          problem={problem}
          confirming={confirm.isPending}
          onConfirm={submitCode}
          sending={send.isPending}
          onResend={sendCode}
          sandboxMailUrl={send.data?.sandboxMailUrl ?? null}
        />
      ) : (
        <button type="button" className="secondary" onClick={sendCode} disabled={send.isPending}>
          {send.isPending ? <Spinner label="Sending…" /> : `Send code to ${email}`}
        </button>
      )}
      {problem && (
        <p className="field-error" id={`${id}-error`} role="alert">
          {problem}
        </p>
      )}
    </li>
  );
}

/** The code's field once it was sent: Enter (or "Confirm code") confirms it, never saves the form. */
function CodeEntry(props: {
  id: string;
  email: string;
  code: string;
  onCode: (code: string) => void;
  problem: string | null;
  confirming: boolean;
  onConfirm: () => void;
  sending: boolean;
  onResend: () => void;
  sandboxMailUrl: string | null;
}) {
  const { id, problem } = props;
  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key !== 'Enter') return;
    e.preventDefault(); // Enter here confirms the code; it does not save the whole form.
    props.onConfirm();
  };
  return (
    <div className="alert-code">
      <label htmlFor={id}>Code sent to {props.email}</label>
      <input
        id={id}
        inputMode="numeric"
        autoComplete="one-time-code"
        value={props.code}
        onChange={(e) => props.onCode(e.target.value)}
        onKeyDown={onKeyDown}
        aria-invalid={!!problem}
        aria-describedby={problem ? `${id}-error` : undefined}
      />
      <button type="button" className="secondary" onClick={props.onConfirm} disabled={props.confirming}>
        {props.confirming ? <Spinner label="Checking…" /> : 'Confirm code'}
      </button>
      <button type="button" className="link" onClick={props.onResend} disabled={props.sending}>
        Send a new code
      </button>
      {props.sandboxMailUrl && (
        <p className="muted small">
          This server runs the sandbox (no email is sent): read the code on the{' '}
          <a href={props.sandboxMailUrl} target="_blank" rel="noreferrer">
            sandbox mail page
          </a>
          .
        </p>
      )}
    </div>
  );
}
