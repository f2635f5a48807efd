/** Reserved for: GPU instance types, rentals, instances and their billing periods. */
export const sql = `SELECT 1;`;
