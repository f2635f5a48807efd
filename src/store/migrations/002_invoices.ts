/** Reserved for: invoice settings (versioned) and invoices with gapless numbers. */
export const sql = `SELECT 1;`;
