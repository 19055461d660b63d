import fc from 'fast-check';
import {
  desiredGroups,
  isProtectedGroup,
  mapIdpGroups,
  membershipChanges,
  releasedMemberships,
  type GroupOptions,
  type IdpGroupRef,
  type Memberships,
} from './group-mapping';
import { groupKey, groupKeys } from './group-names';
import { defaultOptions, validateOptions, type ProvisioningOptionsInput } from './options';

function options(input: ProvisioningOptionsInput = {}): GroupOptions {
  const result = validateOptions(input);
  if (!result.ok) throw new Error(JSON.stringify(result.issues));
  return result.options;
}

const group = (name: string, id = `id-${name}`): IdpGroupRef => ({ id, name });
const names = (groups: { name: string }[]) => groups.map((g) => g.name);

describe('mapIdpGroups', () => {
  it('on the fly: maps each IdP group to the Atlassian group of the same name, creatable (seed 003)', () => {
    expect(mapIdpGroups(options(), [group('developers'), group('qa')]).mapped).toEqual([
      { name: 'developers', sources: [group('developers')], creatable: true },
      { name: 'qa', sources: [group('qa')], creatable: true },
    ]);
  });

  it('on the fly: renames with the group regex and honours createMissing', () => {
    const renamed = options({ onTheFly: { createMissing: false, nameRegex: { pattern: '^okta-(.+)$', replacement: 'jira-$1' } } });
    expect(mapIdpGroups(renamed, [group('okta-devs'), group('qa')]).mapped).toEqual([
      { name: 'jira-devs', sources: [group('okta-devs')], creatable: false },
      { name: 'qa', sources: [group('qa')], creatable: false },
    ]);
  });

  it('refuses a rename that leaves no name', () => {
    const emptying = options({ onTheFly: { nameRegex: { pattern: '.*', replacement: '' } } });
    expect(mapIdpGroups(emptying, [group('devs')])).toEqual({
      mapped: [],
      refused: [{ idpGroup: 'devs', reason: "IdP group 'devs': the group name regex leaves an empty name." }],
      filtered: [],
    });
  });

  it('filters by include and exclude patterns (seed 000: "Group filter")', () => {
    const filtered = options({ groupImport: { filter: { include: ['^jira-', '^conf-'], exclude: ['-test$'] } } });
    const result = mapIdpGroups(
      filtered,
      ['jira-devs', 'JIRA-qa', 'conf-writers', 'jira-devs-test', 'hr'].map((n) => group(n)),
    );
    expect(names(result.mapped)).toEqual(['jira-devs', 'JIRA-qa', 'conf-writers']);
  });

  it('imports nothing when group import is off', () => {
    expect(mapIdpGroups(options({ groupImport: { enabled: false } }), [group('devs')]).mapped).toEqual([]);
  });

  it('manual: one IdP group to many Atlassian groups, matched by id or by name regardless of case', () => {
    const manual = options({
      groupMappingMode: 'manual',
      manual: {
        mappings: [
          { idpGroup: 'Engineering', atlassianGroups: ['jira-software-users', 'developers'] },
          { idpGroup: '00g1abc', atlassianGroups: ['confluence-users'] },
        ],
      },
    });
    const result = mapIdpGroups(manual, [group('engineering'), group('Writers', '00g1abc'), group('unmapped')]);
    expect(result.mapped).toEqual([
      { name: 'jira-software-users', sources: [group('engineering')], creatable: false },
      { name: 'developers', sources: [group('engineering')], creatable: false },
      { name: 'confluence-users', sources: [group('Writers', '00g1abc')], creatable: false },
    ]);
  });

  it('manual with importUnmapped: unmapped groups go on the fly', () => {
    const manual = options({
      groupMappingMode: 'manual',
      manual: { mappings: [{ idpGroup: 'eng', atlassianGroups: ['developers'] }], importUnmapped: true },
    });
    expect(mapIdpGroups(manual, [group('eng'), group('qa')]).mapped).toEqual([
      { name: 'developers', sources: [group('eng')], creatable: false },
      { name: 'qa', sources: [group('qa')], creatable: true },
    ]);
  });

  it('merges IdP groups that map to the same Atlassian group', () => {
    const manual = options({
      groupMappingMode: 'manual',
      manual: {
        mappings: [
          { idpGroup: 'eng', atlassianGroups: ['developers'] },
          { idpGroup: 'ops', atlassianGroups: ['Developers'] },
        ],
      },
    });
    expect(mapIdpGroups(manual, [group('eng'), group('ops')]).mapped).toEqual([
      { name: 'developers', sources: [group('eng'), group('ops')], creatable: false },
    ]);
  });
});

describe('desiredGroups', () => {
  const withDefaults = options({ defaultGroups: { newUsers: ['new-starters'], allUsers: ['jira-software-users'] } });

  it('adds the default groups for new users only when the app creates the account (seed 003)', () => {
    expect(names(desiredGroups(withDefaults, [group('devs')], true).groups)).toEqual(['devs', 'jira-software-users', 'new-starters']);
    expect(names(desiredGroups(withDefaults, [group('devs')], false).groups)).toEqual(['devs', 'jira-software-users']);
  });

  it('keeps only the default groups when the IdP did not say which groups the user is in', () => {
    expect(names(desiredGroups(withDefaults, undefined, false).groups)).toEqual(['jira-software-users']);
  });

  it('sets protected groups apart, whatever maps to them', () => {
    const result = desiredGroups(options(), [group('site-admins'), group('Jira-Admins-acme'), group('devs')], false);
    expect(names(result.groups)).toEqual(['devs']);
    expect(names(result.protectedGroups)).toEqual(['site-admins', 'Jira-Admins-acme']);
  });

  it('gives a reason for each group', () => {
    expect(desiredGroups(withDefaults, [group('devs')], true).groups).toEqual([
      { name: 'devs', reason: "member of IdP group 'devs'", creatable: true },
      { name: 'jira-software-users', reason: 'default group for all users', creatable: false },
      { name: 'new-starters', reason: 'default group for new users', creatable: false },
    ]);
  });
});

describe('membershipChanges: the keep options (seed 003 "keep the existing user groups" / "keep existing users")', () => {
  const memberships: Memberships = {
    current: ['devs', 'qa', 'hand-added', 'other-idp', 'site-admins'],
    addedByThis: ['devs', 'qa'],
    ownedByOthers: ['other-idp'],
  };
  const manualMappings = [{ idpGroup: 'eng', atlassianGroups: ['devs', 'hand-added'] }];

  it.each([
    ['on the fly, keepUnassertedMembers = true: nothing', { onTheFly: { keepUnassertedMembers: true } }, []],
    ['on the fly, keepUnassertedMembers = false: what this connection added', { onTheFly: { keepUnassertedMembers: false } }, ['qa']],
    [
      'manual, keepExistingMembers = true: what this connection added',
      { groupMappingMode: 'manual', manual: { mappings: manualMappings, keepExistingMembers: true } },
      ['qa'],
    ],
    [
      'manual, keepExistingMembers = false: also unowned members of mapped groups',
      { groupMappingMode: 'manual', manual: { mappings: manualMappings, keepExistingMembers: false } },
      ['qa', 'hand-added'],
    ],
    ['group import off: nothing', { groupImport: { enabled: false } }, []],
  ] as [string, ProvisioningOptionsInput, string[]][])('%s', (_name, input, removed) => {
    expect(membershipChanges(options(input), ['devs', 'new'], memberships)).toEqual({ add: ['new'], remove: removed, release: [] });
  });

  it('never removes default groups for being unasserted', () => {
    const defaults = options({ defaultGroups: { newUsers: ['new-starters'] } });
    expect(membershipChanges(defaults, [], { current: ['new-starters'], addedByThis: ['new-starters'], ownedByOthers: [] }).remove).toEqual([]);
  });

  it('compares group names regardless of case', () => {
    expect(membershipChanges(options(), ['DEVS'], { current: ['devs'], addedByThis: ['Devs'], ownedByOthers: [] })).toEqual({
      add: [],
      remove: [],
      release: [],
    });
  });

  it('claims a wanted membership another connection holds, and releases an unwanted one that another still holds', () => {
    const shared = { current: ['devs', 'qa'], addedByThis: ['qa'], ownedByOthers: ['devs', 'qa'] };
    expect(membershipChanges(options(), ['devs'], shared)).toEqual({ add: ['devs'], remove: [], release: ['qa'] });
  });
});

describe('releasedMemberships (disableAction removeFromManagedGroups)', () => {
  it('releases what this connection added, default groups included, even when keeping unasserted members', () => {
    const keep = options({ onTheFly: { keepUnassertedMembers: true }, defaultGroups: { allUsers: ['jira-software-users'] } });
    const memberships = {
      current: ['devs', 'jira-software-users', 'hand-added', 'other-idp', 'site-admins'],
      addedByThis: ['devs', 'jira-software-users', 'site-admins'],
      ownedByOthers: ['other-idp'],
    };
    expect(releasedMemberships(keep, memberships)).toEqual({ remove: ['devs', 'jira-software-users'], release: [] });
  });

  it('only releases the claim on a membership another connection holds too', () => {
    const memberships = { current: ['devs', 'qa'], addedByThis: ['devs', 'qa'], ownedByOthers: ['qa'] };
    expect(releasedMemberships(options(), memberships)).toEqual({ remove: ['devs'], release: ['qa'] });
  });
});

describe('membership properties', () => {
  const pool = [
    'devs',
    'DEVS',
    'qa',
    'eng',
    'jira-software-users',
    'new-starters',
    'site-admins',
    'Org-Admins',
    'jira-admins-acme',
    'atlassian-addons-admin',
    'hr-admins',
  ];
  const name = fc.constantFrom(...pool);
  const nameList = fc.array(name, { maxLength: 8 });

  /** Built without validation, so that protected groups can sit in mappings and default groups too. */
  const optionsArb: fc.Arbitrary<GroupOptions> = fc
    .record({
      mode: fc.constantFrom('onTheFly' as const, 'manual' as const),
      importEnabled: fc.boolean(),
      keepUnasserted: fc.boolean(),
      keepExisting: fc.boolean(),
      importUnmapped: fc.boolean(),
      mappings: fc.array(fc.record({ idpGroup: name, atlassianGroups: fc.array(name, { minLength: 1, maxLength: 3 }) }), { maxLength: 4 }),
      newUsers: nameList,
      allUsers: nameList,
      extraProtected: fc.array(fc.constantFrom('hr-admins', 'qa*'), { maxLength: 2 }),
    })
    .map((r) => {
      const base = defaultOptions();
      return {
        ...base,
        groupImport: { ...base.groupImport, enabled: r.importEnabled },
        groupMappingMode: r.mode,
        onTheFly: { ...base.onTheFly, keepUnassertedMembers: r.keepUnasserted },
        manual: { mappings: r.mappings, importUnmapped: r.importUnmapped, keepExistingMembers: r.keepExisting },
        defaultGroups: { newUsers: r.newUsers, allUsers: r.allUsers },
        protectedGroups: [...base.protectedGroups, ...r.extraProtected],
      };
    });
  const membershipsArb: fc.Arbitrary<Memberships> = fc.record({ current: nameList, addedByThis: nameList, ownedByOthers: nameList });
  const desiredArb = fc
    .tuple(
      optionsArb,
      fc.array(
        name.map((n) => group(n)),
        { maxLength: 6 },
      ),
      fc.boolean(),
    )
    .map(([opts, idpGroups, isNew]) => ({ opts, desired: names(desiredGroups(opts, idpGroups, isNew).groups) }));

  it('never adds to or removes from a protected group', () => {
    fc.assert(
      fc.property(desiredArb, membershipsArb, nameList, ({ opts, desired }, memberships, extraDesired) => {
        const { add, remove, release } = membershipChanges(opts, [...desired, ...extraDesired], memberships);
        const released = releasedMemberships(opts, memberships);
        for (const touched of [...add, ...remove, ...release, ...released.remove, ...released.release]) {
          expect(isProtectedGroup(opts, touched)).toBe(false);
        }
      }),
    );
  });

  it('never removes a membership another connection owns', () => {
    fc.assert(
      fc.property(desiredArb, membershipsArb, ({ opts, desired }, memberships) => {
        const others = groupKeys(memberships.ownedByOthers);
        const { remove } = membershipChanges(opts, desired, memberships);
        for (const removed of [...remove, ...releasedMemberships(opts, memberships).remove]) expect(others.has(groupKey(removed))).toBe(false);
      }),
    );
  });

  it('removes nothing when keeping unasserted members', () => {
    fc.assert(
      fc.property(desiredArb, membershipsArb, ({ opts, desired }, memberships) => {
        const keeping = { ...opts, groupMappingMode: 'onTheFly' as const, onTheFly: { ...opts.onTheFly, keepUnassertedMembers: true } };
        expect(membershipChanges(keeping, desired, memberships).remove).toEqual([]);
      }),
    );
  });

  it('adds only desired groups the user is not in or this connection holds no claim on, and removes only current, undesired ones this connection added or mirrors', () => {
    fc.assert(
      fc.property(desiredArb, membershipsArb, ({ opts, desired }, memberships) => {
        const { add, remove, release } = membershipChanges(opts, desired, memberships);
        const current = groupKeys(memberships.current);
        const wanted = groupKeys(desired);
        const added = groupKeys(memberships.addedByThis);
        const others = groupKeys(memberships.ownedByOthers);
        for (const a of add)
          expect(wanted.has(groupKey(a)) && (!current.has(groupKey(a)) || (others.has(groupKey(a)) && !added.has(groupKey(a))))).toBe(true);
        for (const r of release) expect(!wanted.has(groupKey(r)) && added.has(groupKey(r)) && others.has(groupKey(r))).toBe(true);
        for (const r of remove) {
          expect(current.has(groupKey(r)) && !wanted.has(groupKey(r))).toBe(true);
          const mirrors = opts.groupMappingMode === 'manual' && !opts.manual.keepExistingMembers;
          if (!mirrors) expect(added.has(groupKey(r))).toBe(true);
        }
      }),
    );
  });
});
