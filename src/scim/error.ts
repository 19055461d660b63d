// The one error type of the SCIM layer (RFC 7644 §3.12). Everything a client did wrong becomes a SCIMError
// with a 4xx status, so that the endpoint never answers a client mistake with a 500.

export const ERROR_SCHEMA = 'urn:ietf:params:scim:api:messages:2.0:Error';

/** The scimType values RFC 7644 §3.12 defines (Table 9). */
export type ScimType =
  | 'invalidFilter'
  | 'tooMany'
  | 'uniqueness'
  | 'mutability'
  | 'invalidSyntax'
  | 'invalidPath'
  | 'noTarget'
  | 'invalidValue'
  | 'invalidVers'
  | 'sensitive';

export interface ScimErrorBody {
  schemas: [typeof ERROR_SCHEMA];
  /** The HTTP status as a string, as RFC 7644 §3.12 requires. */
  status: string;
  scimType?: ScimType;
  detail: string;
}

export class SCIMError extends Error {
  override readonly name = 'SCIMError';

  constructor(
    readonly status: number,
    readonly scimType: ScimType | undefined,
    readonly detail: string,
    options?: { cause?: unknown },
  ) {
    super(detail, options);
  }

  toBody(): ScimErrorBody {
    return {
      schemas: [ERROR_SCHEMA],
      status: String(this.status),
      ...(this.scimType === undefined ? {} : { scimType: this.scimType }),
      detail: this.detail,
    };
  }

  /** The same error with context put in front of its detail, e.g. which PATCH operation failed. */
  withContext(context: string): SCIMError {
    return new SCIMError(this.status, this.scimType, `${context}: ${this.detail}`, { cause: this });
  }
}

export function isSCIMError(error: unknown): error is SCIMError {
  return error instanceof SCIMError;
}

export function badRequest(scimType: ScimType, detail: string): SCIMError {
  return new SCIMError(400, scimType, detail);
}

export function unauthorized(detail: string): SCIMError {
  return new SCIMError(401, undefined, detail);
}

export function notFound(detail: string): SCIMError {
  return new SCIMError(404, undefined, detail);
}

/** 409 for a userName, externalId or displayName that another resource already has. */
export function uniquenessConflict(detail: string): SCIMError {
  return new SCIMError(409, 'uniqueness', detail);
}

/** 412 for an If-Match version that no longer matches. */
export function versionMismatch(detail: string): SCIMError {
  return new SCIMError(412, 'invalidVers', detail);
}
