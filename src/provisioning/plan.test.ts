import fc from 'fast-check';
import type { DesiredUser } from './attribute-mapping';
import { desiredGroups, type IdpGroupRef } from './group-mapping';
import { groupKey } from './group-names';
import { PRODUCTS, targetProducts, validateOptions, type DisableAction, type ProvisioningOptions, type ProvisioningOptionsInput } from './options';
import { checkSafety, planGroupMembers, planUser, type CurrentAccount, type PlanAction, type UserCurrent, type UserDesired } from './plan';

function options(input: ProvisioningOptionsInput = {}): ProvisioningOptions {
  const result = validateOptions(input);
  if (!result.ok) throw new Error(JSON.stringify(result.issues));
  return result.options;
}

const jane: DesiredUser = { email: 'jane@corp.com', displayName: 'Jane Doe', active: true, customAttributes: {} };
const group = (name: string): IdpGroupRef => ({ id: `id-${name}`, name });

function account(changes: Partial<CurrentAccount> = {}): CurrentAccount {
  return {
    accountId: 'acc-jane',
    email: 'jane@corp.com',
    displayName: 'Jane Doe',
    suspended: false,
    products: ['jira'],
    customAttributes: {},
    memberships: { current: [], addedByThis: [], ownedByOthers: [] },
    ledProjects: [],
    ledComponents: [],
    ...changes,
  };
}

const types = (actions: PlanAction[]) => actions.map((action) => action.type);

describe('planUser: a user with no Atlassian account', () => {
  it('creates an active user with access to the target products (Data Center app: "Enable Import Users")', () => {
    const plan = planUser({ user: jane }, { existingGroups: [] }, options({ targets: { jira: true, confluence: true } }));
    expect(plan).toEqual({
      actions: [
        {
          type: 'createUser',
          email: 'jane@corp.com',
          displayName: 'Jane Doe',
          products: ['jira', 'confluence'],
          reason: 'active in the IdP, with no Atlassian account',
        },
      ],
      disablesUser: false,
    });
  });

  it('skips when importing users is off, or when the IdP reports the user inactive', () => {
    expect(planUser({ user: jane }, { existingGroups: [] }, options({ createUsers: false })).actions).toEqual([
      { type: 'skip', reason: 'no Atlassian account, and importing users is off' },
    ]);
    expect(types(planUser({ user: { ...jane, active: false } }, { existingGroups: [] }, options()).actions)).toEqual(['skip']);
  });

  it('puts the new user in its groups, creating missing on-the-fly groups, and sets its custom attributes', () => {
    const opts = options({ defaultGroups: { newUsers: ['new-starters'], allUsers: ['jira-software-users'] } });
    const user = { ...jane, customAttributes: { Department: 'Finance', Division: '' } };
    const plan = planUser({ user, idpGroups: [group('devs'), group('site-admins')] }, { existingGroups: ['jira-software-users'] }, opts);
    const newUser = { newUserEmail: 'jane@corp.com' };
    expect(plan.actions).toEqual([
      expect.objectContaining({ type: 'createUser' }),
      { type: 'skip', reason: "'site-admins' is a protected group; the app never changes its members" },
      { type: 'createGroup', group: 'devs', reason: "member of IdP group 'devs'" },
      { type: 'addMember', group: 'devs', user: newUser, reason: "member of IdP group 'devs'" },
      { type: 'addMember', group: 'jira-software-users', user: newUser, reason: 'default group for all users' },
      { type: 'skip', reason: "'new-starters' does not exist, and this connection may not create it (default group for new users)" },
      { type: 'setUserProperty', user: newUser, key: 'Department', value: 'Finance', reason: 'custom attribute Department from the IdP' },
    ]);
  });

  it("does not create missing groups when createMissing is off, nor a manual mapping's targets", () => {
    const noCreate = options({ onTheFly: { createMissing: false } });
    expect(types(planUser({ user: jane, idpGroups: [group('devs')] }, { existingGroups: [] }, noCreate).actions)).toEqual(['createUser', 'skip']);
    const manual = options({ groupMappingMode: 'manual', manual: { mappings: [{ idpGroup: 'eng', atlassianGroups: ['developers'] }] } });
    expect(types(planUser({ user: jane, idpGroups: [group('eng')] }, { existingGroups: [] }, manual).actions)).toEqual(['createUser', 'skip']);
  });
});

describe('planUser: profile (Data Center app: "Enable Update Users")', () => {
  const renamed = { ...jane, email: 'jane.doe@corp.com', displayName: 'Jane Q. Doe' };

  it('updates the display name, and says that an email cannot be changed', () => {
    expect(planUser({ user: renamed }, { account: account(), existingGroups: [] }, options()).actions).toEqual([
      {
        type: 'skip',
        reason: "the IdP has a different email; the app cannot change an Atlassian account's email: change it in Atlassian Administration",
      },
      { type: 'updateProfile', accountId: 'acc-jane', changes: { displayName: 'Jane Q. Doe' }, reason: 'the IdP has a different displayName' },
    ]);
  });

  it('says that the username regex, not the IdP, made the other email', () => {
    const rewritten = options({ usernameRegex: { pattern: '(.*)@corp.com', replacement: '$1@corp.example' } });
    expect(planUser({ user: { ...jane, email: 'jane@corp.example' } }, { account: account(), existingGroups: [] }, rewritten).actions).toEqual([
      {
        type: 'skip',
        reason:
          "the username regex turns the IdP’s value into an email that differs from the account’s; the app cannot change an Atlassian account's email: change it in Atlassian Administration, or correct the regex",
      },
    ]);
  });

  it('does not compare the email of an account whose email the site hides', () => {
    expect(planUser({ user: jane }, { account: account({ email: '' }), existingGroups: [] }, options()).actions).toEqual([]);
  });

  it('ignores the case of the stored email', () => {
    expect(planUser({ user: jane }, { account: account({ email: 'Jane@Corp.com' }), existingGroups: [] }, options()).actions).toEqual([]);
  });

  it('updates custom attributes, clearing one the IdP no longer sends', () => {
    const user = { ...jane, customAttributes: { Department: 'Sales', Division: '' } };
    const current = account({ customAttributes: { Department: 'Finance', Division: 'EMEA' } });
    expect(planUser({ user }, { account: current, existingGroups: [] }, options()).actions).toEqual([
      {
        type: 'setUserProperty',
        user: { accountId: 'acc-jane' },
        key: 'Department',
        value: 'Sales',
        reason: 'custom attribute Department from the IdP',
      },
      { type: 'setUserProperty', user: { accountId: 'acc-jane' }, key: 'Division', value: '', reason: 'custom attribute Division from the IdP' },
    ]);
  });

  it('skips, saying why, when updating users is off', () => {
    const user = { ...renamed, customAttributes: { Department: 'Sales' } };
    expect(planUser({ user }, { account: account(), existingGroups: [] }, options({ updateUsers: false })).actions).toEqual([
      { type: 'skip', reason: 'the IdP has a different email and displayName, and updating users is off' },
      { type: 'skip', reason: 'the IdP has different custom attributes (Department), and updating users is off' },
    ]);
  });
});

describe('planUser: enable users (Data Center app: "Enable Users")', () => {
  it('restores a suspended user, and says what to do about the product access it lacks', () => {
    const opts = options({ targets: { jira: true, confluence: true } });
    expect(planUser({ user: jane }, { account: account({ suspended: true }), existingGroups: [] }, opts).actions).toEqual([
      { type: 'restore', accountId: 'acc-jane', reason: 'the IdP reports the user active, but the account is suspended' },
      {
        type: 'skip',
        reason:
          'the IdP reports the user active, but the account lacks access to confluence; the app cannot grant product access: ' +
          'add the user to a product access group (a default group can do it) or invite them in Atlassian Administration',
      },
    ]);
  });

  it('skips when enabling users is off', () => {
    expect(
      types(planUser({ user: jane }, { account: account({ suspended: true }), existingGroups: [] }, options({ enableUsers: false })).actions),
    ).toEqual(['skip']);
  });
});

describe('planUser: disable users (Data Center app: "Disable Users")', () => {
  const inactive = { ...jane, active: false };

  it.each([
    ['suspend', {}, [{ type: 'suspend', accountId: 'acc-jane', reason: 'the IdP reports the user inactive' }]],
    [
      'removeProductAccess',
      {},
      [{ type: 'removeProductAccess', accountId: 'acc-jane', products: ['jira'], reason: 'the IdP reports the user inactive' }],
    ],
    [
      'removeFromManagedGroups',
      { memberships: { current: ['devs', 'hand-added', 'site-admins'], addedByThis: ['devs', 'site-admins'], ownedByOthers: [] } },
      [{ type: 'removeMember', group: 'devs', accountId: 'acc-jane', reason: 'the IdP reports the user inactive' }],
    ],
  ] as [DisableAction, Partial<CurrentAccount>, PlanAction[]][])('disableAction %s', (disableAction, current, expected) => {
    const plan = planUser({ user: inactive }, { account: account(current), existingGroups: [] }, options({ disableAction }));
    expect(plan).toEqual({ actions: expected, disablesUser: true });
  });

  it('does nothing for a user already disabled', () => {
    expect(planUser({ user: inactive }, { account: account({ suspended: true }), existingGroups: [] }, options())).toEqual({
      actions: [],
      disablesUser: false,
    });
    expect(
      planUser({ user: inactive }, { account: account({ products: [] }), existingGroups: [] }, options({ disableAction: 'removeProductAccess' }))
        .actions,
    ).toEqual([]);
  });

  it('says why an inactive user is not added to the groups the IdP puts it in', () => {
    const plan = planUser(
      { user: inactive, idpGroups: [group('devs'), group('ops')] },
      {
        account: account({ suspended: true, memberships: { current: ['ops'], addedByThis: ['ops'], ownedByOthers: [] } }),
        existingGroups: ['devs', 'ops'],
      },
      options(),
    );
    expect(plan.actions).toEqual([
      { type: 'skip', reason: "member of IdP group 'devs', but the IdP reports the user inactive: not adding the user to 'devs'" },
    ]);
  });

  it('skips when disabling users is off', () => {
    expect(planUser({ user: inactive }, { account: account(), existingGroups: [] }, options({ disableUsers: false }))).toEqual({
      actions: [{ type: 'skip', reason: 'the IdP reports the user inactive, and disabling users is off' }],
      disablesUser: false,
    });
  });

  it('hands projects and components to the default leads before suspending (as the Data Center app does)', () => {
    const opts = options({ defaultProjectLead: 'acc-lead', defaultComponentLead: 'acc-comp' });
    const plan = planUser({ user: inactive }, { account: account({ ledProjects: ['FIN'], ledComponents: ['10001'] }), existingGroups: [] }, opts);
    expect(types(plan.actions)).toEqual(['setProjectLead', 'setComponentLead', 'suspend']);
    expect(plan.actions[0]).toMatchObject({ projectKey: 'FIN', leadAccountId: 'acc-lead' });
    expect(plan.actions[1]).toMatchObject({ componentId: '10001', leadAccountId: 'acc-comp' });
  });

  it('keeps leads it has no one to hand to, and hands over again if an earlier run could not', () => {
    const opts = options({ defaultProjectLead: 'acc-jane' });
    const plan = planUser(
      { user: inactive },
      { account: account({ suspended: true, ledProjects: ['FIN'], ledComponents: ['10001'] }), existingGroups: [] },
      opts,
    );
    expect(plan).toEqual({
      actions: [
        { type: 'skip', reason: 'project FIN keeps its lead: the default project lead is the user being disabled' },
        { type: 'skip', reason: 'component 10001 keeps its inactive lead: no default component lead is set' },
      ],
      disablesUser: false,
    });
  });

  it('does not hand over leads when only removing the user from managed groups', () => {
    const opts = options({ disableAction: 'removeFromManagedGroups', defaultProjectLead: 'acc-lead' });
    expect(planUser({ user: inactive }, { account: account({ ledProjects: ['FIN'] }), existingGroups: [] }, opts).actions).toEqual([]);
  });
});

describe('planUser: group sync for an existing user', () => {
  it('adds asserted groups and removes those this connection added that the IdP dropped', () => {
    const current = account({ memberships: { current: ['old', 'hand-added'], addedByThis: ['old'], ownedByOthers: [] } });
    expect(planUser({ user: jane, idpGroups: [group('devs')] }, { account: current, existingGroups: ['devs'] }, options()).actions).toEqual([
      { type: 'addMember', group: 'devs', user: { accountId: 'acc-jane' }, reason: "member of IdP group 'devs'" },
      { type: 'removeMember', group: 'old', accountId: 'acc-jane', reason: "the IdP no longer puts the user in a group mapped to 'old'" },
    ]);
  });

  it('removes nothing when the IdP did not say which groups the user is in', () => {
    const current = account({ memberships: { current: ['old'], addedByThis: ['old'], ownedByOthers: [] } });
    expect(planUser({ user: jane }, { account: current, existingGroups: [] }, options()).actions).toEqual([]);
  });
});

describe('planGroupMembers (SCIM group push)', () => {
  const sources = [group('devs')];
  const current = (changes = {}) => ({ members: ['a', 'b', 'c'], addedByThis: ['b'], ownedByOthers: ['c'], createdByThis: false, ...changes });

  it('creates a missing on-the-fly group with its members', () => {
    expect(planGroupMembers('devs', { members: ['a', 'b'], sources, creatable: true }, undefined, options())).toEqual([
      { type: 'createGroup', group: 'devs', reason: "member of IdP group 'devs'" },
      { type: 'addMember', group: 'devs', user: { accountId: 'a' }, reason: "member of IdP group 'devs'" },
      { type: 'addMember', group: 'devs', user: { accountId: 'b' }, reason: "member of IdP group 'devs'" },
    ]);
  });

  it('skips a missing group it may not create', () => {
    expect(types(planGroupMembers('devs', { members: ['a'], sources, creatable: false }, undefined, options()))).toEqual(['skip']);
  });

  it('adds new members and removes only the unasserted ones this connection added', () => {
    expect(planGroupMembers('devs', { members: ['a', 'd'], sources, creatable: true }, current(), options())).toEqual([
      { type: 'addMember', group: 'devs', user: { accountId: 'd' }, reason: "member of IdP group 'devs'" },
      { type: 'removeMember', group: 'devs', accountId: 'b', reason: "no longer in an IdP group mapped to 'devs'" },
    ]);
  });

  it("with manual mapping and keepExistingMembers off, mirrors the IdP group but spares other connections' members", () => {
    const mirror = options({
      groupMappingMode: 'manual',
      manual: { mappings: [{ idpGroup: 'devs', atlassianGroups: ['developers'] }], keepExistingMembers: false },
    });
    expect(
      planGroupMembers('developers', { members: [], sources, creatable: false }, current(), mirror).map(
        (a) => a.type === 'removeMember' && a.accountId,
      ),
    ).toEqual(['a', 'b']);
  });

  it('deletes a group it created once no IdP group maps to it and no members are left', () => {
    expect(planGroupMembers('devs', undefined, current({ members: ['b'], ownedByOthers: [], createdByThis: true }), options())).toEqual([
      { type: 'removeMember', group: 'devs', accountId: 'b', reason: "no longer in an IdP group mapped to 'devs'" },
      { type: 'deleteGroup', group: 'devs', reason: 'this connection created it, no IdP group maps to it any more, and it has no members left' },
    ]);
    expect(types(planGroupMembers('devs', undefined, current({ createdByThis: true }), options()))).toEqual(['removeMember']);
  });

  it('leaves protected groups alone, and says so when the IdP asks for a change', () => {
    expect(planGroupMembers('site-admins', { members: ['a', 'x'], sources, creatable: true }, current(), options())).toEqual([
      { type: 'skip', reason: "'site-admins' is a protected group; the app never changes its members" },
    ]);
    expect(planGroupMembers('site-admins', undefined, current({ addedByThis: ['a', 'b', 'c'] }), options())).toEqual([]);
  });

  it('changes nothing when group import is off', () => {
    expect(planGroupMembers('devs', { members: ['z'], sources, creatable: true }, current(), options({ groupImport: { enabled: false } }))).toEqual(
      [],
    );
  });
});

describe('checkSafety', () => {
  const opts = options({ safety: { maxDisableShare: 0.1, minUsersForThreshold: 20 } });

  it.each([
    [0, 1000, { kind: 'ok' }],
    [100, 1000, { kind: 'ok' }],
    [101, 1000, { kind: 'needsConfirmation', share: 0.101, limit: 0.1 }],
    [19, 19, { kind: 'ok' }],
    [20, 20, { kind: 'needsConfirmation', share: 1, limit: 0.1 }],
  ])('%i of %i users', (disables, total, expected) => {
    expect(checkSafety(disables, total, opts)).toEqual(expected);
  });
});

describe('plan idempotence', () => {
  const pool = ['devs', 'qa', 'eng', 'jira-software-users', 'new-starters', 'site-admins', 'Ops'];
  const name = fc.constantFrom(...pool);
  const attributeNames = ['Department', 'Title'];

  const optionsArb = fc
    .record({
      targets: fc.record({ jira: fc.boolean(), confluence: fc.boolean(), bitbucketWorkspace: fc.option(fc.constant('acme'), { nil: undefined }) }),
      createUsers: fc.boolean(),
      updateUsers: fc.boolean(),
      enableUsers: fc.boolean(),
      disableUsers: fc.boolean(),
      disableAction: fc.constantFrom('suspend' as const, 'removeProductAccess' as const, 'removeFromManagedGroups' as const),
      groupMappingMode: fc.constantFrom('onTheFly' as const, 'manual' as const),
      onTheFly: fc.record({ createMissing: fc.boolean(), keepUnassertedMembers: fc.boolean() }),
      manual: fc.record({
        mappings: fc.uniqueArray(
          fc.record({
            idpGroup: name,
            atlassianGroups: fc.array(
              name.filter((n) => n !== 'site-admins'),
              { minLength: 1, maxLength: 2 },
            ),
          }),
          { selector: (m) => groupKey(m.idpGroup), maxLength: 3 },
        ),
        importUnmapped: fc.boolean(),
        keepExistingMembers: fc.boolean(),
      }),
      defaultGroups: fc.record({
        newUsers: fc.array(fc.constantFrom('new-starters', 'qa')),
        allUsers: fc.array(fc.constantFrom('jira-software-users', 'eng')),
      }),
      defaultProjectLead: fc.option(fc.constant('acc-lead'), { nil: undefined }),
      customAttributes: fc.subarray(attributeNames).map((names) => names.map((n) => ({ source: n.toLowerCase(), name: n }))),
    })
    .filter((input) => input.targets.jira || input.targets.confluence || input.targets.bitbucketWorkspace !== undefined)
    .map((input) => options(input));

  interface Scenario {
    opts: ProvisioningOptions;
    user: DesiredUser;
    idpGroups: IdpGroupRef[] | undefined;
    emailCase: boolean;
    ledProjects: string[];
  }

  const scenarioArb: fc.Arbitrary<Scenario> = optionsArb.chain((opts) =>
    fc.record({
      opts: fc.constant(opts),
      user: fc.record({
        email: fc.constantFrom('jane@corp.com', 'ann@corp.com'),
        displayName: fc.constantFrom('Jane', 'Ann B'),
        active: fc.boolean(),
        customAttributes: fc.record(
          Object.fromEntries(opts.customAttributes.map((a) => [a.name, fc.constantFrom('', 'Finance', 'Lead')])),
        ) as fc.Arbitrary<Record<string, string>>,
      }),
      idpGroups: fc.option(
        fc.uniqueArray(name, { selector: groupKey, maxLength: 4 }).map((names) => names.map(group)),
        { nil: undefined },
      ),
      emailCase: fc.boolean(),
      ledProjects: fc.array(fc.constantFrom('FIN', 'OPS'), { maxLength: 2 }),
    }),
  );

  /** An Atlassian side that already is what the IdP and the options ask for. */
  function matchingState(s: Scenario): UserCurrent {
    const groups = desiredGroups(s.opts, s.idpGroups, false);
    const memberOf = [...groups.groups, ...groups.protectedGroups].map((g) => g.name);
    const disabledBy = (action: ProvisioningOptions['disableAction']) => !s.user.active && s.opts.disableAction === action;
    return {
      existingGroups: memberOf,
      account: {
        accountId: 'acc-1',
        email: s.emailCase ? s.user.email.toUpperCase() : s.user.email,
        displayName: s.user.displayName,
        suspended: disabledBy('suspend'),
        products: disabledBy('removeProductAccess') ? [] : targetProducts(s.opts),
        customAttributes: Object.fromEntries(Object.entries(s.user.customAttributes).filter(([, value]) => value !== '')),
        memberships: s.user.active
          ? { current: memberOf, addedByThis: memberOf, ownedByOthers: [] }
          : { current: [], addedByThis: [], ownedByOthers: [] },
        ledProjects: s.user.active || disabledBy('removeFromManagedGroups') ? s.ledProjects : [],
        ledComponents: [],
      },
    };
  }

  it('plans nothing for a user whose account already matches (an inactive one: only skips saying why)', () => {
    fc.assert(
      fc.property(scenarioArb, (s) => {
        const plan = planUser({ user: s.user, idpGroups: s.idpGroups }, matchingState(s), s.opts);
        expect(plan.disablesUser).toBe(false);
        expect(types(plan.actions).filter((type) => s.user.active || type !== 'skip')).toEqual([]);
      }),
      { numRuns: 500 },
    );
  });

  it('plans nothing but skips after its own plan has been applied', () => {
    fc.assert(
      fc.property(scenarioArb, fc.boolean(), (s, exists) => {
        const desired: UserDesired = { user: s.user, idpGroups: s.idpGroups };
        const start: UserCurrent = exists
          ? {
              account: {
                ...matchingState(s).account!,
                suspended: s.user.active === true,
                displayName: 'Old',
                products: [...PRODUCTS],
                memberships: { current: ['devs', 'Ops', 'site-admins'], addedByThis: ['devs'], ownedByOthers: ['Ops'] },
              },
              existingGroups: ['devs'],
            }
          : { existingGroups: ['devs'] };
        const applied = apply(start, planUser(desired, start, s.opts).actions);
        expect(types(planUser(desired, applied, s.opts).actions).filter((type) => type !== 'skip')).toEqual([]);
      }),
      { numRuns: 500 },
    );
  });

  it('plans nothing for a group whose members already match', () => {
    fc.assert(
      fc.property(optionsArb, name, fc.uniqueArray(fc.constantFrom('a', 'b', 'c', 'd')), fc.boolean(), (opts, groupName, members, createdByThis) => {
        const current = { members, addedByThis: members, ownedByOthers: [], createdByThis };
        expect(planGroupMembers(groupName, { members, sources: [group(groupName)], creatable: true }, current, opts)).toEqual([]);
      }),
    );
  });
});

/** A model of the Atlassian side that applies plan actions, for the convergence property. */
function apply(state: UserCurrent, actions: PlanAction[]): UserCurrent {
  let account = state.account && { ...state.account, memberships: { ...state.account.memberships } };
  const existingGroups = [...state.existingGroups];
  const without = (list: string[], name: string) => list.filter((item) => groupKey(item) !== groupKey(name));
  for (const action of actions) {
    switch (action.type) {
      case 'createUser':
        account = {
          accountId: 'acc-new',
          email: action.email,
          displayName: action.displayName,
          suspended: false,
          products: action.products,
          customAttributes: {},
          memberships: { current: [], addedByThis: [], ownedByOthers: [] },
          ledProjects: [],
          ledComponents: [],
        };
        break;
      case 'updateProfile':
        account = { ...account!, ...action.changes };
        break;
      case 'suspend':
        account = { ...account!, suspended: true };
        break;
      case 'restore':
        account = { ...account!, suspended: false };
        break;
      case 'removeProductAccess':
        account = { ...account!, products: account!.products.filter((product) => !action.products.includes(product)) };
        break;
      case 'createGroup':
        existingGroups.push(action.group);
        break;
      case 'addMember': {
        const { current, addedByThis, ownedByOthers } = account!.memberships;
        account!.memberships = { current: [...current, action.group], addedByThis: [...addedByThis, action.group], ownedByOthers };
        break;
      }
      case 'removeMember': {
        const { current, addedByThis, ownedByOthers } = account!.memberships;
        account!.memberships = { current: without(current, action.group), addedByThis: without(addedByThis, action.group), ownedByOthers };
        break;
      }
      case 'releaseMember': {
        const { current, addedByThis, ownedByOthers } = account!.memberships;
        account!.memberships = { current, addedByThis: without(addedByThis, action.group), ownedByOthers };
        break;
      }
      case 'setUserProperty':
        account = { ...account!, customAttributes: { ...account!.customAttributes, [action.key]: action.value } };
        break;
      case 'setProjectLead':
        account = { ...account!, ledProjects: account!.ledProjects.filter((key) => key !== action.projectKey) };
        break;
      case 'setComponentLead':
        account = { ...account!, ledComponents: account!.ledComponents.filter((id) => id !== action.componentId) };
        break;
      case 'deleteGroup':
      case 'skip':
        break;
    }
  }
  return { account, existingGroups };
}
