// What the organizations and user management APIs share: the org API key, and the `{errors: [...]}` body.
import { bearerToken, type Caller, type SandboxConfig } from '../api';
import { json, type ApiError, type SandboxRequest } from '../http';
import type { SandboxState } from '../state';

const TITLES: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  409: 'Conflict',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

export function authenticateOrgKey(request: SandboxRequest, _state: SandboxState, config: SandboxConfig): Caller | undefined {
  return bearerToken(request) === config.orgKey ? { kind: 'orgKey' } : undefined;
}

export function adminErrorResponse(error: ApiError) {
  return json(error.status, {
    errors: [
      {
        id: `error-${error.status}`,
        code: error.code ?? `ADMIN-UAM-${error.status}-1`,
        status: String(error.status),
        title: TITLES[error.status] ?? 'Error',
        detail: error.message,
      },
    ],
  });
}
