import unhomoglyph from 'unhomoglyph';

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

/**
 * A protected-group entry is a group name, or a prefix followed by `*` (jira-admins* covers jira-admins-acme).
 * Both sides are compared as look-alikes (lookAlikeKey), so that `ѕite‐admins` cannot pass for a new group.
 */
export function matchesGroupPattern(pattern: string, name: string): boolean {
  const key = lookAlikeKey(name);
  const trimmed = pattern.trim();
  return trimmed.endsWith('*') ? key.startsWith(lookAlikeKey(trimmed.slice(0, -1))) : key === lookAlikeKey(trimmed);
}

/**
 * What a name looks like, for comparisons that must not be fooled: Unicode compatibility forms folded (NFKC:
 * full-width letters, ſ), invisible characters removed (default-ignorable code points: soft hyphen, zero-width
 * space, joiners), case folded, and every character mapped to the one it is confusable with (Unicode's
 * confusables, UTS #39: Cyrillic ѕ → s, dotless ı → i, ‐ → -, m → rn). Separators (spaces, hyphens, underscores,
 * dots) are left out too, so that `jira admins` and `jira_admins` count as `jira-admins`.
 */
export function lookAlikeKey(name: string): string {
  const visible = name
    .normalize('NFKC')
    .replace(/\p{Default_Ignorable_Code_Point}/gu, '')
    .toLowerCase();
  return unhomoglyph(visible)
    .toLowerCase()
    .replace(/[\s._-]/g, '');
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
