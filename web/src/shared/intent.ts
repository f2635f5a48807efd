import { useCallback, useRef } from 'react';
import { idempotencyKey } from './api';

/**
 * One Idempotency-Key per intent: the same intent (e.g. "buy the 500 pack") sends the same key on
 * every attempt — a double click, a retry after a network error — so the API performs it once. The
 * key is dropped when the intent succeeds, is refused for good (a decline) or is abandoned (the
 * confirmation closed), so the next purchase is a new intent with a new key.
 *
 * `begin` also refuses re-entry synchronously: a second click that arrives before React has
 * re-rendered the disabled button is ignored here rather than sent.
 */
export function useIntent(label: string) {
  const current = useRef<{ intent: string; key: string } | null>(null);
  const busy = useRef(false);
  const keyFor = useCallback(
    (intent: string) => {
      if (current.current?.intent !== intent) current.current = { intent, key: idempotencyKey(label) };
      return current.current.key;
    },
    [label],
  );
  const begin = useCallback(() => {
    if (busy.current) return false;
    busy.current = true;
    return true;
  }, []);
  const settle = useCallback((finished: boolean) => {
    busy.current = false;
    if (finished) current.current = null;
  }, []);
  const abandon = useCallback(() => {
    busy.current = false;
    current.current = null;
  }, []);
  return { keyFor, begin, settle, abandon };
}
