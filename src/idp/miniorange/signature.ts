import { createHash } from 'node:crypto';

/** miniOrange's Authorization header: lowercase hex SHA-512 of customerKey + timestamp + apiKey, no separators. */
export function miniOrangeSignature(customerKey: string, timestamp: string, apiKey: string): string {
  return createHash('sha512')
    .update(customerKey + timestamp + apiKey, 'utf8')
    .digest('hex');
}
