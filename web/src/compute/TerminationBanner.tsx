import { useEffect, useState } from 'react';
import { formatServerText, formatTime } from '../shared/format';
import { useTerminationPreview } from './queries';

/** "1 d 03:04:05" for `ms`, or "now". */
function countdown(ms: number): string {
  if (ms <= 0) return 'now';
  const s = Math.floor(ms / 1000);
  const d = Math.floor(s / 86_400);
  const hms = [Math.floor((s % 86_400) / 3600), Math.floor((s % 3600) / 60), s % 60]
    .map((n) => String(n).padStart(2, '0'))
    .join(':');
  return d > 0 ? `${d} d ${hms}` : hms;
}

/**
 * The red banner of issue 15: when the balance will not pay what the account's GPU instances owe,
 * it says which instances (and how many GB of data) would be destroyed, counts down to the first
 * termination, and offers the top-up. Shown on every compute tab; nothing when none is foreseen.
 */
export function TerminationBanner() {
  const preview = useTerminationPreview();
  // The server's clock decides (test clocks move it): the time left as of the preview, less what
  // has passed in the page since it arrived.
  const [now, setNow] = useState(() => new Date().getTime());
  useEffect(() => {
    const timer = setInterval(() => setNow(new Date().getTime()), 1000);
    return () => clearInterval(timer);
  }, []);
  const p = preview.data;
  if (!p?.terminatesAt || p.instances.length === 0) return null;
  const left = Date.parse(p.terminatesAt) - Date.parse(p.asOf) - (now - preview.dataUpdatedAt);
  const gb = p.instances.reduce((sum, i) => sum + i.diskGb, 0);
  return (
    <section className="termination-banner" role="alert" data-testid="termination-banner">
      <strong>
        Termination in <span data-testid="termination-countdown">{countdown(left)}</span>
      </strong>{' '}
      ({formatTime(p.terminatesAt)}): your Credit Balance will not pay the storage of{' '}
      {p.instances.length === 1 ? '1 instance' : `${p.instances.length} instances`}, and {gb} GB of data would
      be permanently destroyed.
      <ul>
        {p.instances.map((i) => (
          <li key={i.instanceId}>
            {i.instanceType} ({i.status}, {i.diskGb} GB): {formatTime(i.terminatesAt)};{' '}
            {formatServerText(i.reason)}
          </li>
        ))}
      </ul>
      <a className="button" href="/compute/payment">
        Top up now
      </a>
    </section>
  );
}
