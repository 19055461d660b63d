// The `attributes` and `excludedAttributes` parameters (RFC 7644 §3.4.2.5, §3.9) applied by each
// attribute's `returned` characteristic: `always` (id, schemas, meta) is never left out, `never`
// (password) never included, `request` only when asked for. Items are comma-separated paths in any
// case: `userName`, `name.givenName`, `urn:...:enterprise:2.0:User:department`, a whole extension URN,
// and, as Microsoft's test collection sends, value filters: `emails[type eq "work"]`.
// When a request has both parameters, `attributes` decides.

import { badRequest } from './error';
import type { Filter } from './filter/ast';
import { matchesElement } from './filter/evaluate';
import { parsePathExpression, type PathExpression } from './filter/parser';
import { isObject, isUnassigned, sameText, type JsonObject } from './json';
import { valuesOf } from './resource-values';
import { findAttribute, type AttributeDefinition, type SchemaDefinition } from './schemas/attribute';
import { findExtension, resolvePath, type ResourceType } from './schemas/resource-types';

export interface ProjectionRequest {
  attributes?: string;
  excludedAttributes?: string;
}

export interface Projection {
  apply(resource: JsonObject): JsonObject;
  /** Whether responses carry this attribute: e.g. whether a group's members need loading at all. */
  includes(attributeName: string): boolean;
}

export function compileProjection(request: ProjectionRequest, type: ResourceType): Projection {
  const attributes = request.attributes?.trim();
  if (attributes) return new Inclusion(type, selectionOf(attributes, type));
  return new Exclusion(type, selectionOf(request.excludedAttributes?.trim() ?? '', type));
}

/** What one attribute's items asked for: all of it, some sub-attributes, or the values some filters select. */
interface Pick {
  whole: boolean;
  subAttributes: string[];
  filters: Filter[];
}

interface Selection {
  picks: Map<AttributeDefinition, Pick>;
  extensions: Set<SchemaDefinition>;
}

abstract class BaseProjection implements Projection {
  constructor(
    protected readonly type: ResourceType,
    protected readonly selection: Selection,
  ) {}

  apply(resource: JsonObject): JsonObject {
    const result: JsonObject = {};
    for (const [key, value] of Object.entries(resource)) {
      const extension = findExtension(this.type, key);
      const projected = extension ? this.projectExtension(extension, value) : this.projectAttribute(findAttribute(this.type.attributes, key), value);
      if (!isUnassigned(projected)) result[key] = projected;
    }
    return result;
  }

  includes(attributeName: string): boolean {
    const target = resolvePath(this.type, parsePathExpression(attributeName).path);
    if (target?.kind !== 'attribute') return this.includesUnknown;
    return this.returns(target.attribute, target.extension);
  }

  /** Whether any of the attribute is returned. */
  protected abstract returns(definition: AttributeDefinition, extension?: SchemaDefinition): boolean;

  /** The part of a returned attribute's value that the items of its pick leave in the response. */
  protected abstract reduce(value: unknown, definition: AttributeDefinition, pick: Pick): unknown;

  protected abstract readonly includesUnknown: boolean;

  private projectAttribute(definition: AttributeDefinition | undefined, value: unknown, extension?: SchemaDefinition): unknown {
    if (!definition) return this.includesUnknown ? value : undefined;
    if (!this.returns(definition, extension)) return undefined;
    const pick = this.selection.picks.get(definition);
    return pick && definition.returned !== 'always' ? this.reduce(value, definition, pick) : value;
  }

  private projectExtension(extension: SchemaDefinition, value: unknown): unknown {
    if (!isObject(value)) return undefined;
    const result: JsonObject = {};
    for (const [key, item] of Object.entries(value)) {
      const projected = this.projectAttribute(findAttribute(extension.attributes, key), item, extension);
      if (!isUnassigned(projected)) result[key] = projected;
    }
    return result;
  }
}

class Inclusion extends BaseProjection {
  protected readonly includesUnknown = false;

  protected returns(definition: AttributeDefinition, extension?: SchemaDefinition): boolean {
    if (definition.returned === 'never') return false;
    const wholeExtension = extension !== undefined && this.selection.extensions.has(extension);
    return definition.returned === 'always' || wholeExtension || this.selection.picks.has(definition);
  }

  protected reduce(value: unknown, definition: AttributeDefinition, pick: Pick): unknown {
    return pick.whole ? value : narrow(value, definition, pick);
  }
}

class Exclusion extends BaseProjection {
  protected readonly includesUnknown = true;

  protected returns(definition: AttributeDefinition, extension?: SchemaDefinition): boolean {
    if (definition.returned === 'never' || definition.returned === 'request') return false;
    if (definition.returned === 'always') return true;
    const excludedExtension = extension !== undefined && this.selection.extensions.has(extension);
    return !excludedExtension && !this.selection.picks.get(definition)?.whole;
  }

  protected reduce(value: unknown, definition: AttributeDefinition, pick: Pick): unknown {
    return remove(value, definition, pick);
  }
}

/** Only the values the filters select, with only the sub-attributes asked for. */
function narrow(value: unknown, definition: AttributeDefinition, pick: Pick): unknown {
  const selected = pick.filters.length === 0 ? value : valuesOf(value).filter((item) => selectedBy(pick, item, definition));
  if (pick.subAttributes.length === 0) return selected;
  const keep = (item: unknown) => subset(item, (key) => pick.subAttributes.some((name) => sameText(name, key)));
  return Array.isArray(selected) ? selected.map(keep).filter((item) => !isUnassigned(item)) : keep(selected);
}

/** The value without the sub-attributes excluded and without the values the filters select. */
function remove(value: unknown, definition: AttributeDefinition, pick: Pick): unknown {
  const kept = pick.filters.length === 0 ? value : valuesOf(value).filter((item) => !selectedBy(pick, item, definition));
  if (pick.subAttributes.length === 0) return kept;
  const drop = (item: unknown) => subset(item, (key) => !pick.subAttributes.some((name) => sameText(name, key)));
  return Array.isArray(kept) ? kept.map(drop).filter((item) => !isUnassigned(item)) : drop(kept);
}

function selectedBy(pick: Pick, item: unknown, definition: AttributeDefinition): boolean {
  return pick.filters.some((filter) => matchesElement(filter, item, definition));
}

function subset(item: unknown, keep: (key: string) => boolean): unknown {
  if (!isObject(item)) return item;
  return Object.fromEntries(Object.entries(item).filter(([key]) => keep(key)));
}

function selectionOf(list: string, type: ResourceType): Selection {
  const selection: Selection = { picks: new Map(), extensions: new Set() };
  for (const item of splitList(list)) addItem(selection, parsePathExpression(item), type);
  return selection;
}

// Unknown attributes are ignored: a client asking for an attribute we do not have gets none of it.
function addItem(selection: Selection, expression: PathExpression, type: ResourceType): void {
  const target = resolvePath(type, expression.path);
  if (target?.kind === 'extension') {
    selection.extensions.add(target.extension);
    return;
  }
  if (!target) return;
  const pick = selection.picks.get(target.attribute) ?? { whole: false, subAttributes: [], filters: [] };
  selection.picks.set(target.attribute, pick);
  const subAttribute = target.subAttribute?.name ?? expression.subAttribute;
  if (expression.filter) pick.filters.push(expression.filter);
  if (subAttribute !== undefined) pick.subAttributes.push(subAttribute);
  if (!expression.filter && subAttribute === undefined) pick.whole = true;
}

/** The comma-separated items of a list, leaving commas inside [...] and quoted strings alone. */
function splitList(list: string): string[] {
  if (list === '') return [];
  const items: string[] = [];
  let depth = 0;
  let quoted = false;
  let start = 0;
  for (let index = 0; index < list.length; index += 1) {
    const char = list[index];
    if (quoted) {
      if (char === '\\') index += 1;
      else if (char === '"') quoted = false;
    } else if (char === '"') quoted = true;
    else if (char === '[') depth += 1;
    else if (char === ']') depth -= 1;
    else if (char === ',' && depth === 0) {
      items.push(list.slice(start, index).trim());
      start = index + 1;
    }
  }
  items.push(list.slice(start).trim());
  if (items.includes('')) {
    throw badRequest('invalidValue', `"${list}" has an empty item; separate attribute names with single commas, e.g. userName,emails`);
  }
  return items;
}
