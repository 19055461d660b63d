import type { DirectoryContext } from '../directory/directory-context';
import { namePrefixRanges } from '../storage/keys';
import { listPage, listReads, MAX_PAGE_SIZE, WalkTooFarError, type ListKind } from '../directory/listing';
import { queryParameter, type WebTriggerRequest } from '../platform/webtrigger';
import { SCIMError } from '../scim/error';
import type { Filter } from '../scim/filter/ast';
import { matchesFilter } from '../scim/filter/evaluate';
import { indexableFilter, namePrefixFilter, type IndexLookup } from '../scim/filter/indexable';
import { parseFilter } from '../scim/filter/parser';
import type { JsonObject } from '../scim/json';
import { parseAttributePath } from '../scim/attribute-path';
import { listResponse, parsePaging } from '../scim/list-response';
import { compileProjection } from '../scim/projection';
import type { ResourceType } from '../scim/schemas/resource-types';
import { compileSort, type Comparator } from '../scim/sort';
import { projectionParameters } from './projection-parameters';
import { scimJson } from './responses';

/**
 * A filter or sort that no index answers is evaluated over at most this many records, then refused with tooMany:
 * ten store pages, so that even a leaked token's worst listing costs little.
 */
export const MAX_FILTER_SCAN = 1_000;

export interface ListSpec<R> {
  kind: ListKind;
  type: ResourceType;
  /** The attribute whose sortable index copies give name order (userName / displayName). */
  nameAttribute: string;
  parse(value: unknown): R;
  /** Records an index lookup finds (a superset of the matches), or undefined if this type has no such index. */
  lookup(ctx: DirectoryContext, lookup: IndexLookup): Promise<R[] | undefined>;
  toResource(record: R, baseUrl: string): JsonObject;
}

export interface ListParams {
  filter?: Filter;
  startIndex: number;
  count: number;
  sortBy?: string;
  descending: boolean;
  comparator?: Comparator;
}

export function readListParams(request: WebTriggerRequest, type: ResourceType): ListParams {
  const filterText = queryParameter(request, 'filter');
  const sortBy = queryParameter(request, 'sortBy') || undefined;
  const sortOrder = queryParameter(request, 'sortOrder');
  const paging = parsePaging(
    { startIndex: queryParameter(request, 'startIndex'), count: queryParameter(request, 'count') },
    { maxCount: MAX_PAGE_SIZE },
  );
  return {
    filter: filterText === undefined || filterText.trim() === '' ? undefined : parseFilter(filterText, type),
    ...paging,
    sortBy,
    descending: sortOrder?.toLowerCase() === 'descending',
    comparator: compileSort(sortBy, sortOrder, type),
  };
}

/** Keys a plain listing reads (counters and the remembered cursor), to prefetch with the connection. */
export function plainListReads<R>(ctx: DirectoryContext, spec: ListSpec<R>, request: WebTriggerRequest): string[] {
  try {
    const params = readListParams(request, spec.type);
    const order = plainOrder(params, spec);
    return order ? listReads(ctx, spec.kind, order, params.startIndex) : [];
  } catch {
    return [];
  }
}

export async function listResources<R>(ctx: DirectoryContext, spec: ListSpec<R>, request: WebTriggerRequest, baseUrl: string) {
  const params = readListParams(request, spec.type);
  const { total, records } = await findPage(ctx, spec, params, baseUrl);
  const projection = compileProjection(projectionParameters(request), spec.type);
  const resources = records.map((record) => projection.apply(spec.toResource(record, baseUrl)));
  return scimJson(200, listResponse(resources, total, params.startIndex));
}

/**
 * One listing over several resource types (a search at the root): each type's matches in turn, paged as one list.
 * A filter or sort naming attributes that one type lacks matches none of that type; one that fits no type is refused.
 */
export async function listAcrossTypes(ctx: DirectoryContext, listers: TypeLister[], request: WebTriggerRequest, baseUrl: string) {
  const attempts = listers.map((lister) => {
    try {
      return { lister, params: readListParams(request, lister.type) };
    } catch (error) {
      return { lister, error };
    }
  });
  const usable = attempts.filter((attempt): attempt is { lister: TypeLister; params: ListParams } => 'params' in attempt);
  if (usable.length === 0) throw attempts[0].error;
  const { startIndex, count } = usable[0].params;
  const resources: JsonObject[] = [];
  let [skip, room, total] = [startIndex - 1, count, 0];
  for (const { lister, params } of usable) {
    const page = await lister.page(ctx, { ...params, startIndex: skip + 1, count: room }, baseUrl);
    const projection = compileProjection(projectionParameters(request), lister.type);
    resources.push(...page.resources.map((resource) => projection.apply(resource)));
    total += page.total;
    skip = Math.max(0, skip - page.total);
    room -= page.resources.length;
  }
  return scimJson(200, listResponse(resources, total, startIndex));
}

/** A listing of one resource type, whatever its record type. */
export interface TypeLister {
  type: ResourceType;
  page(ctx: DirectoryContext, params: ListParams, baseUrl: string): Promise<{ total: number; resources: JsonObject[] }>;
}

export function typeLister<R>(spec: ListSpec<R>): TypeLister {
  return {
    type: spec.type,
    async page(ctx, params, baseUrl) {
      const { total, records } = await findPage(ctx, spec, params, baseUrl);
      return { total, resources: records.map((record) => spec.toResource(record, baseUrl)) };
    },
  };
}

async function findPage<R>(ctx: DirectoryContext, spec: ListSpec<R>, params: ListParams, baseUrl: string): Promise<{ total: number; records: R[] }> {
  const order = plainOrder(params, spec);
  if (order) {
    try {
      const page = await listPage(ctx, spec.kind, order, params.startIndex, params.count, spec.parse);
      return { total: page.total, records: page.items };
    } catch (error) {
      if (error instanceof WalkTooFarError) throw new SCIMError(400, 'tooMany', error.message);
      throw error;
    }
  }
  const matches = await findMatches(ctx, spec, params, baseUrl);
  const sorted = params.comparator ? sortRecords(matches, spec, params.comparator, baseUrl) : matches;
  return { total: sorted.length, records: sorted.slice(params.startIndex - 1, params.startIndex - 1 + params.count) };
}

/** Listings the store answers in order without a scan: no filter, and no sort or an ascending name sort. */
function plainOrder<R>(params: ListParams, spec: ListSpec<R>): 'id' | 'name' | undefined {
  if (params.filter) return undefined;
  if (!params.sortBy) return 'id';
  const sortPath = parseAttributePath(params.sortBy);
  const byName = sortPath?.subAttribute === undefined && sortPath?.attribute.toLowerCase() === spec.nameAttribute.toLowerCase();
  return byName && !params.descending ? 'name' : undefined;
}

async function findMatches<R>(ctx: DirectoryContext, spec: ListSpec<R>, params: ListParams, baseUrl: string): Promise<R[]> {
  const filter = params.filter;
  const matches = (record: R) => !filter || matchesFilter(filter, spec.toResource(record, baseUrl), spec.type);
  const lookup = filter ? indexableFilter(filter) : undefined;
  const candidates = lookup ? await spec.lookup(ctx, lookup) : undefined;
  if (candidates) return candidates.filter(matches);
  return scan(ctx, scanRanges(ctx, spec, filter), spec, matches);
}

/** Where the candidates are: under the name index for `{name} sw "x"`, else every record of the kind. */
function scanRanges<R>(ctx: DirectoryContext, spec: ListSpec<R>, filter: Filter | undefined): string[] {
  const start = filter && namePrefixFilter(filter, spec.nameAttribute);
  if (start !== undefined) return namePrefixRanges(spec.kind === 'user' ? ctx.keys.userNamePrefix : ctx.keys.groupNamePrefix, start);
  return [spec.kind === 'user' ? ctx.keys.userPrefix : ctx.keys.groupPrefix];
}

async function scan<R>(ctx: DirectoryContext, prefixes: string[], spec: ListSpec<R>, matches: (record: R) => boolean): Promise<R[]> {
  const found: R[] = [];
  let scanned = 0;
  for (const prefix of prefixes) {
    let cursor: string | undefined;
    do {
      const page = await ctx.store.query(prefix, { cursor, limit: MAX_PAGE_SIZE });
      for (const item of page.items) {
        const record = spec.parse(item.value);
        if (matches(record)) found.push(record);
      }
      scanned += page.items.length;
      cursor = page.cursor;
      if (cursor && scanned >= MAX_FILTER_SCAN) {
        throw new SCIMError(
          400,
          'tooMany',
          `This filter or sort would examine more than ${MAX_FILTER_SCAN} resources. Filter on userName, externalId, id, displayName or emails with "eq" (or userName / displayName with "sw" and a longer prefix), which are indexed, and sort by userName / displayName ascending.`,
        );
      }
    } while (cursor);
  }
  return found;
}

function sortRecords<R>(records: R[], spec: ListSpec<R>, comparator: Comparator, baseUrl: string): R[] {
  return records
    .map((record) => ({ record, resource: spec.toResource(record, baseUrl) }))
    .sort((a, b) => comparator(a.resource, b.resource))
    .map((entry) => entry.record);
}
