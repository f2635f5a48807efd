/**
 * Room on each page of `gpu_instances` to rewrite every row once (issue 4, the storage sweep).
 *
 * The sweep claims an hour for every stopped instance of ~100 accounts in one statement, and an
 * account's instances, rented together, sit on the same pages: at fillfactor 80 a page had room
 * for the new versions of about 7 of its ~30 rows, so two claims in three left the page (WAL of the
 * 100,000-instance bench: 63,646 updates with three index inserts each against 34,159 HOT ones).
 * At 50 every row of a page can get its new version in place (a HOT update: no index entries);
 * reading the page in the next sweep prunes the old ones. The table is small (about 0.4 KB per
 * instance at this fill); rows already written keep their pages until the table is rewritten.
 */
export const sql = `
ALTER TABLE gpu_instances SET (fillfactor = 50);
`;
