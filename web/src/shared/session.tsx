import { useQueryClient } from '@tanstack/react-query';
import { type ReactNode, createContext, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import { answer, client, setOnUnauthenticated, setToken } from './api';

export interface Session {
  token: string;
  accountId: string;
  accountName: string;
  via: 'email' | 'wallet' | 'api-key' | 'demo';
  address?: string;
  email?: string;
}

interface SessionState {
  session: Session | null;
  /** Why the last session ended without signing out (shown on the sign-in page), if it did. */
  ended: 'expired' | null;
  signIn(session: Session): void;
  signOut(): Promise<void>;
}

const STORAGE_KEY = 'pictor.billing.session';
const ENDED_KEY = 'pictor.billing.session-ended';
const Ctx = createContext<SessionState | null>(null);

function stored(): Session | null {
  try {
    const raw = localStorage.getItem(STORAGE_KEY);
    const s = raw ? (JSON.parse(raw) as Session) : null;
    setToken(s?.token ?? null);
    return s;
  } catch {
    return null;
  }
}

const endedWhy = () => (localStorage.getItem(ENDED_KEY) === 'expired' ? ('expired' as const) : null);

const isSessionToken = (token: string) => token.startsWith('ps_');

/**
 * Who is signed in. Kept in localStorage, so every tab of this browser shares it and it survives
 * reloads until it expires or is revoked (the API then answers 401: the session ends in every tab
 * and the sign-in page says why). Signing in or out in one tab is seen by the others (`storage`
 * events). localStorage rather than an HttpOnly cookie: the API stays bearer-only (no CSRF to
 * defend), at the price that a script injected into the page could read the token (docs/sign-in.md).
 */
export function SessionProvider({ children }: { children: ReactNode }) {
  const [session, setSession] = useState<Session | null>(stored);
  const [ended, setEnded] = useState<'expired' | null>(endedWhy);
  const queryClient = useQueryClient();

  const forget = useCallback(
    (why: 'expired' | null) => {
      setToken(null);
      localStorage.removeItem(STORAGE_KEY);
      if (why) localStorage.setItem(ENDED_KEY, why);
      else localStorage.removeItem(ENDED_KEY);
      setEnded(why);
      queryClient.clear();
      setSession(null);
    },
    [queryClient],
  );

  const signIn = useCallback(
    (s: Session) => {
      setToken(s.token);
      localStorage.setItem(STORAGE_KEY, JSON.stringify(s));
      localStorage.removeItem(ENDED_KEY);
      setEnded(null);
      queryClient.clear();
      setSession(s);
    },
    [queryClient],
  );

  const signOut = useCallback(async () => {
    if (session && isSessionToken(session.token))
      await answer(client.POST('/v1/auth/logout', { body: {} })).catch(() => {});
    forget(null);
  }, [forget, session]);

  // An expired or revoked token: end the session here and in the other tabs.
  // (Only for a signed-in session: a mistyped key on the sign-in page is not an expiry.)
  useEffect(() => {
    setOnUnauthenticated(() => {
      if (localStorage.getItem(STORAGE_KEY)) forget('expired');
    });
    return () => setOnUnauthenticated(null);
  }, [forget]);

  // Another tab signed in, switched account or signed out.
  useEffect(() => {
    const onStorage = (e: StorageEvent) => {
      if (e.key !== STORAGE_KEY && e.key !== null) return;
      const next = stored();
      queryClient.clear();
      setEnded(endedWhy());
      setSession(next);
    };
    window.addEventListener('storage', onStorage);
    return () => window.removeEventListener('storage', onStorage);
  }, [queryClient]);

  const value = useMemo(() => ({ session, ended, signIn, signOut }), [session, ended, signIn, signOut]);
  return <Ctx.Provider value={value}>{children}</Ctx.Provider>;
}

export function useSession(): SessionState {
  const ctx = useContext(Ctx);
  if (!ctx) throw new Error('useSession outside SessionProvider');
  return ctx;
}

/** The signed-in account (pages below the sign-in only render with one). */
export function useAccount(): Session {
  const { session } = useSession();
  if (!session) throw new Error('not signed in');
  return session;
}
