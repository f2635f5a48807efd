import { useEffect, useState } from 'react';

/**
 * `value`, once it has stopped changing for `ms` (live order summaries ask after typing pauses).
 * Changing means a new identity (Object.is): pass a primitive (a JSON key) or a memoized object. An
 * object literal built on each render never settles: every `ms` it sets an equal new object, and
 * the caller re-renders.
 */
export function useDebounced<T>(value: T, ms = 300): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const t = setTimeout(() => setSettled(value), ms);
    return () => clearTimeout(t);
  }, [value, ms]);
  return settled;
}
