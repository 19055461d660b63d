import type { BundledModule } from './forge-webpack';

// What must never reach a Forge bundle (DESIGN.md, "Forge-only and local-only code never meet").
const LOCAL_ONLY: { pattern: RegExp; why: string }[] = [
  { pattern: /(^|\/)node_modules\/better-sqlite3\/|^external:better-sqlite3$/, why: 'SQLite is the local store' },
  { pattern: /(^|\/)node_modules\/playwright(-core)?\/|^external:playwright/, why: 'browser tests only' },
  { pattern: /^src\/local\//, why: 'the local runtime and its node HTTP server' },
  { pattern: /^src\/platform\/local\//, why: 'local implementations of the ports' },
  { pattern: /^src\/fakes\//, why: 'stand-ins for the outside world: sandbox site, fake IdPs, Forge SDK fakes' },
  { pattern: /^test\//, why: 'tests and their kit' },
];

export interface LocalOnlyHit {
  id: string;
  why: string;
  /** The import chain that reached it, entry last. */
  importedBy: string[];
}

export function localOnlyModules(modules: BundledModule[]): LocalOnlyHit[] {
  return modules.flatMap((module) => {
    const rule = LOCAL_ONLY.find(({ pattern }) => pattern.test(module.id));
    return rule ? [{ id: module.id, why: rule.why, importedBy: module.importedBy }] : [];
  });
}

export function describeHits(hits: LocalOnlyHit[]): string {
  return hits.map((hit) => `${hit.id} (${hit.why})\n    imported by ${hit.importedBy.join(' <- ')}`).join('\n');
}
