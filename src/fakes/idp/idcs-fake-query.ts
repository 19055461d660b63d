// Listing, paging, sorting and attribute projection the way the fake identity domain answers them.
import { FilterError, matchesFilter, parseFilter, valuesAt } from './scim-filter';
import type { Resource } from './idcs-fake-model';

export const LIST_RESPONSE_SCHEMA = 'urn:ietf:params:scim:api:messages:2.0:ListResponse';
export const SEARCH_REQUEST_SCHEMA = 'urn:ietf:params:scim:api:messages:2.0:SearchRequest';
const MAX_COUNT = 1000;
const DEFAULT_COUNT = 50;

/** A SCIM error the fake answers with. Its messageIds follow Oracle's style; Oracle documents few of its own. */
export class FakeScimError extends Error {
  constructor(
    readonly status: number,
    readonly detail: string,
    readonly messageId?: string,
  ) {
    super(detail);
  }
}

export interface ListQuery {
  filter?: string;
  sortBy?: string;
  sortOrder?: string;
  startIndex?: number;
  count?: number;
  attributes?: string[];
  attributeSets?: string[];
}

/** Bracket paging inside the attribute selector: `members[startIndex=1&count=1000]`. */
export interface SubPage {
  attribute: string;
  startIndex: number;
  count: number;
}

export interface Projection {
  attributes?: string[];
  attributeSets?: string[];
  subPages: SubPage[];
}

export type CountPolicy = 'reject' | 'clamp';

function intParam(name: string, raw: string | undefined): number | undefined {
  if (raw === undefined || raw === '') return undefined;
  if (/^-?\d+$/.test(raw)) return Number(raw);
  throw new FakeScimError(400, `Invalid value for ${name}: must be an integer.`, 'error.common.invalidQueryParam');
}

function listParam(raw: string | undefined): string[] | undefined {
  return raw === undefined
    ? undefined
    : raw
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean);
}

export function queryFromSearchParams(params: URLSearchParams): ListQuery {
  return {
    filter: params.get('filter') ?? undefined,
    sortBy: params.get('sortBy') ?? undefined,
    sortOrder: params.get('sortOrder') ?? undefined,
    startIndex: intParam('startIndex', params.get('startIndex') ?? undefined),
    count: intParam('count', params.get('count') ?? undefined),
    attributes: listParam(params.get('attributes') ?? undefined),
    attributeSets: listParam(params.get('attributeSets') ?? undefined),
  };
}

export function queryFromSearchBody(body: unknown): ListQuery {
  if (!body || typeof body !== 'object') throw new FakeScimError(400, 'The request body is not a JSON object.');
  const b = body as Record<string, unknown>;
  if (!Array.isArray(b.schemas) || !b.schemas.includes(SEARCH_REQUEST_SCHEMA)) {
    throw new FakeScimError(400, `The search request must name the schema ${SEARCH_REQUEST_SCHEMA}.`);
  }
  const str = (v: unknown) => (typeof v === 'string' ? v : undefined);
  const int = (name: string, v: unknown) => (v === undefined ? undefined : intParam(name, String(v)));
  const strings = (v: unknown) => (Array.isArray(v) ? v.map(String) : typeof v === 'string' ? listParam(v) : undefined);
  return {
    filter: str(b.filter),
    sortBy: str(b.sortBy),
    sortOrder: str(b.sortOrder),
    startIndex: int('startIndex', b.startIndex),
    count: int('count', b.count),
    attributes: strings(b.attributes),
    attributeSets: strings(b.attributeSets),
  };
}

export function parseProjection(query: Pick<ListQuery, 'attributes' | 'attributeSets'>): Projection {
  const subPages: SubPage[] = [];
  const attributes = query.attributes?.map((attr) => {
    if (!attr.includes('[')) return attr;
    const m = /^([A-Za-z]+)\[startIndex=(\d+)&count=(\d+)\]$/.exec(attr);
    if (!m) throw new FakeScimError(400, `Invalid attribute in attributes: ${attr}.`, 'error.common.invalidAttribute');
    subPages.push({ attribute: m[1]!.toLowerCase(), startIndex: Number(m[2]), count: Number(m[3]) });
    return m[1]!;
  });
  const sets = query.attributeSets?.map((s) => s.toLowerCase());
  for (const set of sets ?? []) {
    if (!['all', 'always', 'never', 'request', 'default'].includes(set)) {
      throw new FakeScimError(400, `Invalid attribute set: ${set}.`, 'error.common.invalidAttributeSet');
    }
  }
  return { attributes, attributeSets: sets, subPages };
}

const ALWAYS = ['id', 'schemas', 'meta'];

/** Applies `attributes`/`attributeSets` (their union; neither means `default`) and bracket sub-paging. */
export function project(resource: Resource, projection: Projection, requestOnly: string[]): Resource {
  const sets = projection.attributeSets ?? (projection.attributes ? [] : ['default']);
  const requestOnlyLower = requestOnly.map((p) => p.toLowerCase());
  const out: Resource = {};
  const copyTop = (key: string) => {
    if (resource[key] !== undefined) out[key] = resource[key];
  };
  for (const key of Object.keys(resource)) {
    const lower = key.toLowerCase();
    if (ALWAYS.includes(lower)) copyTop(key);
    else if (sets.includes('all')) copyTop(key);
    else if (sets.includes('default') && !requestOnlyLower.includes(lower)) copyTop(key);
    else if (sets.includes('request') && requestOnlyLower.includes(lower)) copyTop(key);
  }
  for (const path of projection.attributes ?? []) copyPath(resource, out, path);
  if (!sets.includes('all') && !sets.includes('request')) {
    for (const path of requestOnlyLower.filter((p) => p.includes(':'))) {
      if (!(projection.attributes ?? []).some((a) => a.toLowerCase() === path)) removePath(out, path);
    }
  }
  for (const sub of projection.subPages) {
    const key = Object.keys(out).find((k) => k.toLowerCase() === sub.attribute);
    const values = key ? out[key] : undefined;
    if (key && Array.isArray(values)) out[key] = values.slice(sub.startIndex - 1, sub.startIndex - 1 + sub.count);
  }
  return out;
}

function splitPath(resource: Resource, path: string): { top: string; rest?: string } | undefined {
  const lower = path.toLowerCase();
  const urnKey = Object.keys(resource).find(
    (key) => key.startsWith('urn:') && (lower === key.toLowerCase() || lower.startsWith(`${key.toLowerCase()}:`)),
  );
  if (urnKey) return { top: urnKey, rest: lower === urnKey.toLowerCase() ? undefined : lower.slice(urnKey.length + 1) };
  const [head, ...tail] = lower.split('.');
  const top = Object.keys(resource).find((key) => key.toLowerCase() === head);
  return top ? { top, rest: tail.length ? tail.join('.') : undefined } : undefined;
}

function copyPath(resource: Resource, out: Resource, path: string): void {
  const split = splitPath(resource, path);
  if (!split) return;
  const value = resource[split.top];
  if (!split.rest || !value || typeof value !== 'object' || Array.isArray(value)) {
    out[split.top] = value;
    return;
  }
  const entry = Object.entries(value).find(([key]) => key.toLowerCase() === split.rest);
  if (!entry) return;
  const target = (out[split.top] ?? {}) as Record<string, unknown>;
  out[split.top] = { ...target, [entry[0]]: entry[1] };
}

function removePath(out: Resource, path: string): void {
  const split = splitPath(out, path);
  const value = split?.rest ? out[split.top] : undefined;
  if (!split || !value || typeof value !== 'object') return;
  out[split.top] = Object.fromEntries(Object.entries(value).filter(([key]) => key.toLowerCase() !== split.rest));
}

export interface ListResponse {
  schemas: string[];
  totalResults: number;
  startIndex: number;
  itemsPerPage: number;
  Resources?: Resource[];
}

export function listResources(
  all: Resource[],
  query: ListQuery,
  knownPaths: ReadonlySet<string>,
  requestOnly: string[],
  countPolicy: CountPolicy,
): ListResponse {
  let matched = all;
  if (query.filter !== undefined) {
    try {
      const filter = parseFilter(query.filter, knownPaths);
      matched = all.filter((resource) => matchesFilter(resource, filter));
    } catch (error) {
      if (!(error instanceof FilterError)) throw error;
      throw new FakeScimError(400, `Invalid filter: ${error.message}.`, 'error.common.invalidFilter');
    }
  }
  if (query.sortBy !== undefined) matched = sortResources(matched, query.sortBy, query.sortOrder, knownPaths);
  const startIndex = Math.max(1, query.startIndex ?? 1);
  let count = Math.max(0, query.count ?? DEFAULT_COUNT);
  if (count > MAX_COUNT) {
    if (countPolicy === 'reject') {
      throw new FakeScimError(400, `The count ${count} exceeds the maximum of ${MAX_COUNT}.`, 'error.common.invalidQueryParam');
    }
    count = MAX_COUNT;
  }
  const projection = parseProjection(query);
  const page = matched.slice(startIndex - 1, startIndex - 1 + count).map((r) => project(r, projection, requestOnly));
  return {
    schemas: [LIST_RESPONSE_SCHEMA],
    totalResults: matched.length,
    startIndex,
    // IDCS echoes the requested page size here, not the number of resources returned.
    itemsPerPage: count,
    ...(page.length ? { Resources: page } : {}),
  };
}

function sortResources(resources: Resource[], sortBy: string, sortOrder: string | undefined, knownPaths: ReadonlySet<string>) {
  if (!knownPaths.has(sortBy.toLowerCase())) {
    throw new FakeScimError(400, `Invalid sortBy attribute: ${sortBy}.`, 'error.common.invalidSortBy');
  }
  const order = (sortOrder ?? 'ascending').toLowerCase();
  if (order !== 'ascending' && order !== 'descending') {
    throw new FakeScimError(400, `Invalid sortOrder: ${sortOrder}.`, 'error.common.invalidSortOrder');
  }
  const key = (r: Resource) => {
    const v = valuesAt(r, sortBy)[0];
    return typeof v === 'string' ? v.toLowerCase() : v === undefined ? '' : String(v);
  };
  const sign = order === 'ascending' ? 1 : -1;
  return [...resources].sort((a, b) => {
    const ka = key(a);
    const kb = key(b);
    return ka < kb ? -sign : ka > kb ? sign : 0;
  });
}
