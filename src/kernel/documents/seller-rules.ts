/**
 * Who issues every document: Pictor's legal details, from configuration (PICTOR_SELLER_*). The
 * defaults are samples for development and demos, plainly marked as such; a deployment that
 * issues real documents sets all four (docs/documents.md).
 */
export interface Seller {
  legalName: string;
  address: string;
  taxId: string;
  supportEmail: string;
}

export const SAMPLE_SELLER: Seller = {
  legalName: 'Pictor Technologies Ltd (sample)',
  address: '1 Sample Street, Example City 00000',
  taxId: 'SAMPLE-TAX-0000',
  supportEmail: 'billing@pictor.pro',
};
