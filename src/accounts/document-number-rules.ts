/**
 * Document numbers, without I/O: "<prefix>-<number>", six digits at least. The prefix is the
 * account's own (eight characters), or, for documents numbered before per-account series existed,
 * the shared series they came from ("PB", "BTH"); those keep the numbers they were issued.
 */
export function formatDocumentNumber(prefix: string, number: bigint): string {
  if (number <= 0n) throw new Error(`document numbers start at 1, got ${number}`);
  return `${prefix}-${number.toString().padStart(6, '0')}`;
}

const PREFIX_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';

/**
 * An eight-character prefix from a digest of the account id (and a salt, tried anew on the rare
 * collision with another account's prefix). Letters and digits that cannot be misread (no I, O,
 * 0, 1), like a Stripe customer's invoice prefix.
 */
export function prefixFromDigest(digest: Uint8Array): string {
  let prefix = '';
  for (let i = 0; i < 8; i++) prefix += PREFIX_ALPHABET[digest[i]! % PREFIX_ALPHABET.length];
  return prefix;
}

// Entities as the stores, use cases and routes pass them around (the stores map their rows into these;
// docs/architecture.md, "Entity types").

/** Where an account's document series stands: its prefix and the last number it issued. */
export interface DocumentSeries {
  prefix: string;
  lastNumber: bigint;
}
