import { useEffect } from 'react';
import { BoothPage } from './booth/BoothPage';
import { ComputePage } from './compute/ComputePage';
import { navigate, useLocation } from './shared/router';
import { useSession } from './shared/session';
import { SignIn } from './shared/SignIn';
import { AccountSettings } from './shared/AccountSettings';
import { AlertSettingsCard } from './compute/AlertSettingsCard';

export function App() {
  const { session, signOut } = useSession();
  const { path, search } = useLocation();
  const query = search.toString();
  // The account pages belong to neither line: neither switch is marked current there.
  const line = path.startsWith('/booth') ? 'booth' : path.startsWith('/account') ? null : 'compute';

  useEffect(() => {
    if (!session && path !== '/signin')
      navigate(`/signin?next=${encodeURIComponent(path + (query ? `?${query}` : ''))}`, true);
    else if (session && (path === '/' || path === '/signin' || path === '/compute' || path === '/booth'))
      navigate(path === '/booth' ? '/booth/licenses' : '/compute/payment', true);
  }, [session, path, query]);

  if (!session || path === '/signin') return <SignIn />;
  return (
    <div className="app">
      <a className="skip-link" href="#main">
        Skip to content
      </a>
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
            onClick={(e) => {
              e.preventDefault();
              navigate('/compute/payment');
            }}
          >
            Compute
          </a>
          <a
            href="/booth/licenses"
            aria-current={line === 'booth' ? 'page' : undefined}
            onClick={(e) => {
              e.preventDefault();
              navigate('/booth/licenses');
            }}
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
            onClick={(e) => {
              e.preventDefault();
              navigate('/account');
            }}
          >
            {session.accountName}
          </a>
          <button type="button" className="secondary small" onClick={() => void signOut()}>
            Sign out
          </button>
        </div>
      </header>
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
