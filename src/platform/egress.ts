// The addresses the app may call: manifest.yml permissions.external.fetch.backend (a test keeps the two in step).
// Forge's egress proxy refuses any other, so an admin-entered URL is checked against them when it is saved.
export const EGRESS_ADDRESSES = [
  'https://api.atlassian.com',
  'https://*.atlassian.net',
  'https://api.bitbucket.org',
  'https://*.identity.oraclecloud.com',
  'https://login.xecurify.com',
] as const;

/** Whether `url` is https on the default port at a host one of the addresses names (`*.` stands for any subdomain). */
export function egressAllows(url: string, addresses: readonly string[] = EGRESS_ADDRESSES): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  if (parsed.protocol !== 'https:' || parsed.port !== '') return false;
  return addresses.some((address) => {
    const host = new URL(address.replace('*.', 'wildcard.')).host;
    if (!address.includes('*.')) return parsed.host === host;
    const suffix = host.slice('wildcard'.length);
    return parsed.host.endsWith(suffix) && parsed.host.length > suffix.length;
  });
}
