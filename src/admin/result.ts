import { z } from 'zod';
import type { AdminDeps, ResolverContext } from './admin-deps';

// One result shape for every resolver: the admin page never sees an exception, only data or an error that says
// what to change, with a message per field (named by its dotted path in the payload) where one is to blame.

export type ErrorCode = 'forbidden' | 'invalid' | 'notFound' | 'conflict' | 'failed';

export interface ResolverError {
  code: ErrorCode;
  message: string;
  /** Messages by dotted field path, e.g. `name`, `options.usernameRegex.pattern`, `secrets.siteToken`. */
  fields?: Record<string, string>;
}

export type ResolverResult<T> = { ok: true; data: T } | { ok: false; error: ResolverError };

/** A use case's refusal, turned into `{ ok: false, error }` by the resolver map. */
export class AdminError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly fields?: Record<string, string>,
  ) {
    super(message);
    this.name = 'AdminError';
  }
}

/**
 * A resolver's use case: validates its payload with `schema` (an AdminError naming the fields when it does not
 * fit), then runs. `Input` is a phantom type that lets the admin page type its payloads.
 */
export interface AdminOperation<Input, Data> {
  (deps: AdminDeps, payload: unknown, context: ResolverContext): Promise<Data>;
  readonly inputType?: Input;
}

export function operation<S extends z.ZodType, Data>(
  schema: S,
  run: (deps: AdminDeps, input: z.output<S>, context: ResolverContext) => Promise<Data>,
): AdminOperation<z.input<S>, Data> {
  return async (deps, payload, context) => {
    const parsed = schema.safeParse(payload ?? {});
    if (!parsed.success) throw invalid(zodIssues(parsed.error));
    return run(deps, parsed.data, context);
  };
}

export interface FieldIssue {
  path: string;
  message: string;
}

/** Field messages from a validation, under `prefix` (the payload field the validated value came in). */
export function invalid(issues: FieldIssue[], prefix = ''): AdminError {
  const fields = fieldMessages(issues, prefix);
  const count = Object.keys(fields).length;
  const message = count === 1 ? 'One field needs attention.' : `${count} fields need attention.`;
  return new AdminError('invalid', message, fields);
}

export const notFound = (what: string) => new AdminError('notFound', `${what} does not exist (any more): reload the page.`);

export const connectionIdSchema = z.string().regex(/^[a-z0-9]{8,32}$/, 'Choose a connection.');

function zodIssues(error: z.ZodError): FieldIssue[] {
  return error.issues.map((issue) => ({ path: issue.path.map(String).join('.'), message: issue.message }));
}

/** The first message for each field. */
function fieldMessages(issues: FieldIssue[], prefix: string): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const issue of issues) {
    const path = [prefix, issue.path].filter(Boolean).join('.');
    fields[path] ??= issue.message;
  }
  return fields;
}
