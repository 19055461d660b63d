import { patchOps } from '../kit/scim-client';
import { provisioningBed, type ProvisioningBed } from '../kit/provisioning-bed';

// Group import, on-the-fly and manual mapping, default and protected groups, against the sandbox site.

describe('group options', () => {
  let h: ProvisioningBed;

  beforeEach(async () => {
    h = await provisioningBed();
  });

  const removeMember = (groupId: string, userId: string) =>
    h.scim.patch(`/Groups/${groupId}`, patchOps({ op: 'remove', path: `members[value eq "${userId}"]` }));
  const addMember = (groupId: string, userId: string) =>
    h.scim.patch(`/Groups/${groupId}`, patchOps({ op: 'add', path: 'members', value: [{ value: userId }] }));
  const groupNames = () => h.snapshot().groups.map((g) => g.name);

  describe('group import filter', () => {
    it('imports only the groups an include pattern matches and no exclude pattern does', async () => {
      await h.setOptions({ groupImport: { filter: { include: ['^eng-'], exclude: ['contractors$'] } } });
      const ada = await h.createUser('ada@example.com');
      for (const name of ['eng-backend', 'eng-frontend', 'eng-contractors', 'sales']) await h.createGroup(name, [ada]);
      await h.runJobs();
      expect(groupNames()).toEqual(expect.arrayContaining(['eng-backend', 'eng-frontend']));
      expect(groupNames()).not.toContain('eng-contractors');
      expect(groupNames()).not.toContain('sales');
      expect(h.memberEmails('eng-backend')).toEqual(['ada@example.com']);
    });

    it('with group import off, no group is created and no membership changes', async () => {
      await h.setOptions({ groupImport: { enabled: false } });
      const ada = await h.createUser('ada@example.com');
      await h.createGroup('engineering', [ada]);
      const before = h.snapshot().groups.length;
      await h.runJobs();
      expect(h.snapshot().groups).toHaveLength(before);
      expect(h.account('ada@example.com')).toBeDefined();
    });
  });

  describe('on the fly', () => {
    it('renames with nameRegex: the IdP group idp-devs becomes the Atlassian group devs', async () => {
      await h.setOptions({ onTheFly: { nameRegex: { pattern: '^idp-(.*)$', replacement: '$1' } } });
      const ada = await h.createUser('ada@example.com');
      await h.createGroup('idp-devs', [ada]);
      await h.runJobs();
      expect(h.memberEmails('devs')).toEqual(['ada@example.com']);
      expect(groupNames()).not.toContain('idp-devs');
    });

    it('with createMissing off, adds members to existing groups only and says why for the others', async () => {
      h.sandbox.state.createGroup('devs');
      await h.setOptions({ onTheFly: { createMissing: false } });
      const ada = await h.createUser('ada@example.com');
      await h.createGroup('devs', [ada]);
      await h.createGroup('testers', [ada]);
      await h.runJobs();
      expect(h.memberEmails('devs')).toEqual(['ada@example.com']);
      expect(groupNames()).not.toContain('testers');
      const reasons = (await h.activity({ result: 'skipped' })).map((e) => e.reason);
      expect(reasons).toContain("'testers' does not exist, and this connection may not create it (member of IdP group 'testers')");
    });

    it('rename and createMissing off together: only the renamed group that exists is filled', async () => {
      h.sandbox.state.createGroup('devs');
      await h.setOptions({ onTheFly: { createMissing: false, nameRegex: { pattern: '^idp-(.*)$', replacement: '$1' } } });
      const ada = await h.createUser('ada@example.com');
      await h.createGroup('idp-devs', [ada]);
      await h.createGroup('idp-ops', [ada]);
      await h.runJobs();
      expect(h.memberEmails('devs')).toEqual(['ada@example.com']);
      expect(groupNames()).not.toContain('ops');
      expect(groupNames()).not.toContain('idp-ops');
    });

    it('keepUnassertedMembers off (the default): a member the IdP removes leaves the Atlassian group', async () => {
      const ada = await h.createUser('ada@example.com');
      const group = await h.createGroup('engineering', [ada]);
      await h.runJobs();
      await removeMember(group, ada);
      await h.runJobs();
      expect(h.memberEmails('engineering')).toEqual([]);
    });

    it('keepUnassertedMembers on: a member the IdP removes stays', async () => {
      await h.setOptions({ onTheFly: { keepUnassertedMembers: true } });
      const ada = await h.createUser('ada@example.com');
      const group = await h.createGroup('engineering', [ada]);
      await h.runJobs();
      await removeMember(group, ada);
      await h.runJobs();
      expect(h.memberEmails('engineering')).toEqual(['ada@example.com']);
    });

    it('never removes a member somebody else added to the group', async () => {
      const ada = await h.createUser('ada@example.com');
      const group = await h.createGroup('engineering', [ada]);
      await h.runJobs();
      h.sandbox.state.groupByName('engineering')!.members.add(h.sandbox.state.accountByEmail('bob@example.com')!.accountId);
      await removeMember(group, ada);
      await h.runJobs();
      expect(h.memberEmails('engineering')).toEqual(['bob@example.com']);
    });
  });

  describe('manual mapping', () => {
    const mapping = { idpGroup: 'Engineering', atlassianGroups: ['developers', 'jira-software-users'] };

    beforeEach(() => {
      h.sandbox.state.createGroup('developers');
    });

    it('maps one IdP group to two Atlassian groups, matching the IdP group by name regardless of case', async () => {
      await h.setOptions({ groupMappingMode: 'manual', manual: { mappings: [mapping] } });
      const ada = await h.createUser('ada@example.com');
      await h.createGroup('engineering', [ada]);
      await h.runJobs();
      expect(h.memberEmails('developers')).toEqual(['ada@example.com']);
      expect(h.memberEmails('jira-software-users')).toContain('ada@example.com');
      expect(groupNames()).not.toContain('engineering');
    });

    it('matches the IdP group by its id too, and never creates a mapped group that is missing', async () => {
      const ada = await h.createUser('ada@example.com');
      const group = await h.createGroup('engineering', [ada]);
      await h.setOptions({ groupMappingMode: 'manual', manual: { mappings: [{ idpGroup: group, atlassianGroups: ['developers', 'qa'] }] } });
      await h.runJobs();
      expect(h.memberEmails('developers')).toEqual(['ada@example.com']);
      expect(groupNames()).not.toContain('qa');
    });

    it('drops unmapped groups, or maps them on the fly with importUnmapped', async () => {
      await h.setOptions({ groupMappingMode: 'manual', manual: { mappings: [mapping] } });
      const ada = await h.createUser('ada@example.com');
      await h.createGroup('engineering', [ada]);
      await h.createGroup('book-club', [ada]);
      await h.runJobs();
      expect(groupNames()).not.toContain('book-club');

      await h.setOptions({ groupMappingMode: 'manual', manual: { mappings: [mapping], importUnmapped: true } });
      await h.createUser('bob@example.com');
      await h.scim.patch(`/Users/${ada}`, patchOps({ op: 'replace', path: 'title', value: 'Reader' }));
      await h.runJobs();
      expect(h.memberEmails('book-club')).toEqual(['ada@example.com']);
      expect(h.memberEmails('developers')).toEqual(['ada@example.com']);
    });

    it('keepExistingMembers on (the default): members the group had before stay', async () => {
      const bob = h.sandbox.state.accountByEmail('bob@example.com')!.accountId;
      h.sandbox.state.groupByName('developers')!.members.add(bob);
      await h.setOptions({ groupMappingMode: 'manual', manual: { mappings: [mapping] } });
      const ada = await h.createUser('ada@example.com');
      await h.createGroup('engineering', [ada]);
      await h.runJobs();
      expect(h.memberEmails('developers')).toEqual(['ada@example.com', 'bob@example.com']);
    });

    it("keepExistingMembers off: the mapped groups hold exactly the IdP group's members", async () => {
      const bob = h.sandbox.state.accountByEmail('bob@example.com')!.accountId;
      h.sandbox.state.groupByName('developers')!.members.add(bob);
      await h.setOptions({
        groupMappingMode: 'manual',
        manual: { mappings: [{ idpGroup: 'engineering', atlassianGroups: ['developers'] }], keepExistingMembers: false },
      });
      const ada = await h.createUser('ada@example.com');
      const carol = await h.createUser('carol@example.com');
      const group = await h.createGroup('engineering', [ada, carol]);
      await h.runJobs();
      expect(h.memberEmails('developers')).toEqual(['ada@example.com', 'carol@example.com']);

      await removeMember(group, carol);
      await h.runJobs();
      expect(h.memberEmails('developers')).toEqual(['ada@example.com']);
    });
  });

  describe('default groups', () => {
    beforeEach(async () => {
      h.sandbox.state.createGroup('everyone');
      h.sandbox.state.createGroup('new-starters');
      await h.setOptions({ defaultGroups: { newUsers: ['new-starters'], allUsers: ['everyone'] } });
    });

    it('puts an account the app creates in both, and an account that existed (linked within its domain) in allUsers only', async () => {
      await h.setOptions({ defaultGroups: { newUsers: ['new-starters'], allUsers: ['everyone'] }, ownership: { linkDomains: ['example.com'] } });
      const alice = h.sandbox.state.accountByEmail('alice@example.com')!;
      h.sandbox.state.createScimRecord(alice.accountId, alice.email);
      await h.createUser('ada@example.com');
      await h.createUser('alice@example.com');
      await h.runJobs();
      expect(h.memberEmails('everyone')).toEqual(['ada@example.com', 'alice@example.com']);
      expect(h.memberEmails('new-starters')).toEqual(['ada@example.com']);
    });

    it('keeps a user in the default groups when the IdP removes it from its other groups', async () => {
      const ada = await h.createUser('ada@example.com');
      const group = await h.createGroup('engineering', [ada]);
      await h.runJobs();
      await removeMember(group, ada);
      await h.runJobs();
      expect(h.memberEmails('everyone')).toEqual(['ada@example.com']);
      expect(h.memberEmails('new-starters')).toEqual(['ada@example.com']);
      expect(h.memberEmails('engineering')).toEqual([]);
    });
  });

  describe('protected groups', () => {
    it('never gain members, whether from an IdP group of the same name or a default group', async () => {
      h.sandbox.state.createGroup('finance-approvers');
      const options = { protectedGroups: ['finance-approvers'] };
      await h.setOptions(options);
      const ada = await h.createUser('ada@example.com');
      await h.createGroup('finance-approvers', [ada]);
      await h.createGroup('jira-admins-acme', [ada]);
      await h.runJobs();
      expect(h.memberEmails('finance-approvers')).toEqual([]);
      expect(groupNames()).not.toContain('jira-admins-acme');
      expect(h.memberEmails('jira-admins')).toEqual(['admin@example.com']);
      const reasons = (await h.activity({ result: 'skipped' })).map((e) => e.reason);
      expect(reasons).toContain("'finance-approvers' is a protected group; the app never changes its members");
    });

    it('never lose members, even one this connection added before the group was protected', async () => {
      const ada = await h.createUser('ada@example.com');
      const group = await h.createGroup('finance', [ada]);
      await h.runJobs();
      await h.setOptions({ protectedGroups: ['finance'], disableAction: 'removeFromManagedGroups' });
      await removeMember(group, ada);
      await h.runJobs();
      expect(h.memberEmails('finance')).toEqual(['ada@example.com']);
      await addMember(group, ada);
      await h.scim.patch(`/Users/${ada}`, patchOps({ op: 'replace', value: { active: false } }));
      await h.runJobs();
      expect(h.memberEmails('finance')).toEqual(['ada@example.com']);
    });

    it('are not fooled by look-alike names: homoglyphs, invisible characters, compatibility forms, older admin group names', async () => {
      const lookAlikes = [
        'site\u2010admins', // U+2010 hyphen
        '\u0455ite-admins', // Cyrillic dze
        '\u017fite-admins', // long s
        'j\u0131ra-admins', // dotless i
        'jira\u00ADadmins', // soft hyphen
        'site-ad\u200Bmins', // zero-width space
        '\uFF53ite-admins', // full-width s
        'site-adrnins', // rn for m
        'SITE_ADMINS',
        'jira-administrators',
        'confluence-administrators',
        'c\u043enfluence-admins-eu', // Cyrillic o, under the confluence-admins* prefix
      ];
      const ada = await h.createUser('ada@example.com');
      for (const name of lookAlikes) await h.createGroup(name, [ada]);
      await h.createGroup('site-admins-fans', [ada]);
      await h.runJobs();
      for (const name of lookAlikes) expect(h.memberEmails(name)).toBeUndefined();
      expect(h.memberEmails('site-admins')).not.toContain('ada@example.com');
      expect(h.memberEmails('site-admins-fans')).toEqual(['ada@example.com']);
      const skipped = (await h.activity({ result: 'skipped' })).map((e) => e.reason);
      for (const name of lookAlikes) expect(skipped).toContain(`'${name}' is a protected group; the app never changes its members`);
    });

    it('are refused as a default group or a manual mapping target when the options are saved', async () => {
      await expect(h.setOptions({ defaultGroups: { allUsers: ['site-admins'] } })).rejects.toThrow(/protected group/);
      await expect(h.setOptions({ defaultGroups: { allUsers: ['\u0455ite\u2010admins'] } })).rejects.toThrow(/protected group/);
      const mappings = [{ idpGroup: 'admins', atlassianGroups: ['org-admins'] }];
      await expect(h.setOptions({ groupMappingMode: 'manual', manual: { mappings } })).rejects.toThrow(/protected group/);
    });
  });
});
