/**
 * Dunning status (issue 16): a dunning ends `voided` when its invoice is voided (in the same
 * transaction as the void), so a voided invoice no longer shows a dunning "retrying".
 */
export const sql = `
ALTER TABLE booth_dunning DROP CONSTRAINT booth_dunning_status_check;
ALTER TABLE booth_dunning ADD CONSTRAINT booth_dunning_status_check
  CHECK (status IN ('retrying', 'paid', 'uncollectible', 'voided'));
UPDATE booth_dunning d SET status = 'voided', updated_at = i.voided_at
  FROM booth_invoices i WHERE i.id = d.invoice_id AND i.status = 'void' AND d.status = 'retrying';
`;
