/**
 * Notifications read or unread per account, on the server (issue 15): the page's unread count is
 * the same in every browser. A notification is unread until `read_at` is set (once: marking it
 * again keeps the first time). Notifications recorded before this migration start unread.
 */
export const sql = `
ALTER TABLE notifications ADD COLUMN read_at timestamptz;
CREATE INDEX notifications_unread ON notifications (account_id) WHERE read_at IS NULL;
`;
