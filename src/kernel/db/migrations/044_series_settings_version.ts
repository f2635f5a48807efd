/**
 * The settings version each account's document series was last told of. A settings change sets it
 * in the transaction that appends the version, under the series row's lock. Numbering that locks
 * the row in the same statement as it reads the versions (the ledger's one-statement fast path)
 * may have started reading before a change it then waited for committed: the row, read after the
 * wait, names a version its snapshot does not hold, and the statement refuses to number rather
 * than stamp the documents with the version before (docs/documents.md).
 */
export const sql = `
ALTER TABLE account_document_series ADD COLUMN settings_version int8 NOT NULL DEFAULT 0;
UPDATE account_document_series s SET settings_version = v.latest
FROM (SELECT account_id, max(version) AS latest FROM invoice_settings_versions GROUP BY account_id) v
WHERE v.account_id = s.account_id;
`;
