/** Reserved for: PayPal orders and captures, promotions and their redemptions. */
export const sql = `SELECT 1;`;
