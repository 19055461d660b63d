import { attribute, complex, type SchemaDefinition } from './attribute';

export const GROUP_SCHEMA_ID = 'urn:ietf:params:scim:schemas:core:2.0:Group';

/** RFC 7643 §4.2 and §8.7.1, plus members.display, which Okta sends and reads back. */
export const GROUP_SCHEMA: SchemaDefinition = {
  id: GROUP_SCHEMA_ID,
  name: 'Group',
  description: 'Group',
  attributes: [
    attribute('displayName', 'string', 'A human-readable name for the Group.', { required: true }),
    complex(
      'members',
      'A list of members of the Group.',
      [
        attribute('value', 'string', 'Identifier of the member of this Group.', {
          caseExact: true,
          mutability: 'immutable',
          required: true,
        }),
        attribute('$ref', 'reference', 'The URI of the member resource.', {
          mutability: 'immutable',
          referenceTypes: ['User', 'Group'],
        }),
        attribute('display', 'string', 'A human-readable name of the member.', { mutability: 'immutable' }),
        attribute('type', 'string', 'The type of the member.', { mutability: 'immutable', canonicalValues: ['User', 'Group'] }),
      ],
      { multiValued: true },
    ),
  ],
};

export interface GroupMember {
  value: string;
  display?: string;
  type?: string;
  $ref?: string;
}

/** A Group's writable data after normalisation. Members are stored as separate records by the caller. */
export interface ScimGroup {
  displayName: string;
  externalId?: string;
  members?: GroupMember[];
}
