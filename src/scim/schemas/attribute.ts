// Attribute and schema definitions as data (RFC 7643 §2.2, §7). Discovery publishes them as they are;
// the zod normaliser, filters, PATCH, projection and sorting read their characteristics.

export type AttributeType = 'string' | 'boolean' | 'decimal' | 'integer' | 'dateTime' | 'reference' | 'binary' | 'complex';
export type Mutability = 'readOnly' | 'readWrite' | 'immutable' | 'writeOnly';
export type Returned = 'always' | 'never' | 'default' | 'request';
export type Uniqueness = 'none' | 'server' | 'global';

export interface AttributeDefinition {
  readonly name: string;
  readonly type: AttributeType;
  readonly multiValued: boolean;
  readonly description: string;
  readonly required: boolean;
  readonly caseExact: boolean;
  readonly mutability: Mutability;
  readonly returned: Returned;
  readonly uniqueness: Uniqueness;
  readonly canonicalValues?: readonly string[];
  readonly referenceTypes?: readonly string[];
  readonly subAttributes?: readonly AttributeDefinition[];
}

export interface SchemaDefinition {
  /** The schema URN. */
  readonly id: string;
  readonly name: string;
  readonly description: string;
  readonly attributes: readonly AttributeDefinition[];
}

type Characteristics = Partial<Omit<AttributeDefinition, 'name' | 'type' | 'description' | 'subAttributes'>>;

/** A simple attribute with the RFC 7643 §2.2 defaults unless `characteristics` says otherwise. */
export function attribute(
  name: string,
  type: Exclude<AttributeType, 'complex'>,
  description: string,
  characteristics: Characteristics = {},
): AttributeDefinition {
  return define(name, type, description, characteristics);
}

export function complex(
  name: string,
  description: string,
  subAttributes: readonly AttributeDefinition[],
  characteristics: Characteristics = {},
): AttributeDefinition {
  return { ...define(name, 'complex', description, characteristics), subAttributes };
}

function define(name: string, type: AttributeType, description: string, characteristics: Characteristics): AttributeDefinition {
  return {
    name,
    type,
    multiValued: false,
    description,
    required: false,
    caseExact: false,
    mutability: 'readWrite',
    returned: 'default',
    uniqueness: 'none',
    ...characteristics,
  };
}

/**
 * A multi-valued complex attribute with the sub-attributes RFC 7643 §2.4 gives every such attribute:
 * value, display, type and primary.
 */
export function multiValued(
  name: string,
  description: string,
  options: { valueType?: 'string' | 'reference' | 'binary'; types?: readonly string[]; referenceTypes?: readonly string[] } = {},
): AttributeDefinition {
  const { valueType = 'string', types, referenceTypes } = options;
  return complex(
    name,
    description,
    [
      attribute('value', valueType, `The value of ${name}.`, referenceTypes ? { referenceTypes } : {}),
      attribute('display', 'string', 'A human-readable name, primarily used for display purposes.'),
      attribute('type', 'string', `A label indicating the kind of ${name}.`, types ? { canonicalValues: types } : {}),
      primaryAttribute(),
    ],
    { multiValued: true },
  );
}

export function primaryAttribute(): AttributeDefinition {
  return attribute('primary', 'boolean', 'Whether this is the preferred value; at most one value is primary.');
}

export function findAttribute(attributes: readonly AttributeDefinition[] | undefined, name: string): AttributeDefinition | undefined {
  const wanted = name.toLowerCase();
  return attributes?.find((definition) => definition.name.toLowerCase() === wanted);
}
