// Turns an IdP user into the Atlassian account we want. Atlassian Cloud has no usernames: an account is found by
// email. So the email comes from the mapped email attributes, else from the mapped username attributes (the Data Center
// app's "username"), and the username regex rewrites it wherever it came from; display-name.ts says where the name comes from.

import { resolveAttribute, type IdpUser } from './attribute-path';
import { displayNameOf } from './display-name';
import type { ProvisioningOptions } from './options';
import { applyRegexReplacement } from './safe-regex';
import { isEmailAddress } from './username-rule';

export interface DesiredUser {
  /** Lower-cased, after the username regex. */
  email: string;
  displayName: string;
  /** Undefined when the IdP leaves `active` unassigned: no assertion, the account keeps its state. */
  active?: boolean;
  /** Every configured custom attribute by name; '' when the IdP sends no value (clears a stale one). */
  customAttributes: Record<string, string>;
}

export interface AttributeRefusal {
  reason: 'noEmail' | 'notAnEmail' | 'usernameRegexFailed';
  message: string;
}

export type DesiredUserResult = { ok: true; user: DesiredUser } | { ok: false; refusal: AttributeRefusal };

export type AttributeOptions = Pick<ProvisioningOptions, 'attributeMapping' | 'usernameRegex' | 'customAttributes'>;

export function desiredUser(idpUser: IdpUser, options: AttributeOptions): DesiredUserResult {
  const email = resolveEmail(idpUser, options);
  if (!email.ok) return email;
  return {
    ok: true,
    user: {
      email: email.value,
      displayName: displayNameOf(idpUser, options.attributeMapping, email.value),
      active: idpUser.active,
      customAttributes: Object.fromEntries(options.customAttributes.map(({ source, name }) => [name, resolveAttribute(idpUser, source) ?? ''])),
    },
  };
}

type EmailResult = { ok: true; value: string } | { ok: false; refusal: AttributeRefusal };

function resolveEmail(idpUser: IdpUser, options: AttributeOptions): EmailResult {
  const paths = [...options.attributeMapping.email, ...options.attributeMapping.username];
  const found = firstValue(idpUser, paths);
  if (!found) {
    return refuse('noEmail', `User ${idpUser.id} has no email at ${paths.join(', ')}; map another attribute.`);
  }
  let value = found.value;
  if (options.usernameRegex) {
    const rewritten = applyRegexReplacement(options.usernameRegex, value);
    if (rewritten.outcome === 'error') {
      const message = `User ${idpUser.id}: the username regex could not run on ${found.path}: ${rewritten.message}`;
      return refuse('usernameRegexFailed', message);
    }
    value = rewritten.result;
  }
  const email = value.trim().toLowerCase();
  if (!isEmailAddress(email)) {
    const after = options.usernameRegex ? ' after the username regex' : '';
    return refuse(
      'notAnEmail',
      `User ${idpUser.id}: ${found.path}${after} is not an email address. Atlassian Cloud finds accounts by email; ` +
        'map an attribute that holds one, or change the username regex.',
    );
  }
  return { ok: true, value: email };
}

function firstValue(idpUser: IdpUser, paths: string[]): { path: string; value: string } | undefined {
  for (const path of paths) {
    const value = resolveAttribute(idpUser, path);
    if (value !== undefined) return { path, value };
  }
  return undefined;
}

function refuse(reason: AttributeRefusal['reason'], message: string): { ok: false; refusal: AttributeRefusal } {
  return { ok: false, refusal: { reason, message } };
}
