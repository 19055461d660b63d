import { createSandboxSite, type SandboxSite } from '../fakes/atlassian-site/sandbox-site';
import { createFakeIdcs, type FakeIdcs } from '../fakes/idp/fake-idcs';
import { createFakeMiniOrange, type FakeMiniOrange } from '../fakes/idp/fake-miniorange';
import { seedIdcs } from '../fakes/idp/seed-idcs';
import type { Clock, HttpRequest, HttpResponse, HttpTransport } from '../platform/ports';
import { keepSandbox } from './sandbox-file';

// Everything outside the app that `npm start` talks to, in-process: the sandbox Atlassian site and fake IdPs,
// reached by their hostnames through one transport. Any other host goes to the real network.

/** The bundled fake Oracle identity domain (documented in the README). */
export const FAKE_IDCS = {
  baseUrl: 'https://idcs-sandbox.identity.oraclecloud.com',
  clientId: 'sandbox-client',
  clientSecret: 'sandbox-secret',
};

/** The bundled fake miniOrange tenant. */
export const FAKE_MINIORANGE = {
  // The one miniOrange address the manifest allows; locally it reaches the bundled fake tenant.
  baseUrl: 'https://login.xecurify.com',
  customerKey: '271828',
  apiKey: 'sandbox-api-key',
};

export interface LocalWorld {
  sandbox: SandboxSite;
  idcs: FakeIdcs;
  miniOrange: FakeMiniOrange;
  /** Routes by host to the sandbox, the fakes, or `fallback` (the real network). */
  transport: HttpTransport;
  /** The sandbox site as the app itself would reach it (Forge signs asApp calls; here the sandbox's app token). */
  asApp: HttpTransport;
  /** Writes the sandbox site to its file now. */
  flush(): void;
}

/** With `sandboxFile` (in the data directory) the sandbox site is kept there, and restored from it when it exists. */
export function createLocalWorld(clock: Clock, fallback: HttpTransport, sandboxFile?: string): LocalWorld {
  const sandbox = createSandboxSite({ clock });
  const kept = sandboxFile ? keepSandbox(sandbox, sandboxFile) : { transport: sandbox.transport, flush: () => undefined };
  const seed = seedIdcs(20, 3, 5);
  const idcs = createFakeIdcs({ clientId: FAKE_IDCS.clientId, clientSecret: FAKE_IDCS.clientSecret, clock, ...seed });
  const miniOrange = createFakeMiniOrange({
    customerKey: FAKE_MINIORANGE.customerKey,
    apiKey: FAKE_MINIORANGE.apiKey,
    clock,
    users: seed.users.map((u) => ({ username: u.userName, email: u.email ?? u.userName, firstName: u.givenName, lastName: u.familyName })),
  });
  const routes: [host: string, transport: HttpTransport][] = [
    [new URL(sandbox.credentials.siteUrl).host, kept.transport],
    [new URL(sandbox.credentials.apiUrl).host, kept.transport],
    [new URL(sandbox.credentials.bitbucketUrl).host, kept.transport],
    [new URL(FAKE_IDCS.baseUrl).host, idcs.transport],
    [new URL(FAKE_MINIORANGE.baseUrl).host, miniOrange.transport],
  ];
  const transport: HttpTransport = {
    send(request: HttpRequest): Promise<HttpResponse> {
      const host = new URL(request.url).host;
      const route = routes.find(([name]) => name === host);
      return (route ? route[1] : fallback).send(request);
    },
  };
  const asApp: HttpTransport = {
    send: (request) =>
      kept.transport.send({ ...request, headers: { ...request.headers, authorization: `Bearer ${sandbox.credentials.asAppToken}` } }),
  };
  return { sandbox, idcs, miniOrange, transport, asApp, flush: kept.flush };
}
