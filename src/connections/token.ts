import { createHash, timingSafeEqual } from 'node:crypto';
import type { Random } from '../platform/ports';

const TOKEN_PREFIX = 'ugs_';
const TOKEN_BYTES = 32;

/** A new bearer token: 256 random bits, prefixed so that secret scanners can recognise a leaked one. */
export function generateToken(random: Random): string {
  return `${TOKEN_PREFIX}${random.secret(TOKEN_BYTES)}`;
}

/** SHA-256 hex. A hash of a 256-bit random token needs no salt or slow KDF: it cannot be brute-forced. */
export function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/** Constant-time comparison of a presented token with a stored hash. */
export function tokenMatches(presented: string, storedHash: string): boolean {
  const presentedHash = Buffer.from(hashToken(presented), 'hex');
  const expected = Buffer.from(storedHash, 'hex');
  return expected.length === presentedHash.length && timingSafeEqual(presentedHash, expected);
}
