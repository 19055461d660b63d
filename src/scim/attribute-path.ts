// The attrPath of RFC 7644 §3.10: [URI ":"] ATTRNAME ["." subAttr], e.g. `userName`, `name.givenName`,
// `urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager.value`.

export interface AttributePath {
  /** The schema URN the path was qualified with, as written. */
  readonly schema?: string;
  readonly attribute: string;
  readonly subAttribute?: string;
}

// ATTRNAME = ALPHA *(nameChar); `$ref` is the one name RFC 7643 gives outside that grammar.
const ATTRIBUTE_NAME = /^(?:\$ref|[A-Za-z][\w-]*)$/;

/** The path `text` names, or undefined when it is not a well-formed attribute path. */
export function parseAttributePath(text: string): AttributePath | undefined {
  const qualified = text.slice(0, 4).toLowerCase() === 'urn:';
  const colon = qualified ? text.lastIndexOf(':') : -1;
  const names = text.slice(colon + 1).split('.');
  if (names.length > 2 || !names.every((name) => ATTRIBUTE_NAME.test(name))) return undefined;
  const [attribute, subAttribute] = names as [string, string | undefined];
  return {
    ...(qualified ? { schema: text.slice(0, colon) } : {}),
    attribute,
    ...(subAttribute === undefined ? {} : { subAttribute }),
  };
}

export function formatAttributePath(path: AttributePath): string {
  const qualified = path.schema === undefined ? path.attribute : `${path.schema}:${path.attribute}`;
  return path.subAttribute === undefined ? qualified : `${qualified}.${path.subAttribute}`;
}
