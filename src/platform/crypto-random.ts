import { randomBytes } from 'node:crypto';
import type { Random } from './ports';

const ID_ALPHABET = 'abcdefghijklmnopqrstuvwxyz234567';

/** Ids: 16 base32 characters (80 bits), unguessable and safe in URLs and store keys. */
export const cryptoRandom: Random = {
  id(): string {
    const bytes = randomBytes(16);
    let out = '';
    for (const byte of bytes) out += ID_ALPHABET[byte & 31];
    return out;
  },
  secret(bytes: number): string {
    return randomBytes(bytes).toString('base64url');
  },
  fraction(): number {
    return randomBytes(4).readUInt32BE() / 2 ** 32;
  },
};
