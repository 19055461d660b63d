// The PatchOp request message (RFC 7644 §3.5.2), read leniently: any case for key names and operation
// names (Entra ID sends "Replace"), "schemas" optional, an empty "path" the same as none.

import { badRequest, isSCIMError } from '../error';
import { getProperty, isObject, sameText } from '../json';

export const PATCH_OP_SCHEMA = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';

export type PatchOperationType = 'add' | 'replace' | 'remove';

export interface PatchOperation {
  op: PatchOperationType;
  path?: string;
  value?: unknown;
}

const OPERATION_TYPES: readonly PatchOperationType[] = ['add', 'replace', 'remove'];
const EXAMPLE = `{"schemas":["${PATCH_OP_SCHEMA}"],"Operations":[{"op":"replace","path":"active","value":false}]}`;

export function parsePatchRequest(body: unknown): PatchOperation[] {
  if (!isObject(body)) throw badRequest('invalidSyntax', `The body must be a PatchOp message, e.g. ${EXAMPLE}`);
  const schemas = getProperty(body, 'schemas');
  if (schemas !== undefined && !declaresPatchOp(schemas)) throw badRequest('invalidSyntax', `"schemas" must be ["${PATCH_OP_SCHEMA}"]`);
  const operations = getProperty(body, 'Operations');
  if (!Array.isArray(operations) || operations.length === 0) {
    throw badRequest('invalidSyntax', `"Operations" must be a non-empty list of operations, e.g. ${EXAMPLE}`);
  }
  return operations.map(parseOperation);
}

/** Runs `apply` on each operation in turn, naming the operation in any SCIMError it throws. */
export function eachOperation(operations: readonly PatchOperation[], apply: (operation: PatchOperation) => void): void {
  operations.forEach((operation, index) => {
    try {
      apply(operation);
    } catch (error) {
      if (!isSCIMError(error)) throw error;
      const path = operation.path === undefined ? 'without a path' : `"${operation.path}"`;
      throw error.withContext(`Operation ${index + 1} (${operation.op} ${path})`);
    }
  });
}

function declaresPatchOp(schemas: unknown): boolean {
  return Array.isArray(schemas) && schemas.some((urn) => typeof urn === 'string' && sameText(urn, PATCH_OP_SCHEMA));
}

function parseOperation(operation: unknown, index: number): PatchOperation {
  const where = `Operation ${index + 1}`;
  if (!isObject(operation)) throw badRequest('invalidSyntax', `${where} must be an object with "op", "path" and "value"`);
  const op = getProperty(operation, 'op');
  const type = typeof op === 'string' ? OPERATION_TYPES.find((name) => sameText(name, op)) : undefined;
  if (!type) throw badRequest('invalidSyntax', `${where}: "op" must be "add", "replace" or "remove", not ${JSON.stringify(op)}`);
  const path = getProperty(operation, 'path');
  if (path !== undefined && path !== null && typeof path !== 'string') {
    throw badRequest('invalidPath', `${where}: "path" must be a string such as "emails[type eq \\"work\\"].value"`);
  }
  const value = getProperty(operation, 'value');
  return {
    op: type,
    ...(typeof path === 'string' && path.trim() !== '' ? { path: path.trim() } : {}),
    ...(value === undefined ? {} : { value }),
  };
}
