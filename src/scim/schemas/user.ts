import { attribute, complex, multiValued, primaryAttribute, type SchemaDefinition } from './attribute';
import { ENTERPRISE_USER_SCHEMA_ID, type EnterpriseUser } from './enterprise-user';

export const USER_SCHEMA_ID = 'urn:ietf:params:scim:schemas:core:2.0:User';

/** RFC 7643 §4.1 and §8.7.1. */
export const USER_SCHEMA: SchemaDefinition = {
  id: USER_SCHEMA_ID,
  name: 'User',
  description: 'User Account',
  attributes: [
    attribute('userName', 'string', 'Unique identifier for the User, used to authenticate.', {
      required: true,
      uniqueness: 'server',
    }),
    complex('name', "The components of the user's real name.", [
      attribute('formatted', 'string', 'The full name, formatted for display.'),
      attribute('familyName', 'string', 'The family name (last name).'),
      attribute('givenName', 'string', 'The given name (first name).'),
      attribute('middleName', 'string', 'The middle name(s).'),
      attribute('honorificPrefix', 'string', 'The honorific prefix(es), e.g. "Ms.".'),
      attribute('honorificSuffix', 'string', 'The honorific suffix(es), e.g. "III".'),
    ]),
    attribute('displayName', 'string', 'The name of the User, suitable for display to end-users.'),
    attribute('nickName', 'string', 'The casual way to address the user.'),
    attribute('profileUrl', 'reference', "A URI of the User's online profile.", { referenceTypes: ['external'] }),
    attribute('title', 'string', 'The user\'s title, such as "Vice President".'),
    attribute('userType', 'string', 'The relationship between the organization and the user, e.g. "Employee".'),
    attribute('preferredLanguage', 'string', "The User's preferred written or spoken language (RFC 7231 language tag)."),
    attribute('locale', 'string', 'The User\'s default location for localizing content, e.g. "en-US".'),
    attribute('timezone', 'string', 'The User\'s time zone in IANA format, e.g. "America/Los_Angeles".'),
    attribute('active', 'boolean', "The User's administrative status."),
    attribute('password', 'string', "The User's cleartext password; accepted and never stored or returned.", {
      mutability: 'writeOnly',
      returned: 'never',
    }),
    multiValued('emails', 'Email addresses for the user.', { types: ['work', 'home', 'other'] }),
    multiValued('phoneNumbers', 'Phone numbers for the User.', {
      types: ['work', 'home', 'mobile', 'fax', 'pager', 'other'],
    }),
    multiValued('ims', 'Instant messaging addresses for the User.', {
      types: ['aim', 'gtalk', 'icq', 'xmpp', 'msn', 'skype', 'qq', 'yahoo'],
    }),
    multiValued('photos', 'URLs of images of the User.', {
      valueType: 'reference',
      referenceTypes: ['external'],
      types: ['photo', 'thumbnail'],
    }),
    complex(
      'addresses',
      'Physical mailing addresses for this User.',
      [
        attribute('formatted', 'string', 'The full mailing address, formatted for display.'),
        attribute('streetAddress', 'string', 'The full street address component.'),
        attribute('locality', 'string', 'The city or locality component.'),
        attribute('region', 'string', 'The state or region component.'),
        attribute('postalCode', 'string', 'The zip code or postal code component.'),
        attribute('country', 'string', 'The country name component (ISO 3166-1 alpha-2).'),
        attribute('type', 'string', 'A label indicating the kind of address.', { canonicalValues: ['work', 'home', 'other'] }),
        primaryAttribute(),
      ],
      { multiValued: true },
    ),
    complex(
      'groups',
      'The groups the user belongs to; managed through the Group resource.',
      [
        attribute('value', 'string', 'The identifier of the group.', { mutability: 'readOnly' }),
        attribute('$ref', 'reference', 'The URI of the group.', { mutability: 'readOnly', referenceTypes: ['User', 'Group'] }),
        attribute('display', 'string', 'The name of the group.', { mutability: 'readOnly' }),
        attribute('type', 'string', 'Whether membership is direct or indirect.', {
          mutability: 'readOnly',
          canonicalValues: ['direct', 'indirect'],
        }),
      ],
      { multiValued: true, mutability: 'readOnly' },
    ),
    multiValued('entitlements', 'Entitlements for the User.'),
    multiValued('roles', 'Roles for the User.'),
    multiValued('x509Certificates', 'X.509 certificates issued to the User.', { valueType: 'binary' }),
  ],
};

export interface MultiValue {
  value?: string;
  display?: string;
  type?: string;
  primary?: boolean;
}

export interface Name {
  formatted?: string;
  familyName?: string;
  givenName?: string;
  middleName?: string;
  honorificPrefix?: string;
  honorificSuffix?: string;
}

export interface Address {
  formatted?: string;
  streetAddress?: string;
  locality?: string;
  region?: string;
  postalCode?: string;
  country?: string;
  type?: string;
  primary?: boolean;
}

/** A User's writable data after normalisation: what a client may set, in canonical attribute names. */
export interface ScimUser {
  userName: string;
  externalId?: string;
  name?: Name;
  displayName?: string;
  nickName?: string;
  profileUrl?: string;
  title?: string;
  userType?: string;
  preferredLanguage?: string;
  locale?: string;
  timezone?: string;
  active?: boolean;
  emails?: MultiValue[];
  phoneNumbers?: MultiValue[];
  ims?: MultiValue[];
  photos?: MultiValue[];
  addresses?: Address[];
  entitlements?: MultiValue[];
  roles?: MultiValue[];
  x509Certificates?: MultiValue[];
  [ENTERPRISE_USER_SCHEMA_ID]?: EnterpriseUser;
}
