/** Reserved for: rendering rate card versions, render jobs and tasks. */
export const sql = `SELECT 1;`;
