/** Reserved for: Sign-In with Ethereum nonces and sessions, wallet addresses, USDT deposits and the watcher checkpoint. */
export const sql = `SELECT 1;`;
