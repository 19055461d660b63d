import type { IdpAttributes } from './connector';

type Scalar = string | number | boolean;
const isScalar = (v: unknown): v is Scalar => typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean';

/**
 * Flattens an IdP resource into attribute paths for mapping: `name.givenName`, URN extension attributes as
 * `urn:...:User:department` (SCIM's notation), multi-valued attributes as their values (`phoneNumbers` → each `value`).
 */
export function attributeBag(resource: Record<string, unknown>, skip: ReadonlySet<string>): IdpAttributes {
  const bag: IdpAttributes = {};
  const visit = (path: string, value: unknown) => {
    if (isScalar(value)) {
      bag[path] = value;
    } else if (Array.isArray(value)) {
      const values = value
        .map((item) => (item && typeof item === 'object' ? (item as Record<string, unknown>).value : item))
        .filter(isScalar)
        .map(String);
      if (values.length) bag[path] = [...new Set(values)];
    } else if (value && typeof value === 'object') {
      for (const [key, inner] of Object.entries(value)) visit(`${path}.${key}`, inner);
    }
  };
  for (const [key, value] of Object.entries(resource)) {
    if (skip.has(key)) continue;
    if (key.startsWith('urn:') && value && typeof value === 'object' && !Array.isArray(value)) {
      for (const [inner, innerValue] of Object.entries(value)) visit(`${key}:${inner}`, innerValue);
    } else {
      visit(key, value);
    }
  }
  return bag;
}
