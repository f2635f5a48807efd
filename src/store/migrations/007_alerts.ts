/** Reserved for: alert settings, alert state per crossing, outgoing notifications (email and signed webhooks) and their deliveries. */
export const sql = `SELECT 1;`;
