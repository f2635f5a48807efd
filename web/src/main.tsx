import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { installRadioGroupKeys } from './shared/a11y';
import { isPermanent } from './shared/errors';
import { App } from './App';
import { SessionProvider } from './shared/session';
import './styles.css';

const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      // A permanent error (4xx, a feature not configured) is shown at once; network trouble and
      // other 5xx get two more tries.
      retry: (count, error) => !isPermanent(error) && count < 2,
      refetchOnWindowFocus: false,
      staleTime: 5_000,
    },
  },
});

installRadioGroupKeys();

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <QueryClientProvider client={queryClient}>
      <SessionProvider>
        <App />
      </SessionProvider>
    </QueryClientProvider>
  </StrictMode>,
);
