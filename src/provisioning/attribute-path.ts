// Attribute paths name a value on a normalised IdP user: SCIM attribute paths (RFC 7644 §3.10, with the
// `[sub eq value]` value filter RFC 7644 §3.5.2 allows in PATCH paths) plus the plain keys REST-pull IdPs use.
//   userName, displayName, active                    top-level attributes (names are case-insensitive)
//   name.givenName                                    sub-attribute of a complex attribute
//   emails                                            multi-valued: the primary value, else the first
//   emails[primary], emails[type eq "work"].value     the first value matching the filter (`[x]` = `[x eq true]`)
//   urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department
//                                                     an attribute of a schema extension (any URN)
//   mail, userPrincipalName                           keys the IdP sent outside SCIM, kept in `extra`
// A name is found top-level or in an extension, whichever the IdP used (see resolveAttribute).

import { parseAttributePath as parseScimAttributePath } from '../scim/attribute-path';
import { parsePathExpression, type PathExpression } from '../scim/filter/parser';
import { ENTERPRISE_USER_SCHEMA_ID } from '../scim/schemas/enterprise-user';

/** A SCIM User as our directory stores it, plus `extra`: attributes a pull connector read outside SCIM. */
export interface IdpUser {
  id: string;
  active?: boolean;
  extra?: Record<string, unknown>;
  [attribute: string]: unknown;
}

/** Where a mapped value is read: a SCIM attribute path, optionally narrowed to the values matching `filter`. */
export interface MappedAttribute {
  /** Extension schema URN; the attribute is read from the user's object under that key. */
  schema?: string;
  attribute: string;
  /** Compared case-insensitively with the element's sub-attribute as text. */
  filter?: { attribute: string; value: string };
  subAttribute?: string;
}

export type MappedAttributeResult = { ok: true; path: MappedAttribute } | { ok: false; error: string };

export const MAX_ATTRIBUTE_PATH_LENGTH = 300;

/** Parses with the SCIM path grammar (scim/filter/parser.ts); of filters, only `[sub eq value]` and `[sub]`. */
export function parseAttributePath(text: string): MappedAttributeResult {
  const path = text.trim();
  if (path.length === 0) return { ok: false, error: 'Enter an attribute, such as userName or emails[primary].' };
  if (path.length > MAX_ATTRIBUTE_PATH_LENGTH) {
    return { ok: false, error: `An attribute path has at most ${MAX_ATTRIBUTE_PATH_LENGTH} characters.` };
  }
  const parsed = mappedAttribute(path);
  return parsed
    ? { ok: true, path: parsed }
    : {
        ok: false,
        error:
          `"${path}" is not an attribute path. Write an attribute (userName, mail), a sub-attribute (name.givenName), ` +
          'a filtered value (emails[type eq "work"].value) or an extension attribute (urn:…:User:department).',
      };
}

function mappedAttribute(path: string): MappedAttribute | undefined {
  let expression: PathExpression;
  try {
    expression = parsePathExpression(withEqTrue(path));
  } catch {
    return undefined;
  }
  const { path: attributePath, filter } = expression;
  if (attributePath.schema !== undefined && attributePath.schema.length <= 'urn:'.length) return undefined;
  if (attributePath.subAttribute !== undefined && (filter || expression.subAttribute !== undefined)) return undefined;
  if (filter && !(filter.op === 'eq' && filter.path.schema === undefined && filter.path.subAttribute === undefined)) return undefined;
  if (filter && filter.value === null) return undefined;
  const subAttribute = attributePath.subAttribute ?? expression.subAttribute;
  return {
    ...(attributePath.schema !== undefined && { schema: attributePath.schema }),
    attribute: attributePath.attribute,
    ...(filter && { filter: { attribute: filter.path.attribute, value: String(filter.value).toLowerCase() } }),
    ...(subAttribute !== undefined && { subAttribute }),
  };
}

/** `emails[primary]` is short for `emails[primary eq true]`. */
function withEqTrue(path: string): string {
  const open = path.indexOf('[');
  const close = path.indexOf(']', open);
  if (open < 0 || close < 0) return path;
  const inner = path.slice(open + 1, close).trim();
  const name = parseScimAttributePath(inner);
  const bareName = name !== undefined && name.schema === undefined && name.subAttribute === undefined;
  return bareName ? `${path.slice(0, open)}[${inner} eq true]${path.slice(close + 1)}` : path;
}

/**
 * The attribute's value as trimmed text; undefined when absent, empty or not a scalar. IdPs disagree on where an
 * attribute lives (a top-level `costCenter` is the enterprise extension's by name; Okta and miniOrange send custom
 * attributes top-level or in their own extension), so a name is found wherever the user carries it: a path without a
 * schema falls back to the extensions, a path with one to the top level.
 */
export function resolveAttribute(user: IdpUser, path: string): string | undefined {
  const parsed = parseAttributePath(path);
  if (!parsed.ok) throw new Error(`Unvalidated attribute path reached the engine: ${parsed.error}`);
  const { schema, attribute, filter, subAttribute } = parsed.path;
  const value =
    schema === undefined
      ? (topLevel(user, attribute) ?? firstDefined(extensionsOf(user), (extension) => inExtension(user, extension, attribute)))
      : (inExtension(user, schema, attribute) ?? topLevel(user, attribute));
  const element = pick(value, filter);
  const leaf = subAttribute !== undefined ? lookup(element, subAttribute) : isRecord(element) ? lookup(element, 'value') : element;
  return scalarText(leaf);
}

/** Attributes outside the SCIM schemas are kept in `extra`, extension ones under their URN-qualified name. */
function topLevel(user: IdpUser, attribute: string): unknown {
  return lookup(user, attribute) ?? lookup(user.extra, attribute);
}

function inExtension(user: IdpUser, schema: string, attribute: string): unknown {
  return lookup(lookup(user, schema) ?? lookup(user.extra, schema), attribute) ?? lookup(user.extra, `${schema}:${attribute}`);
}

/** The schema URNs the user carries attributes under, the enterprise extension first. */
function extensionsOf(user: IdpUser): string[] {
  const urns = [...Object.keys(user), ...Object.keys(user.extra ?? {})]
    .map((key) => (isRecord(user[key]) || isRecord(user.extra?.[key]) ? key : key.slice(0, Math.max(0, key.lastIndexOf(':')))))
    .filter((urn) => /^urn:/i.test(urn));
  return [...new Set([ENTERPRISE_USER_SCHEMA_ID, ...urns])];
}

function firstDefined<T>(items: T[], read: (item: T) => unknown): unknown {
  for (const item of items) {
    const value = read(item);
    if (value !== undefined) return value;
  }
  return undefined;
}

/** Multi-valued attributes yield the first element matching the filter, or the primary (else first) element. */
function pick(value: unknown, filter: MappedAttribute['filter']): unknown {
  if (!Array.isArray(value)) return filter === undefined || matches(value, filter) ? value : undefined;
  if (filter) return value.find((element) => matches(element, filter));
  return value.find((element) => matches(element, { attribute: 'primary', value: 'true' })) ?? value[0];
}

function matches(element: unknown, filter: { attribute: string; value: string }): boolean {
  return scalarText(lookup(element, filter.attribute))?.toLowerCase() === filter.value;
}

/** SCIM attribute names are case-insensitive; an exact key wins. */
function lookup(container: unknown, key: string): unknown {
  if (!isRecord(container)) return undefined;
  if (Object.prototype.hasOwnProperty.call(container, key)) return container[key];
  const lower = key.toLowerCase();
  const match = Object.keys(container).find((candidate) => candidate.toLowerCase() === lower);
  return match === undefined ? undefined : container[match];
}

function scalarText(value: unknown): string | undefined {
  if (typeof value === 'string') return value.trim() || undefined;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return undefined;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
