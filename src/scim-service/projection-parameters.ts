import { queryParameter, type WebTriggerRequest } from '../platform/webtrigger';
import type { ProjectionRequest } from '../scim/projection';

export function projectionParameters(request: WebTriggerRequest): ProjectionRequest {
  return {
    attributes: queryParameter(request, 'attributes'),
    excludedAttributes: queryParameter(request, 'excludedAttributes'),
  };
}
