// What must never reach a Forge bundle: Forge-only and local-only code never meet.
const LOCAL_ONLY: { pattern: RegExp; why: string }[] = [
  { pattern: /(^|\/)node_modules\/better-sqlite3\//, why: 'SQLite is the local store' },
  { pattern: /(^|\/)node_modules\/playwright(-core)?\//, why: 'browser tests only' },
  { pattern: /^src\/local\//, why: 'the local runtime and its node HTTP server' },
  { pattern: /^src\/platform\/local\//, why: 'local implementations of the ports' },
  { pattern: /^src\/fakes\//, why: 'stand-ins for the outside world: sandbox site, fake IdPs, Forge SDK fakes' },
  { pattern: /^test\//, why: 'tests and their kit' },
];

/** "file (why)" for each local-only source among a bundle's sources. */
export function localOnlySources(sources: string[]): string[] {
  return sources.flatMap((source) => {
    const rule = LOCAL_ONLY.find(({ pattern }) => pattern.test(source));
    return rule ? [`${source} (${rule.why})`] : [];
  });
}
