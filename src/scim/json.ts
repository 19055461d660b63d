// Small helpers over parsed JSON. SCIM attribute names are case-insensitive (RFC 7643 §2.1), so every
// lookup by name goes through findKey.

export type JsonObject = Record<string, unknown>;

export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function getProperty(object: unknown, name: string): unknown {
  if (!isObject(object)) return undefined;
  const key = findKey(object, name);
  return key === undefined ? undefined : object[key];
}

/** Sets `name` on `object`, replacing any differently-cased key of the same name. */
export function setProperty(object: JsonObject, name: string, value: unknown): void {
  deleteProperty(object, name);
  object[name] = value;
}

export function deleteProperty(object: JsonObject, name: string): void {
  const key = findKey(object, name);
  if (key !== undefined) delete object[key];
}

export function sameText(a: string, b: string): boolean {
  return a.toLowerCase() === b.toLowerCase();
}

/**
 * RFC 7643 §2.5: null and an empty array are the same as leaving the attribute out; so is a complex
 * value with no sub-attributes, e.g. what is left of `name` when its last sub-attribute is removed.
 */
export function isUnassigned(value: unknown): boolean {
  if (value === undefined || value === null) return true;
  if (Array.isArray(value)) return value.length === 0;
  return isObject(value) && Object.keys(value).length === 0;
}

export function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a) && Array.isArray(b)) {
    return a.length === b.length && a.every((item, index) => deepEqual(item, b[index]));
  }
  if (isObject(a) && isObject(b)) {
    const keys = Object.keys(a);
    return keys.length === Object.keys(b).length && keys.every((key) => key in b && deepEqual(a[key], b[key]));
  }
  return false;
}

/** A deep copy of parsed JSON (no Dates, Maps or cycles), cheaper than a structuredClone round trip. */
export function cloneJson<T>(value: T): T {
  if (Array.isArray(value)) return value.map(cloneJson) as T;
  if (isObject(value)) {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, cloneJson(item)])) as T;
  }
  return value;
}

/** The key of `object` that equals `name` ignoring case, preferring an exact match. */
function findKey(object: JsonObject, name: string): string | undefined {
  if (Object.prototype.hasOwnProperty.call(object, name)) return name;
  const wanted = name.toLowerCase();
  return Object.keys(object).find((key) => key.toLowerCase() === wanted);
}
