// zod schemas generated from the attribute definitions, so that what a resource may hold is written down
// once. They normalise what identity providers send: attribute names in any case, "True"/"false" for
// booleans, null and [] for "not set", a bare id for a {value} object, one object for a one-element list,
// several primary values; unknown sub-attributes and attributes a client cannot set are dropped.

import { z } from 'zod';
import { badRequest } from '../error';
import { isObject, isUnassigned, type JsonObject } from '../json';
import { findAttribute, type AttributeDefinition, type SchemaDefinition } from './attribute';

/** Whether a client-supplied value of this attribute is kept: never readOnly ones, never a password. */
export function isStored(definition: AttributeDefinition): boolean {
  return definition.mutability !== 'readOnly' && definition.returned !== 'never';
}

/** A resource's writable data: top-level attributes, and each extension's attributes under its URN. */
export function dataSchema(attributes: readonly AttributeDefinition[], extensions: readonly SchemaDefinition[]): z.ZodType<unknown> {
  return z.object({
    ...shapeOf(attributes),
    ...Object.fromEntries(extensions.map((extension) => [extension.id, objectSchema(extension.attributes).optional()])),
  });
}

/** The schema of the attribute's value: a list for a multi-valued attribute. */
export function attributeSchema(definition: AttributeDefinition): z.ZodType<unknown> {
  return memoised(attributeSchemas, definition, () => {
    if (!definition.multiValued) return valueSchema(definition);
    const list = z.array(valueSchema(definition)).transform(keepOnePrimary);
    return z.preprocess((input) => (Array.isArray(input) ? input : [input]), list);
  });
}

/** The schema of one value of the attribute: one email rather than the list of them. */
export function valueSchema(definition: AttributeDefinition): z.ZodType<unknown> {
  return memoised(valueSchemas, definition, () => {
    switch (definition.type) {
      case 'boolean':
        return z.preprocess(booleanFromText, z.boolean());
      case 'integer':
        return z.number().int();
      case 'decimal':
        return z.number();
      case 'complex':
        return objectSchema(definition.subAttributes ?? []);
      default:
        return definition.required ? z.string().min(1) : z.string();
    }
  });
}

/** The value parsed with `schema`, or a 400 invalidValue naming the offending attribute. */
export function parseValue<T>(schema: z.ZodType<T>, value: unknown, path: readonly (string | number)[] = []): T {
  const result = schema.safeParse(value, { reportInput: true });
  if (result.success) return result.data;
  const [issue] = result.error.issues;
  throw badRequest('invalidValue', describeIssue(issue!, path));
}

function shapeOf(attributes: readonly AttributeDefinition[]): Record<string, z.ZodType<unknown>> {
  return Object.fromEntries(
    attributes.filter(isStored).map((definition) => {
      const schema = attributeSchema(definition);
      return [definition.name, definition.required ? schema : schema.optional()];
    }),
  );
}

// PATCH validates each value it applies; definitions are constants, so their schemas are built once.
const attributeSchemas = new WeakMap<AttributeDefinition, z.ZodType<unknown>>();
const valueSchemas = new WeakMap<AttributeDefinition, z.ZodType<unknown>>();

function memoised(
  cache: WeakMap<AttributeDefinition, z.ZodType<unknown>>,
  definition: AttributeDefinition,
  build: () => z.ZodType<unknown>,
): z.ZodType<unknown> {
  const cached = cache.get(definition);
  if (cached) return cached;
  const schema = build();
  cache.set(definition, schema);
  return schema;
}

function objectSchema(attributes: readonly AttributeDefinition[]): z.ZodType<unknown> {
  return z.preprocess((input) => canonicalObject(input, attributes), z.object(shapeOf(attributes)));
}

/** `input` with its keys renamed to the defined attributes' names and everything not stored left out. */
function canonicalObject(input: unknown, attributes: readonly AttributeDefinition[]): unknown {
  if (typeof input === 'string' && findAttribute(attributes, 'value')) return { value: input };
  if (!isObject(input)) return input;
  const result: JsonObject = {};
  for (const [key, value] of Object.entries(input)) {
    const definition = findAttribute(attributes, key);
    if (definition && isStored(definition) && !isUnassigned(value)) result[definition.name] = value;
  }
  return result;
}

// Entra ID sends booleans as "True" and "False".
function booleanFromText(input: unknown): unknown {
  if (typeof input !== 'string') return input;
  const text = input.trim().toLowerCase();
  return text === 'true' ? true : text === 'false' ? false : input;
}

// RFC 7643 §2.4: "primary" is true for at most one value; the first one a client marked wins.
function keepOnePrimary(values: unknown[]): unknown[] {
  let seen = false;
  return values.map((value) => {
    if (!isObject(value) || value['primary'] !== true) return value;
    if (!seen) {
      seen = true;
      return value;
    }
    return { ...value, primary: false };
  });
}

function describeIssue(issue: z.core.$ZodIssue, prefix: readonly (string | number)[]): string {
  const where = `"${formatPath([...prefix, ...issue.path])}"`;
  if (issue.code === 'invalid_type') {
    const expected = EXPECTED_TEXT[issue.expected] ?? issue.expected;
    return issue.input === undefined
      ? `${where} is required; send it as ${expected}`
      : `${where} must be ${expected}, not ${describeInput(issue.input)}`;
  }
  if (issue.code === 'too_small') return `${where} must not be empty`;
  return `${where} is not valid: ${issue.message}`;
}

const EXPECTED_TEXT: Record<string, string> = {
  boolean: 'true or false',
  string: 'a string',
  number: 'a number',
  int: 'a whole number',
  object: 'an object',
  array: 'a list',
};

function describeInput(input: unknown): string {
  const text = JSON.stringify(input) ?? String(input);
  return text.length > 40 ? `${text.slice(0, 40)}...` : text;
}

function formatPath(path: readonly PropertyKey[]): string {
  return path.reduce<string>((text, segment, index) => {
    if (typeof segment === 'number') return `${text}[${segment}]`;
    if (index === 0) return String(segment);
    return `${text}${text.startsWith('urn:') && index === 1 ? ':' : '.'}${String(segment)}`;
  }, '');
}
