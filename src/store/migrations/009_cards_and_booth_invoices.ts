/** Reserved: payment methods and booth invoices (issue 5, card rail). */
export const sql = `SELECT 1;`;
