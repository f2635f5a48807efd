/**
 * The chain head each USDT deposit watcher last saw, and the confirmations it waits for (issue
 * 15: "seen → n of N confirmations → credited"). A deposit's confirmation count is head − its block + 1 as the watcher saw it, so the
 * count the API reports and the watcher's decision to credit come from the same head: the page
 * never shows "3 of 3" for a deposit the watcher has not yet credited. Kept apart from the
 * checkpoint, which exists only once a block is final and moves only forward.
 */
export const sql = `
CREATE TABLE usdt_watcher_heads (
  id            text PRIMARY KEY,
  block_number  int8 NOT NULL CHECK (block_number >= 0),
  confirmations int4 NOT NULL CHECK (confirmations >= 1),
  seen_at       timestamptz NOT NULL
);
`;
