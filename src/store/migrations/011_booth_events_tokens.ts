/** Reserved: booth events, token usage (issue 6). */
export const sql = `SELECT 1;`;
