// Atlassian group names are unique regardless of case and surrounding spaces, so every comparison of group names
// in the engine goes through groupKey.

export function groupKey(name: string): string {
  return name.trim().toLowerCase();
}

export function groupKeys(names: Iterable<string>): Set<string> {
  const keys = new Set<string>();
  for (const name of names) keys.add(groupKey(name));
  return keys;
}

/** A protected-group entry is a group name, or a prefix followed by `*` (jira-admins* covers jira-admins-acme). */
export function matchesGroupPattern(pattern: string, name: string): boolean {
  const key = groupKey(name);
  const patternKey = groupKey(pattern);
  return patternKey.endsWith('*') ? key.startsWith(patternKey.slice(0, -1)) : key === patternKey;
}

/** The names, each group once (first spelling wins), in their original order. */
export function uniqueGroupNames(names: Iterable<string>): string[] {
  const seen = new Set<string>();
  const unique: string[] = [];
  for (const name of names) {
    const key = groupKey(name);
    if (seen.has(key)) continue;
    seen.add(key);
    unique.push(name.trim());
  }
  return unique;
}
