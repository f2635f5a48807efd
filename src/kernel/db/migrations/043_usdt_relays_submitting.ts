/**
 * The relays a crash left `submitting`, found by the `usdt.relays.recover` pass every minute
 * (`findStaleSubmittingRelays`: status 'submitting' and updated_at before a minute ago, oldest
 * first). Without an index every pass read the whole table, which only grows; this one holds only
 * the few relays that are mid-send at any moment.
 */
export const sql = `
CREATE INDEX usdt_relays_submitting ON usdt_relays (updated_at, id) WHERE status = 'submitting';
`;
