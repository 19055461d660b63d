import type { DirectoryContext } from '../directory/directory-context';
import { isDirectoryId } from '../storage/keys';
import type { WebTriggerRequest } from '../platform/webtrigger';
import { SCIMError, notFound } from '../scim/error';
import { discoveryOperation } from './discovery-handlers';
import { groupOperation } from './group-handlers';
import { failing, type ScimOperation } from './scim-operation';
import type { ScimRoute } from './route';
import { searchOperation } from './search-handler';
import { userOperation } from './user-handlers';

export function resourceHandler(route: ScimRoute, method: string, request: WebTriggerRequest, ctx: DirectoryContext): ScimOperation {
  if (route.search) return searchOperation(route, method, request, ctx);
  if (route.extra !== undefined) return failing(notFound(`No SCIM endpoint at .../${route.resource}/${route.id}/${route.extra}.`));
  if ((route.resource === 'Users' || route.resource === 'Groups') && route.id !== undefined && !isDirectoryId(route.id)) {
    return failing(notFound(`No ${route.resource === 'Users' ? 'user' : 'group'} has this id: ids are lower-case letters and digits.`));
  }
  switch (route.resource) {
    case 'Users':
      return userOperation(route, method, request, ctx);
    case 'Groups':
      return groupOperation(route, method, request, ctx);
    case 'ServiceProviderConfig':
    case 'ResourceTypes':
    case 'Schemas':
      return discoveryOperation(route.resource, route.id, method);
    case 'Me':
      return failing(new SCIMError(501, undefined, '/Me is not supported: this server has no notion of the calling user. Use /Users/{id}.'));
    case 'Bulk':
      return failing(
        new SCIMError(501, undefined, '/Bulk is not supported (bulk.supported is false in /ServiceProviderConfig); send one request per resource.'),
      );
    default:
      return failing(
        notFound(
          route.unknown
            ? `No SCIM resource "${route.unknown}". Use /Users, /Groups, /ServiceProviderConfig, /ResourceTypes or /Schemas.`
            : 'This is the SCIM base URL; add /Users, /Groups, /ServiceProviderConfig, /ResourceTypes or /Schemas.',
        ),
      );
  }
}
