import { type MouseEvent, useEffect } from 'react';
import { BoothPage } from './booth/BoothPage';
import { ComputePage } from './compute/ComputePage';
import { navigate, useLocation } from './shared/router';
import { type Session, useSession } from './shared/session';
import { SignIn } from './shared/SignIn';
import { AccountSettings } from './shared/AccountSettings';
import { AlertSettingsCard } from './compute/AlertSettingsCard';

type Line = 'compute' | 'booth' | null;

/** A link the page's router follows in place (no reload). */
const follow = (to: string) => (e: MouseEvent) => {
  e.preventDefault();
  navigate(to);
};

/**
 * Signed out, every page goes to sign-in (remembering where it was going); signed in, sign-in and
 * the bare line addresses go to the line's first tab.
 */
function useLandingRedirect(session: Session | null, path: string, query: string) {
  useEffect(() => {
    if (!session && path !== '/signin')
      navigate(`/signin?next=${encodeURIComponent(path + (query ? `?${query}` : ''))}`, true);
    else if (session && (path === '/' || path === '/signin' || path === '/compute' || path === '/booth'))
      navigate(path === '/booth' ? '/booth/licenses' : '/compute/payment', true);
  }, [session, path, query]);
}

function TopBar({ session, line, path }: { session: Session; line: Line; path: string }) {
  const { signOut } = useSession();
  return (
    <header className="topbar">
      <div className="brand" aria-label="Pictor">
        <span className="logo" aria-hidden="true">
          ◆
        </span>
        Pictor
      </div>
      <nav className="line-switch" aria-label="Product line">
        <a
          href="/compute/payment"
          aria-current={line === 'compute' ? 'page' : undefined}
          onClick={follow('/compute/payment')}
        >
          Compute
        </a>
        <a
          href="/booth/licenses"
          aria-current={line === 'booth' ? 'page' : undefined}
          onClick={follow('/booth/licenses')}
        >
          Booth
        </a>
      </nav>
      <div className="who">
        <a
          className="who-name"
          href="/account"
          title={`Account settings: ${session.accountName} (${session.accountId})`}
          aria-current={path === '/account' ? 'page' : undefined}
          onClick={follow('/account')}
        >
          {session.accountName}
        </a>
        <button type="button" className="secondary small" onClick={() => void signOut()}>
          Sign out
        </button>
      </div>
    </header>
  );
}

export function App() {
  const { session } = useSession();
  const { path, search } = useLocation();
  const query = search.toString();
  // The account pages belong to neither line: neither switch is marked current there.
  const line = path.startsWith('/booth') ? 'booth' : path.startsWith('/account') ? null : 'compute';
  useLandingRedirect(session, path, query);

  if (!session || path === '/signin') return <SignIn />;
  return (
    <div className="app">
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <TopBar session={session} line={line} path={path} />
      <main id="main" tabIndex={-1}>
        {path === '/account' ? (
          <AccountSettings>
            <AlertSettingsCard />
          </AccountSettings>
        ) : line === 'booth' ? (
          <BoothPage />
        ) : (
          <ComputePage />
        )}
      </main>
    </div>
  );
}
