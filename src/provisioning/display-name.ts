// The display name an account gets. Not every IdP sends displayName: Okta and miniOrange often send only
// name.givenName and name.familyName. So the name falls back
//   the admin's template, e.g. `{name.givenName} {name.familyName}`, while every attribute it names has a value
//   → the mapped display name attributes in order (displayName, name.formatted by default)
//   → "givenName familyName" (either alone when the other is missing)
//   → the email.

import { parseAttributePath, resolveAttribute, type IdpUser } from './attribute-path';

export const MAX_TEMPLATE_LENGTH = 200;

export type TemplatePart = { text: string } | { path: string };

export type TemplateResult = { ok: true; parts: TemplatePart[] } | { ok: false; error: string };

export interface DisplayNameMapping {
  displayName: string[];
  displayNameTemplate?: string;
}

const EXAMPLE = 'e.g. {name.givenName} {name.familyName}';

/** Text with attribute paths in braces; `{{` and `}}` stand for a brace. */
export function parseDisplayNameTemplate(template: string): TemplateResult {
  if (template.length > MAX_TEMPLATE_LENGTH) return { ok: false, error: `A template has at most ${MAX_TEMPLATE_LENGTH} characters.` };
  const parts: TemplatePart[] = [];
  let text = '';
  for (let index = 0; index < template.length; index += 1) {
    const char = template[index];
    if ((char === '{' || char === '}') && template[index + 1] === char) {
      text += char;
      index += 1;
    } else if (char === '}') {
      return { ok: false, error: `The } at position ${index + 1} closes nothing; write }} for a brace, ${EXAMPLE}.` };
    } else if (char === '{') {
      const close = template.indexOf('}', index);
      if (close < 0) return { ok: false, error: `The { at position ${index + 1} is not closed; ${EXAMPLE}.` };
      const path = template.slice(index + 1, close).trim();
      const parsed = parseAttributePath(path);
      if (!parsed.ok || path.includes('{')) return { ok: false, error: `{${path}}: ${parsed.ok ? 'braces do not nest.' : parsed.error}` };
      if (text) parts.push({ text });
      parts.push({ path });
      text = '';
      index = close;
    } else {
      text += char;
    }
  }
  if (text) parts.push({ text });
  if (!parts.some((part) => 'path' in part)) return { ok: false, error: `Name at least one attribute in braces, ${EXAMPLE}.` };
  return { ok: true, parts };
}

export function displayNameOf(user: IdpUser, mapping: DisplayNameMapping, email: string): string {
  return (
    fromTemplate(user, mapping.displayNameTemplate) ??
    firstOf(user, mapping.displayName) ??
    collapse([resolveAttribute(user, 'name.givenName'), resolveAttribute(user, 'name.familyName')].filter(Boolean).join(' ')) ??
    email
  );
}

function fromTemplate(user: IdpUser, template: string | undefined): string | undefined {
  if (!template) return undefined;
  const parsed = parseDisplayNameTemplate(template);
  if (!parsed.ok) throw new Error(`Unvalidated display name template reached the engine: ${parsed.error}`);
  const values = parsed.parts.map((part) => ('text' in part ? part.text : resolveAttribute(user, part.path)));
  return values.every((value) => value !== undefined) ? collapse(values.join('')) : undefined;
}

function firstOf(user: IdpUser, paths: string[]): string | undefined {
  for (const path of paths) {
    const value = resolveAttribute(user, path);
    if (value !== undefined) return value;
  }
  return undefined;
}

/** Runs of whitespace made one space; undefined when nothing is left. */
function collapse(text: string): string | undefined {
  return text.replace(/\s+/g, ' ').trim() || undefined;
}
