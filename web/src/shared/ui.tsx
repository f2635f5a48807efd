import type { UseQueryResult } from '@tanstack/react-query';
import { type KeyboardEvent as ReactKeyboardEvent, type ReactNode, useEffect, useId, useRef } from 'react';
import { setTitle } from './a11y';
import { errorText } from './api';
import { type Money, formatMoney } from './decimal';
import { navigate } from './router';

export function Amount({ money, signed, className }: { money: Money; signed?: boolean; className?: string }) {
  const text = formatMoney(money, { signed });
  const negative = money.amount.startsWith('-');
  return (
    <span
      className={`num ${signed ? (negative ? 'neg' : 'pos') : ''} ${className ?? ''}`}
      title={`${money.amount} ${money.unit}`}
    >
      {text}
    </span>
  );
}

export function Spinner({ label = 'Loading…' }: { label?: string }) {
  return (
    <span className="spinner" role="status">
      <span className="spinner-dot" aria-hidden="true" />
      {label}
    </span>
  );
}

export function ErrorBox({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  return (
    <div className="error-box" role="alert">
      <span>{errorText(error)}</span>
      {onRetry && (
        <button type="button" className="link" onClick={onRetry}>
          Retry
        </button>
      )}
    </div>
  );
}

/** A query's states in one place: loading, a readable error with Retry, an optional empty state, its data. */
export function QueryView<T>({
  query,
  isEmpty,
  empty,
  children,
}: {
  query: UseQueryResult<T>;
  isEmpty?: (data: T) => boolean;
  empty?: ReactNode;
  children: (data: T) => ReactNode;
}) {
  if (query.isPending) return <Spinner />;
  if (query.isError) return <ErrorBox error={query.error} onRetry={() => void query.refetch()} />;
  if (isEmpty?.(query.data)) return <>{empty}</>;
  return <>{children(query.data)}</>;
}

export function Card({
  title,
  children,
  actions,
  className,
}: {
  title?: ReactNode;
  children: ReactNode;
  actions?: ReactNode;
  className?: string;
}) {
  return (
    <section className={`card ${className ?? ''}`}>
      {(title || actions) && (
        <header className="card-head">
          {title && <h2>{title}</h2>}
          {actions && <div className="card-actions">{actions}</div>}
        </header>
      )}
      {children}
    </section>
  );
}

export interface TabDef {
  id: string;
  label: string;
}

/**
 * Tabs are links (each tab has its own URL), marked up as a WAI-ARIA tablist: one tab stop (the
 * selected tab), Left/Right (wrapping), Home and End move to and open a tab; each tab sets the
 * document title.
 */
export function Tabs({ base, tabs, current }: { base: string; tabs: TabDef[]; current: string }) {
  const line = base.includes('booth') ? 'Booth' : 'Compute';
  const currentLabel = tabs.find((t) => t.id === current)?.label ?? '';
  useEffect(() => setTitle(currentLabel, line), [currentLabel, line]);
  const onKeyDown = (e: ReactKeyboardEvent<HTMLElement>) => {
    const at = tabs.findIndex((t) => t.id === current);
    const step: Record<string, number> = { ArrowRight: 1, ArrowLeft: -1 };
    let next: number;
    if (e.key in step) next = (at + step[e.key]! + tabs.length) % tabs.length;
    else if (e.key === 'Home') next = 0;
    else if (e.key === 'End') next = tabs.length - 1;
    else return;
    e.preventDefault();
    navigate(`${base}/${tabs[next]!.id}`);
    const list = e.currentTarget;
    requestAnimationFrame(() => list.querySelector<HTMLElement>('[aria-selected="true"]')?.focus());
  };
  return (
    <nav className="tabs" role="tablist" aria-label={`${line} sections`} onKeyDown={onKeyDown}>
      {tabs.map((t) => (
        <a
          key={t.id}
          role="tab"
          id={`tab-${t.id}`}
          aria-selected={t.id === current}
          tabIndex={t.id === current ? 0 : -1}
          className={t.id === current ? 'tab active' : 'tab'}
          href={`${base}/${t.id}`}
          onClick={(e) => {
            if (e.metaKey || e.ctrlKey || e.shiftKey) return;
            e.preventDefault();
            navigate(`${base}/${t.id}`);
          }}
        >
          {t.label}
        </a>
      ))}
    </nav>
  );
}

const FOCUSABLE =
  'a[href], button:not([disabled]), input:not([disabled]), select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex="-1"])';

/** Keeps Tab inside the dialog: past the last item to the first, before the first to the last, and back in from outside. */
function trapTab(e: KeyboardEvent, dialog: HTMLElement) {
  const items = [...dialog.querySelectorAll<HTMLElement>(FOCUSABLE)].filter((el) => el.offsetParent !== null);
  if (items.length === 0) return;
  const first = items[0]!;
  const last = items[items.length - 1]!;
  if (e.shiftKey && document.activeElement === first) {
    e.preventDefault();
    last.focus();
  } else if (!e.shiftKey && document.activeElement === last) {
    e.preventDefault();
    first.focus();
  } else if (!dialog.contains(document.activeElement)) {
    e.preventDefault();
    first.focus();
  }
}

/**
 * The dialog's focus for as long as it is open: into it on opening (its autofocus element, else the
 * first focusable one), Escape closes and Tab stays inside, and focus returns where it was on closing.
 * The listener is registered once; `onClose` is read through a ref, so a new callback each render
 * does not re-run the effect (which would move focus again).
 */
function useModalFocus(onClose: () => void) {
  const ref = useRef<HTMLDivElement>(null);
  const onCloseRef = useRef(onClose);
  onCloseRef.current = onClose;
  useEffect(() => {
    const before = document.activeElement as HTMLElement | null;
    const dialog = ref.current!;
    (
      dialog.querySelector<HTMLElement>('[autofocus], [data-autofocus]') ??
      dialog.querySelector<HTMLElement>(FOCUSABLE)
    )?.focus();
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') {
        e.stopPropagation();
        onCloseRef.current();
        return;
      }
      if (e.key === 'Tab') trapTab(e, dialog);
    };
    document.addEventListener('keydown', onKey, true);
    document.body.classList.add('modal-open');
    return () => {
      document.removeEventListener('keydown', onKey, true);
      document.body.classList.remove('modal-open');
      before?.focus?.();
    };
  }, []);
  return ref;
}

/** A modal dialog: focus moves in and stays in (Tab wraps), Escape closes, focus returns afterwards. */
export function Modal({
  title,
  onClose,
  children,
  wide,
}: {
  title: string;
  onClose: () => void;
  children: ReactNode;
  wide?: boolean;
}) {
  const ref = useModalFocus(onClose);
  const titleId = useId();
  const openedAt = useRef(performance.now());
  return (
    <div
      className="modal-backdrop"
      onMouseDown={(e) =>
        // The second click of a double click that opened the dialog must not close it again.
        e.target === e.currentTarget && performance.now() - openedAt.current > 500 && onClose()
      }
    >
      <div
        ref={ref}
        className={`modal ${wide ? 'wide' : ''}`}
        role="dialog"
        aria-modal="true"
        aria-labelledby={titleId}
      >
        <header className="modal-head">
          <h2 id={titleId}>{title}</h2>
          <button type="button" className="icon-button" aria-label="Close" onClick={onClose}>
            ×
          </button>
        </header>
        <div className="modal-body">{children}</div>
      </div>
    </div>
  );
}

export function Field({
  label,
  error,
  hint,
  children,
  id,
}: {
  label: string;
  error?: string | null;
  hint?: ReactNode;
  children: ReactNode;
  id: string;
}) {
  return (
    <div className={`field ${error ? 'has-error' : ''}`}>
      <label htmlFor={id}>{label}</label>
      {children}
      {error ? (
        <p className="field-error" id={`${id}-error`} role="alert">
          {error}
        </p>
      ) : hint ? (
        <p className="field-hint" id={`${id}-hint`}>
          {hint}
        </p>
      ) : null}
    </div>
  );
}

export function StatusBadge({ status, label }: { status: string; label?: string }) {
  const text = label ?? status.replace(/_/g, ' ');
  return (
    <span className={`badge badge-${status.replace(/[^a-z_]/gi, '')}`}>
      {text.charAt(0).toUpperCase() + text.slice(1)}
    </span>
  );
}

// Dates are formatted by the one format module; re-exported here for the screens that import them from ui.
export { formatDate, formatServerText, formatTime } from './format';
