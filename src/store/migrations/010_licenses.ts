/** Reserved: licenses, orders, coupons, billing dates (issue 5). */
export const sql = `SELECT 1;`;
