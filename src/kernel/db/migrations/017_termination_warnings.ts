/**
 * Termination warnings (issue 15): one row per account while `instance.termination_imminent` is
 * armed or fired. `terminates_at` is the first termination the last check foresaw; `warned_lead_at`
 * and `warned_final_at` record the two warnings (the lead, 24 h by default, and the last hour),
 * each sent once. A check that finds no termination within the lead deletes the row: re-armed.
 */
export const sql = `
CREATE TABLE termination_warnings (
  account_id      text PRIMARY KEY REFERENCES accounts (id),
  terminates_at   timestamptz NOT NULL,
  warned_lead_at  timestamptz,
  warned_final_at timestamptz,
  updated_at      timestamptz NOT NULL
);
`;
