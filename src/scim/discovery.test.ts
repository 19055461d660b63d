import {
  findResourceTypeDocument,
  findSchemaDocument,
  resourceTypeDocuments,
  schemaDocuments,
  serviceProviderConfig,
  type Capabilities,
} from './discovery';
import { scimFailure } from '../../test/kit/scim-errors';

const BASE = 'https://h/x1/t/c1/scim/v2/';
const capabilities: Capabilities = { patch: true, bulk: false, filter: { maxResults: 100 }, changePassword: false, sort: true, etag: true };

describe('serviceProviderConfig', () => {
  it('describes the capabilities and bearer-token authentication', () => {
    expect(serviceProviderConfig(capabilities, BASE)).toEqual({
      schemas: ['urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig'],
      patch: { supported: true },
      bulk: { supported: false, maxOperations: 0, maxPayloadSize: 0 },
      filter: { supported: true, maxResults: 100 },
      changePassword: { supported: false },
      sort: { supported: true },
      etag: { supported: true },
      authenticationSchemes: [
        {
          type: 'oauthbearertoken',
          name: 'OAuth Bearer Token',
          description: "The connection's SCIM token, sent as Authorization: Bearer <token>",
          specUri: 'https://www.rfc-editor.org/info/rfc6750',
          primary: true,
        },
      ],
      meta: { resourceType: 'ServiceProviderConfig', location: 'https://h/x1/t/c1/scim/v2/ServiceProviderConfig' },
    });
  });

  it('carries a documentation URI when given one', () => {
    expect(serviceProviderConfig({ ...capabilities, documentationUri: 'https://docs' }, BASE).documentationUri).toBe('https://docs');
  });
});

describe('resource types', () => {
  it("lists User first, with the enterprise extension, as Microsoft's collection expects", () => {
    const [user, group] = resourceTypeDocuments(BASE);
    expect(user).toEqual({
      schemas: ['urn:ietf:params:scim:schemas:core:2.0:ResourceType'],
      id: 'User',
      name: 'User',
      endpoint: '/Users',
      description: 'User Account',
      schema: 'urn:ietf:params:scim:schemas:core:2.0:User',
      schemaExtensions: [{ schema: 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User', required: false }],
      meta: { resourceType: 'ResourceType', location: 'https://h/x1/t/c1/scim/v2/ResourceTypes/User' },
    });
    expect(group).toMatchObject({ id: 'Group', endpoint: '/Groups', schemaExtensions: [] });
  });

  it('finds one by name in any case', () => {
    expect(findResourceTypeDocument('group', BASE).name).toBe('Group');
  });

  it('answers an unknown name with 404', () => {
    expect(scimFailure(() => findResourceTypeDocument('Device', BASE))).toEqual([
      404,
      undefined,
      'There is no resource type "Device"; the resource types are User and Group',
    ]);
  });
});

describe('schemas', () => {
  it('lists the User, EnterpriseUser and Group schemas with their attributes and locations', () => {
    const documents = schemaDocuments(BASE);
    expect(documents.map((schema) => [schema.name, schema.meta.location])).toEqual([
      ['User', 'https://h/x1/t/c1/scim/v2/Schemas/urn:ietf:params:scim:schemas:core:2.0:User'],
      ['EnterpriseUser', 'https://h/x1/t/c1/scim/v2/Schemas/urn:ietf:params:scim:schemas:extension:enterprise:2.0:User'],
      ['Group', 'https://h/x1/t/c1/scim/v2/Schemas/urn:ietf:params:scim:schemas:core:2.0:Group'],
    ]);
    expect(JSON.stringify(documents)).toContain('User Account');
  });

  it('publishes each attribute with its characteristics', () => {
    const user = findSchemaDocument('URN:IETF:PARAMS:SCIM:SCHEMAS:CORE:2.0:USER', BASE);
    expect(user.attributes.find((attribute) => attribute.name === 'userName')).toEqual({
      name: 'userName',
      type: 'string',
      multiValued: false,
      description: 'Unique identifier for the User, used to authenticate.',
      required: true,
      caseExact: false,
      mutability: 'readWrite',
      returned: 'default',
      uniqueness: 'server',
    });
    expect(user.attributes.find((attribute) => attribute.name === 'password')).toMatchObject({ mutability: 'writeOnly', returned: 'never' });
    expect(user.attributes.find((attribute) => attribute.name === 'emails')?.subAttributes?.map((sub) => sub.name)).toEqual([
      'value',
      'display',
      'type',
      'primary',
    ]);
  });

  it('answers an unknown URN with 404', () => {
    expect(scimFailure(() => findSchemaDocument('urn:example', BASE))[0]).toBe(404);
  });
});
