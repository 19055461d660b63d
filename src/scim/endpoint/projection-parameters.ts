import { queryParameter, type WebTriggerRequest } from '../../entry/webtrigger';
import type { ProjectionRequest } from '../projection';

export function projectionParameters(request: WebTriggerRequest): ProjectionRequest {
  return {
    attributes: queryParameter(request, 'attributes'),
    excludedAttributes: queryParameter(request, 'excludedAttributes'),
  };
}
