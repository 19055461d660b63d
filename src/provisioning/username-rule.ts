// The username regex rewrites the value an Atlassian account is found and created by, and Atlassian Cloud finds
// accounts by email: whatever the rule makes must still be an email address. The Data Center app's documented example, `(.*)@.*` →
// `$1` (a Data Center username), cannot work on Cloud; it is refused when saved, with the way out (`$1@corp.com`),
// and the preview marks every sample it would turn into something else.

import { applyRegexReplacement, previewRegex, type RegexPreviewRow, type RegexRule, type RuleProblem } from './safe-regex';

const MAX_EMAIL_LENGTH = 254;
const EMAIL_SHAPE = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** Usernames as IdPs send them, to try a rule on when it is saved. */
const TYPICAL_USERNAMES = ['jane.doe@corp.local', 'jane.doe@example.com', 'jane.doe', 'CORP\\jane.doe', 'jdoe@corp.com'];

export type UsernamePreviewRow = RegexPreviewRow | { sample: string; outcome: 'notAnEmail'; result: string; message: string };

export function isEmailAddress(value: string): boolean {
  return value.length <= MAX_EMAIL_LENGTH && EMAIL_SHAPE.test(value);
}

/**
 * Refuses a rule that turns every typical username it matches into something that is not an email. A rule that
 * matches none of them is left to the preview, which tries it on the directory's own usernames.
 */
export function usernameRuleProblem(rule: RegexRule): RuleProblem | undefined {
  const matched = TYPICAL_USERNAMES.flatMap((sample) => {
    const applied = applyRegexReplacement(rule, sample);
    return applied.outcome === 'match' ? [{ sample, result: applied.result }] : [];
  });
  if (matched.length === 0 || matched.some(({ result }) => isEmailAddress(result.trim().toLowerCase()))) return undefined;
  return { field: 'replacement', message: notAnEmailMessage(rule, matched[0].sample, matched[0].result) };
}

export function previewUsernameRule(rule: RegexRule, samples: string[]): UsernamePreviewRow[] {
  return previewRegex(rule, samples).map((row) =>
    row.outcome === 'error' || isEmailAddress(row.result.trim().toLowerCase())
      ? row
      : { sample: row.sample, outcome: 'notAnEmail', result: row.result, message: notAnEmailMessage(rule, row.sample, row.result) },
  );
}

function notAnEmailMessage(rule: RegexRule, sample: string, result: string): string {
  const wayOut = rule.replacement.includes('@')
    ? 'make the replacement produce name@domain'
    : `add your email domain, e.g. use "${rule.replacement}@corp.com"`;
  return `Atlassian Cloud finds and creates accounts by email, but this rule turns "${sample}" into "${result}", which is not an email address: ${wayOut}.`;
}
