// The attacker mix of `npm run load`: while the IdP's workload runs, other clients send what an attacker on the
// internet (no token, or a guessed one) and the holder of another connection's leaked token would send. Bounded in
// count and time; it stops as soon as the IdP's workload is done.

export interface AttackerStats {
  requests: number;
  byKind: Map<string, Map<number, number>>;
}

export interface AttackTargets {
  /** http://127.0.0.1:port */
  url: string;
  /** The IdP's connection, whose id is public (it is in the SCIM base URL). */
  idpConnectionId: string;
  /** Another connection of the installation, whose token leaked. */
  leaked: { connectionId: string; token: string };
}

const MAX_REQUESTS = 20_000;

const COSTLY_LISTINGS = [
  `/Users?filter=${encodeURIComponent('name.familyName co "x"')}`,
  `/Users?filter=${encodeURIComponent(Array.from({ length: 20 }, (_, i) => `title co "t${i}"`).join(' or '))}`,
  `/Users?filter=${encodeURIComponent(Array.from({ length: 195 }, (_, i) => `title co "t${i}"`).join(' or '))}`,
  '/Users?sortBy=title',
  '/Users?startIndex=5001&count=100',
  '/Groups?filter=displayName%20co%20%22a%22',
];

const randomId = () => Array.from({ length: 12 }, () => 'abcdefghijklmnopqrstuvwxyz0123456789'[Math.floor(Math.random() * 36)]).join('');

/** One attack request of each kind in turn, by `concurrency` clients, until `done()` or the bounds are reached. */
export async function attack(targets: AttackTargets, concurrency: number, done: () => boolean, deadline: number): Promise<AttackerStats> {
  const stats: AttackerStats = { requests: 0, byKind: new Map() };
  const kinds: [string, () => Promise<number>][] = [
    ['random connection id, no token', () => get(`${targets.url}/${randomId()}/scim/v2/Users`)],
    ['random connection id, a token', () => get(`${targets.url}/${randomId()}/scim/v2/Users`, `ugs_${randomId()}`)],
    ["the IdP's connection id, wrong token", () => get(`${targets.url}/${targets.idpConnectionId}/scim/v2/Users`, `ugs_${randomId()}`)],
    [
      'leaked token of another connection, costly listings',
      () =>
        get(
          `${targets.url}/${targets.leaked.connectionId}/scim/v2${COSTLY_LISTINGS[Math.floor(Math.random() * COSTLY_LISTINGS.length)]}`,
          targets.leaked.token,
        ),
    ],
  ];
  let next = 0;
  const worker = async () => {
    while (!done() && Date.now() < deadline && stats.requests < MAX_REQUESTS) {
      const [kind, send] = kinds[next++ % kinds.length];
      stats.requests += 1;
      const status = await send().catch(() => 0);
      const counts = stats.byKind.get(kind) ?? new Map<number, number>();
      counts.set(status, (counts.get(status) ?? 0) + 1);
      stats.byKind.set(kind, counts);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return stats;
}

async function get(url: string, token?: string): Promise<number> {
  const response = await fetch(url, { headers: token ? { Authorization: `Bearer ${token}` } : {} });
  await response.arrayBuffer();
  return response.status;
}
