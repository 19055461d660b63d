import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { parse } from 'yaml';
import { EGRESS_ADDRESSES, egressAllows } from './egress';

describe('egress', () => {
  it("lists exactly manifest.yml's backend addresses", () => {
    const manifest = parse(readFileSync(join(__dirname, '../../manifest.yml'), 'utf8')) as {
      permissions: { external: { fetch: { backend: ({ address: string } | string)[] } } };
    };
    const declared = manifest.permissions.external.fetch.backend.map((entry) => (typeof entry === 'string' ? entry : entry.address));
    expect([...EGRESS_ADDRESSES].sort()).toEqual(declared.sort());
  });

  it.each([
    ['https://acme.atlassian.net', true],
    ['https://acme.atlassian.net/wiki/spaces', true],
    ['https://eu.acme.atlassian.net', true],
    ['http://acme.atlassian.net', false],
    ['https://atlassian.net', false],
    ['https://acme.atlassian.net:8443', false],
    ['https://acme.atlassian.net.evil.example', false],
    ['https://evilatlassian.net', false],
    ['https://idcs-0123.identity.oraclecloud.com', true],
    ['https://login.xecurify.com', true],
    ['https://acme.xecurify.com', false],
    ['https://auth.miniorange.com', false],
    ['not a url', false],
  ])('%s is allowed: %s', (url, allowed) => {
    expect(egressAllows(url)).toBe(allowed);
  });

  it('never allows a host outside the declared domains', () => {
    fc.assert(
      fc.property(fc.webUrl(), (url) => {
        const host = new URL(url).host;
        const inside =
          ['api.atlassian.com', 'api.bitbucket.org', 'login.xecurify.com'].includes(host) ||
          /\.(atlassian\.net|identity\.oraclecloud\.com)$/.test(host);
        if (egressAllows(url)) expect(inside && url.startsWith('https://')).toBe(true);
      }),
    );
  });
});
