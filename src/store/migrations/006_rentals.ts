/** Reserved for: the scheduler's due-work rows, GPU instance types, rentals, instances and their billing periods. */
export const sql = `SELECT 1;`;
