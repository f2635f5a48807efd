import { useQueryClient } from '@tanstack/react-query';
import { type ReactNode, createContext, useCallback, useContext, useMemo, useState } from 'react';
import { api, setToken } from './api';

export interface Session {
  token: string;
  accountId: string;
  accountName: string;
  via: 'wallet' | 'api-key' | 'demo';
  address?: string;
}

interface SessionState {
  session: Session | null;
  signIn(session: Session): void;
  signOut(): Promise<void>;
}

const STORAGE_KEY = 'pictor.billing.session';
const Ctx = createContext<SessionState | null>(null);

function stored(): Session | null {
  try {
    const raw = sessionStorage.getItem(STORAGE_KEY);
    const s = raw ? (JSON.parse(raw) as Session) : null;
    setToken(s?.token ?? null);
    return s;
  } catch {
    return null;
  }
}

/** Who is signed in, kept for this browser tab only (sessionStorage), so a PayPal round trip keeps it. */
export function SessionProvider({ children }: { children: ReactNode }) {
  const [session, setSession] = useState<Session | null>(stored);
  const queryClient = useQueryClient();
  const signIn = useCallback(
    (s: Session) => {
      setToken(s.token);
      sessionStorage.setItem(STORAGE_KEY, JSON.stringify(s));
      queryClient.clear();
      setSession(s);
    },
    [queryClient],
  );
  const signOut = useCallback(async () => {
    if (session?.via === 'wallet') await api('POST', '/v1/auth/logout', { body: {} }).catch(() => {});
    setToken(null);
    sessionStorage.removeItem(STORAGE_KEY);
    queryClient.clear();
    setSession(null);
  }, [queryClient, session]);
  const value = useMemo(() => ({ session, signIn, signOut }), [session, signIn, signOut]);
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
