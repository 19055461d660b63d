// Jira Cloud's platform REST API spec, trimmed to what decides an operation's OAuth scopes: for each path and
// method, `x-atlassian-oauth2-scopes` (or the OAuth2 `security` entries where that is absent). It is an OpenAPI
// document still, which @forge/lint's permission linter reads in place of the full spec, and the scopes test maps
// every product call of the app through it. Regenerate with `npm run forge:spec -- <swagger-v3.v3.json or URL>`.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export const JIRA_SPEC = join(__dirname, '../../tools/forge/openapi/jira-platform.json');
export const EMPTY_SPEC = join(__dirname, '../../tools/forge/openapi/empty.json');

const METHODS = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options'] as const;
type Method = (typeof METHODS)[number];

interface ScopeEntry {
  scheme: string;
  state: string;
  scopes: string[];
}

interface Operation {
  'x-atlassian-oauth2-scopes'?: ScopeEntry[];
  security?: Record<string, string[]>[];
}

export interface ScopeSpec {
  info: { title: string; version: string };
  paths: Record<string, Partial<Record<Method, Operation>>>;
}

/** The trimmed document from a full OpenAPI spec, one path a line so that a regeneration diffs well. */
export function trimSpec(full: ScopeSpec): string {
  const lines = Object.keys(full.paths)
    .sort()
    .map((path) => {
      const operations: Partial<Record<Method, Operation>> = {};
      for (const method of METHODS) {
        const operation = full.paths[path][method];
        if (operation) operations[method] = scopesOf(operation);
      }
      return `  ${JSON.stringify(path)}: ${JSON.stringify(operations)}`;
    });
  const info = { title: full.info.title, version: full.info.version };
  return `{"info": ${JSON.stringify(info)},\n"paths": {\n${lines.join(',\n')}\n}}\n`;
}

function scopesOf(operation: Operation): Operation {
  const scopes = operation['x-atlassian-oauth2-scopes'];
  if (scopes) return { 'x-atlassian-oauth2-scopes': scopes };
  const oauth = (operation.security ?? []).filter((entry) => 'OAuth2' in entry);
  return oauth.length > 0 ? { security: oauth } : {};
}

export function readJiraSpec(): ScopeSpec {
  return JSON.parse(readFileSync(JIRA_SPEC, 'utf8')) as ScopeSpec;
}

export interface ScopeRequirement {
  /** The spec's path template, e.g. /rest/api/3/project/{projectIdOrKey}. */
  template: string;
  /** Scopes marked Current: what the manifest must hold (Beta granular scopes are the alternative). */
  current: string[];
}

/**
 * The spec operation a concrete call matches and its current scopes, matched as the linter matches
 * ({param} is one path segment), preferring a literal segment over a parameter.
 */
export function scopesFor(spec: ScopeSpec, method: string, path: string): ScopeRequirement | undefined {
  const wanted = path.replace(/\?.*$/, '').replace(/\/$/, '');
  const candidates = Object.keys(spec.paths)
    .filter((template) => templatePattern(template).test(wanted) && spec.paths[template][method.toLowerCase() as Method])
    .sort((a, b) => parameterCount(a) - parameterCount(b));
  const template = candidates[0];
  if (!template) return undefined;
  return { template, current: currentScopes(spec.paths[template][method.toLowerCase() as Method] ?? {}) };
}

function templatePattern(template: string): RegExp {
  const escaped = template.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{[^}]+\}/g, '[^/]+');
  return new RegExp(`^${escaped}/?$`);
}

function parameterCount(template: string): number {
  return (template.match(/\{/g) ?? []).length;
}

function currentScopes(operation: Operation): string[] {
  const declared = operation['x-atlassian-oauth2-scopes'];
  if (declared) return declared.filter((entry) => entry.state === 'Current').flatMap((entry) => entry.scopes);
  return (operation.security ?? []).flatMap((entry) => entry.OAuth2 ?? []);
}
