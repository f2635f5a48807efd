import { randomBytes } from 'node:crypto';

export const ID_PREFIXES = {
  account: 'acct',
  transaction: 'txn',
  transfer: 'xfr',
  hold: 'hold',
  apiKey: 'key',
  audit: 'aud',
} as const;

export type IdKind = keyof typeof ID_PREFIXES;

/** `txn_3kq9f0a1b2c3d4e5f6g7h8`: a type prefix and 120 random bits, base32 (lowercase, no padding). */
export function newId(kind: IdKind): string {
  return `${ID_PREFIXES[kind]}_${base32(randomBytes(15))}`;
}

const ALPHABET = '0123456789abcdefghjkmnpqrstvwxyz';

function base32(bytes: Buffer): string {
  let bits = 0;
  let value = 0;
  let out = '';
  for (const byte of bytes) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += ALPHABET[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  return out;
}

export function hasPrefix(id: string, kind: IdKind): boolean {
  return new RegExp(`^${ID_PREFIXES[kind]}_[0-9a-z]{24}$`).test(id);
}
