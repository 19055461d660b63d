import { attribute, complex, type AttributeDefinition } from './attribute';

// RFC 7643 §3.1: attributes every resource has, outside any schema (so /Schemas does not list them).
export const COMMON_ATTRIBUTES: readonly AttributeDefinition[] = [
  attribute('schemas', 'reference', 'The schema URNs this resource conforms to.', {
    multiValued: true,
    caseExact: true,
    mutability: 'readOnly',
    returned: 'always',
  }),
  attribute('id', 'string', 'A unique identifier for the resource, assigned by the service provider.', {
    caseExact: true,
    mutability: 'readOnly',
    returned: 'always',
    uniqueness: 'server',
  }),
  attribute('externalId', 'string', 'The identifier the provisioning client (the identity provider) gives the resource.', {
    caseExact: true,
  }),
  complex(
    'meta',
    'Resource metadata.',
    [
      attribute('resourceType', 'string', 'The name of the resource type.', { caseExact: true, mutability: 'readOnly' }),
      attribute('created', 'dateTime', 'When the resource was added to the service provider.', { mutability: 'readOnly' }),
      attribute('lastModified', 'dateTime', 'When the resource was last updated.', { mutability: 'readOnly' }),
      attribute('location', 'reference', 'The URI of the resource.', {
        caseExact: true,
        mutability: 'readOnly',
        referenceTypes: ['uri'],
      }),
      attribute('version', 'string', 'The version (ETag) of the resource.', { caseExact: true, mutability: 'readOnly' }),
    ],
    { mutability: 'readOnly', returned: 'always' },
  ),
];
