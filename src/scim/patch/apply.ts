// Applies PatchOp operations (RFC 7644 §3.5.2) to a resource, in the dialects identity providers send:
// pathless operations whose value is an object of attributes, keyed by plain names (Okta's
// {"active": false}) or by paths (Entra ID's "name.givenName", "urn:...:User:department",
// "emails[type eq \"work\"].value"); value filters that create the value they select when nothing
// matches (Entra ID adding a work address); a bare id for the enterprise manager. The result is
// re-validated like a PUT body. Attributes the schema does not know are not an error: what add and
// replace set on them comes back in `extras`.

import { parseAttributePath } from '../attribute-path';
import { compareValues } from '../compare';
import { badRequest } from '../error';
import type { Filter } from '../filter/ast';
import { matchesElement } from '../filter/evaluate';
import { formatFilter } from '../filter/format';
import { parsePathExpression, type PathExpression } from '../filter/parser';
import { cloneJson, deepEqual, deleteProperty, getProperty, isObject, isUnassigned, sameText, setProperty, type JsonObject } from '../json';
import { valuesOf } from '../resource-values';
import { findAttribute, type AttributeDefinition, type SchemaDefinition } from '../schemas/attribute';
import { keepExtra, normaliseResource, type Extras } from '../schemas/normalise';
import { resolvePath, type ResolvedPath, type ResourceType } from '../schemas/resource-types';
import { attributeSchema, parseValue, valueSchema } from '../schemas/zod';
import { eachOperation, type PatchOperation, type PatchOperationType } from './operation';

export interface PatchResult<T> {
  /** The resource's new writable data, normalised like a PUT body. */
  value: T;
  /** Values that add and replace set on attributes outside the schema, keyed by the path sent. */
  extras: Extras;
}

/**
 * `resource` is the current resource: its writable data, plus its id when the client may echo it
 * (read-only attributes may be sent unchanged, never changed).
 */
export function applyPatch<T>(resource: JsonObject, operations: readonly PatchOperation[], type: ResourceType<T>): PatchResult<T> {
  const document = cloneJson(resource);
  const extras: Extras = {};
  eachOperation(operations, (operation) => {
    for (const step of stepsOf(operation)) applyStep(document, step, type, extras);
  });
  return { value: normaliseResource(document, type).value, extras };
}

/** One attribute change: an operation with a path, or one key of a pathless operation's value. */
interface Step {
  op: PatchOperationType;
  /** Undefined for a pathless key that is not an attribute path at all. */
  path: PathExpression | undefined;
  text: string;
  value: unknown;
}

/** Where a step's path points, with the value filter of its attribute. */
type Target = ResolvedPath & { filter?: Filter };
type AttributeTarget = Target & { kind: 'attribute' };

function stepsOf(operation: PatchOperation): Step[] {
  const { op, path, value } = operation;
  if (path !== undefined) return [{ op, path: parsePathExpression(path), text: path, value }];
  if (op === 'remove') {
    throw badRequest('noTarget', 'remove needs a "path" naming what to remove, e.g. "path": "emails[type eq \\"work\\"]"');
  }
  if (!isObject(value)) {
    throw badRequest('invalidValue', 'without a "path", "value" must be an object of the attributes to set, e.g. {"active": false}');
  }
  return Object.entries(value)
    .filter(([key]) => !sameText(key, 'schemas'))
    .map(([key, item]) => ({ op, path: pathOfKey(key), text: key, value: item }));
}

function pathOfKey(key: string): PathExpression | undefined {
  if (key.includes('[')) return parsePathExpression(key);
  const path = parseAttributePath(key);
  return path && { path };
}

function applyStep(document: JsonObject, step: Step, type: ResourceType, extras: Extras): void {
  const target = step.path && targetOf(type, step.path);
  if (!target) {
    if (step.op !== 'remove') keepExtra(extras, step.text, step.value);
    return;
  }
  if (target.kind === 'extension') return applyToExtension(document, target.extension, step, type, extras);
  if (target.filter && !target.attribute.multiValued) {
    throw badRequest(
      'invalidPath',
      `"${target.attribute.name}" is single-valued; [...] filters select values of multi-valued attributes such as emails`,
    );
  }
  if (!isWritable(document, target, step)) return;
  const container = containerOf(document, target.extension, step.op !== 'remove');
  if (!container) return;
  if (target.filter || (target.attribute.multiValued && target.subAttribute)) return applyToElements(container, target, step);
  if (target.subAttribute) return applyToSubAttribute(container, target.attribute, target.subAttribute, step);
  applyToAttribute(container, target.attribute, step);
}

function targetOf(type: ResourceType, path: PathExpression): Target | undefined {
  const resolved = resolvePath(type, path.path);
  if (resolved?.kind !== 'attribute') return resolved;
  if (path.subAttribute === undefined) return { ...resolved, filter: path.filter };
  const subAttribute = findAttribute(resolved.attribute.subAttributes, path.subAttribute);
  return subAttribute && { ...resolved, subAttribute, filter: path.filter };
}

// Read-only attributes may be sent with their current value (Okta's group rename carries the id);
// a password is accepted and not kept.
function isWritable(document: JsonObject, target: AttributeTarget, step: Step): boolean {
  const { attribute, subAttribute } = target;
  const readOnly = attribute.mutability === 'readOnly' || subAttribute?.mutability === 'readOnly';
  if (!readOnly) return (subAttribute ?? attribute).returned !== 'never';
  const container = target.extension ? getProperty(document, target.extension.id) : document;
  const current = getProperty(container, attribute.name);
  const value = subAttribute ? getProperty(current, subAttribute.name) : current;
  if (step.op !== 'remove' && !target.filter && deepEqual(value, step.value)) return false;
  throw badRequest('mutability', `"${step.text}" is read-only and cannot be changed; leave it out of the request`);
}

function applyToExtension(document: JsonObject, extension: SchemaDefinition, step: Step, type: ResourceType, extras: Extras): void {
  if (step.op === 'remove') return deleteProperty(document, extension.id);
  if (!isObject(step.value)) {
    const example = '{"department": "Sales"}';
    throw badRequest('invalidValue', `"${extension.id}" takes an object of ${extension.name} attributes, e.g. ${example}`);
  }
  for (const [key, value] of Object.entries(step.value)) {
    const text = `${extension.id}:${key}`;
    const path = parseAttributePath(text);
    applyStep(document, { op: step.op, path: path && { path }, text, value }, type, extras);
  }
}

/** The object an attribute lives in: the resource, or its extension object (created for add and replace). */
function containerOf(document: JsonObject, extension: SchemaDefinition | undefined, create: boolean): JsonObject | undefined {
  if (!extension) return document;
  const existing = getProperty(document, extension.id);
  if (isObject(existing)) return existing;
  if (!create) return undefined;
  const created: JsonObject = {};
  setProperty(document, extension.id, created);
  return created;
}

/** A whole attribute: `active`, `name`, `emails`, `urn:...:User:manager`. */
function applyToAttribute(container: JsonObject, attribute: AttributeDefinition, step: Step): void {
  if (step.op === 'remove') {
    if (attribute.multiValued && step.value !== undefined) return removeListedValues(container, attribute, step.value);
    return unassign(container, attribute);
  }
  const value = normalised(attribute, step);
  if (value === undefined) return unassign(container, attribute);
  if (attribute.multiValued && step.op === 'add') return addValues(container, attribute, value as unknown[]);
  // RFC 7644 §3.5.2.3: sub-attributes of a complex value that the operation leaves out stay as they are.
  const complex = attribute.type === 'complex' && !attribute.multiValued;
  setProperty(container, attribute.name, complex ? { ...objectAt(container, attribute), ...(value as JsonObject) } : value);
}

/** A sub-attribute of a single-valued complex attribute: `name.givenName`, `manager.value`. */
function applyToSubAttribute(container: JsonObject, attribute: AttributeDefinition, subAttribute: AttributeDefinition, step: Step): void {
  const parent = objectAt(container, attribute);
  const value = step.op === 'remove' ? undefined : normalised(subAttribute, step);
  if (value === undefined) deleteProperty(parent, subAttribute.name);
  else setProperty(parent, subAttribute.name, value);
  setOrUnassign(container, attribute, parent);
}

/** Values of a multi-valued attribute a filter selects (all without one), or a sub-attribute of them. */
function applyToElements(container: JsonObject, target: AttributeTarget, step: Step): void {
  const { attribute, subAttribute, filter } = target;
  const elements = valuesOf(getProperty(container, attribute.name));
  const selects = (element: unknown) => filter === undefined || matchesElement(filter, element, attribute);
  if (step.op === 'remove') {
    const remaining = subAttribute
      ? elements.map((element) => (selects(element) ? without(element, subAttribute.name) : element)).filter(carriesValue)
      : elements.filter((element) => !selects(element));
    return setOrUnassign(container, attribute, remaining);
  }
  const value = subAttribute ? normalised(subAttribute, step) : normalisedElement(attribute, step);
  if (value === undefined) throw badRequest('invalidValue', `"${step.text}" needs a value; to take it away use "op": "remove"`);
  const changes = subAttribute ? { [subAttribute.name]: value } : (value as JsonObject);
  const changed: unknown[] = [];
  const updated = elements.map((element) => {
    if (!selects(element)) return element;
    // Replacing selected values without a sub-attribute replaces them whole (RFC 7644 §3.5.2.3).
    const next = step.op === 'replace' && !subAttribute ? value : { ...(element as JsonObject), ...changes };
    changed.push(next);
    return next;
  });
  if (changed.length === 0) {
    const created = createdElement(attribute, filter, changes, step);
    updated.push(created);
    changed.push(created);
  }
  setProperty(container, attribute.name, preferPrimary(updated, changed));
}

// Entra ID adds `addresses[type eq "work"].formatted` to a user without a work address: the new value
// takes its sub-attributes from the filter's equality conditions.
function createdElement(attribute: AttributeDefinition, filter: Filter | undefined, value: JsonObject, step: Step): unknown {
  const conditions = filter ? equalityConditions(filter) : {};
  if (!conditions) {
    throw badRequest(
      'noTarget',
      `no value of ${attribute.name} matches [${formatFilter(filter!)}], and the filter does not say how to create one ` +
        '(use eq conditions joined by and)',
    );
  }
  return parseValue(valueSchema(attribute), { ...conditions, ...value }, [step.text]);
}

function equalityConditions(filter: Filter): JsonObject | undefined {
  if (filter.op === 'and') {
    const left = equalityConditions(filter.left);
    const right = equalityConditions(filter.right);
    return left && right && { ...left, ...right };
  }
  return filter.op === 'eq' && filter.value !== null ? { [filter.path.attribute]: filter.value } : undefined;
}

function addValues(container: JsonObject, attribute: AttributeDefinition, values: unknown[]): void {
  const existing = valuesOf(getProperty(container, attribute.name));
  const added = values.filter((value) => !existing.some((item) => deepEqual(item, value)));
  setProperty(container, attribute.name, preferPrimary([...existing, ...added], added));
}

// Entra ID removes members and emails by listing them: {"op":"Remove","path":"members","value":[{"value":"id"}]}.
function removeListedValues(container: JsonObject, attribute: AttributeDefinition, listed: unknown): void {
  const removed = valuesOf(isUnassigned(listed) ? undefined : parseValue(attributeSchema(attribute), listed, [attribute.name]));
  const valueDefinition = findAttribute(attribute.subAttributes, 'value');
  const remaining = valuesOf(getProperty(container, attribute.name)).filter(
    (item) => !removed.some((value) => sameValue(item, value, valueDefinition)),
  );
  setOrUnassign(container, attribute, remaining);
}

function sameValue(item: unknown, value: unknown, valueDefinition: AttributeDefinition | undefined): boolean {
  const wanted = getProperty(value, 'value');
  return wanted === undefined ? deepEqual(item, value) : compareValues(getProperty(item, 'value'), wanted, valueDefinition) === 0;
}

function unassign(container: JsonObject, attribute: AttributeDefinition): void {
  if (attribute.required) {
    throw badRequest('mutability', `"${attribute.name}" is required and cannot be removed; replace it with a new value instead`);
  }
  deleteProperty(container, attribute.name);
}

function setOrUnassign(container: JsonObject, attribute: AttributeDefinition, value: unknown): void {
  if (isUnassigned(value)) unassign(container, attribute);
  else setProperty(container, attribute.name, value);
}

function normalised(definition: AttributeDefinition, step: Step): unknown {
  return isUnassigned(step.value) ? undefined : parseValue(attributeSchema(definition), step.value, [step.text]);
}

function normalisedElement(attribute: AttributeDefinition, step: Step): unknown {
  return isUnassigned(step.value) ? undefined : parseValue(valueSchema(attribute), step.value, [step.text]);
}

function objectAt(container: JsonObject, attribute: AttributeDefinition): JsonObject {
  const value = getProperty(container, attribute.name);
  return isObject(value) ? { ...value } : {};
}

function without(element: unknown, name: string): unknown {
  if (!isObject(element)) return element;
  const copy = { ...element };
  deleteProperty(copy, name);
  return copy;
}

// A value left with nothing but its type and primary flag (an email whose address was removed) goes.
function carriesValue(element: unknown): boolean {
  return !isObject(element) || Object.keys(element).some((key) => key !== 'type' && key !== 'primary');
}

// A value the operation made primary wins over the one that was primary before (RFC 7643 §2.4).
function preferPrimary(values: unknown[], changed: unknown[]): unknown[] {
  if (!changed.some(isPrimary)) return values;
  return values.map((value) => (isPrimary(value) && !changed.includes(value) ? { ...(value as JsonObject), primary: false } : value));
}

function isPrimary(value: unknown): boolean {
  return getProperty(value, 'primary') === true;
}
