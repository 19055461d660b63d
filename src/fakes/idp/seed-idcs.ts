import type { FakeIdcsGroupSeed, FakeIdcsUserSeed } from './idcs-fake-model';

/** IDCS-shaped ids (32 hex chars), distinct per kind and index. */
export function idcsId(kind: 'user' | 'group', index: number): string {
  return `${kind === 'user' ? 'a' : 'b'}${index.toString(16).padStart(31, '0')}`;
}

/**
 * A deterministic directory: users user0..user{n-1}@example.com and groups group-0..group-{m-1}, where group j
 * holds `membersPerGroup` consecutive users starting at user j (wrapping around).
 */
export function seedIdcs(userCount: number, groupCount: number, membersPerGroup: number): { users: FakeIdcsUserSeed[]; groups: FakeIdcsGroupSeed[] } {
  const users = Array.from({ length: userCount }, (_, i): FakeIdcsUserSeed => ({
    id: idcsId('user', i),
    userName: `user${i}@example.com`,
    givenName: `Given${i}`,
    familyName: `Family${i}`,
    displayName: `Given${i} Family${i}`,
    email: `user${i}@example.com`,
  }));
  const groups = Array.from({ length: groupCount }, (_, j): FakeIdcsGroupSeed => ({
    id: idcsId('group', j),
    displayName: `group-${j}`,
    members: Array.from({ length: Math.min(membersPerGroup, userCount) }, (_, t) => idcsId('user', (j + t) % userCount)),
  }));
  return { users, groups };
}
