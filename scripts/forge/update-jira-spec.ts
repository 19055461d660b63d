// `npm run forge:spec -- <file or URL>`: rewrites tools/forge/openapi/jira-platform.json from Jira Cloud's
// platform REST API spec (Atlassian publishes it at
// https://developer.atlassian.com/cloud/jira/platform/swagger-v3.v3.json).
import { readFileSync, writeFileSync } from 'node:fs';
import { JIRA_SPEC, trimSpec, type ScopeSpec } from './jira-spec';

const DEFAULT_SOURCE = 'https://developer.atlassian.com/cloud/jira/platform/swagger-v3.v3.json';

async function main(source = DEFAULT_SOURCE): Promise<void> {
  const text = /^https?:/.test(source) ? await (await fetch(source)).text() : readFileSync(source, 'utf8');
  const full = JSON.parse(text) as ScopeSpec;
  writeFileSync(JIRA_SPEC, trimSpec(full));
  console.log(`${JIRA_SPEC}: ${Object.keys(full.paths).length} paths from ${full.info.title} ${full.info.version}`);
}

main(process.argv[2]).catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
