import { z } from 'zod';
import type { Store } from '../platform/ports';
import { sharedKeys } from '../storage/keys';
import { SECRET_KINDS, type SecretKind } from './credentials';

// Atlassian's keys expire: a directory API key one year after it is created, an org API key and an API token on
// the date chosen when they were created. The app records when each was saved here and when it expires, so that
// the admin page can warn before the day instead of provisioning failing with 401 after it.

/** Directory API keys expire one year after creation; saving one here is taken as its creation. */
export const DIRECTORY_KEY_LIFETIME_DAYS = 365;
/** The admin page warns this many days ahead. */
export const EXPIRY_WARNING_DAYS = 30;
const DAY_MS = 86_400_000;

const keyDateSchema = z.object({
  savedAt: z.string(),
  /** YYYY-MM-DD, the last day the key works; entered by the admin, or a year from savedAt for a directory key. */
  expiresOn: z.string().optional(),
  /** Whether expiresOn was entered, or assumed (a directory key's year). */
  entered: z.boolean().default(false),
});
export type KeyDate = z.infer<typeof keyDateSchema>;
export type KeyDates = Partial<Record<SecretKind, KeyDate>>;
const keyDatesSchema = z.partialRecord(z.enum(SECRET_KINDS), keyDateSchema);

export const KEY_NOUNS: Record<SecretKind, string> = {
  directoryKey: 'directory API key',
  orgKey: 'organization API key',
  siteToken: "site admin's API token",
  bitbucketToken: 'Bitbucket API token',
};

export async function loadKeyDates(store: Store): Promise<KeyDates> {
  const item = await store.get(sharedKeys.atlassianKeyDates);
  const parsed = keyDatesSchema.safeParse(item?.value ?? {});
  return parsed.success ? parsed.data : {};
}

export async function saveKeyDates(store: Store, dates: KeyDates): Promise<void> {
  await store.set(sharedKeys.atlassianKeyDates, keyDatesSchema.parse(dates));
}

export interface KeyDateChanges {
  replaced: SecretKind[];
  cleared: SecretKind[];
  /** Entered expiry dates (YYYY-MM-DD), '' for "none entered". */
  expiresOn: Partial<Record<SecretKind, string>>;
}

/** The dates after a save: a replaced key starts its life now; an entered date replaces the assumed one. */
export function updatedKeyDates(current: KeyDates, changes: KeyDateChanges, now: number): KeyDates {
  const next: KeyDates = { ...current };
  for (const kind of SECRET_KINDS) {
    const entered = changes.expiresOn[kind];
    if (changes.cleared.includes(kind)) {
      delete next[kind];
    } else if (changes.replaced.includes(kind)) {
      next[kind] = dated(kind, new Date(now).toISOString(), entered);
    } else if (entered !== undefined && next[kind]) {
      next[kind] = dated(kind, next[kind].savedAt, entered);
    }
  }
  return next;
}

function dated(kind: SecretKind, savedAt: string, entered: string | undefined): KeyDate {
  if (entered) return { savedAt, expiresOn: entered, entered: true };
  if (kind !== 'directoryKey') return { savedAt, entered: false };
  const assumed = new Date(Date.parse(savedAt) + DIRECTORY_KEY_LIFETIME_DAYS * DAY_MS).toISOString().slice(0, 10);
  return { savedAt, expiresOn: assumed, entered: false };
}

export interface ExpiryNotice {
  kind: SecretKind;
  appearance: 'warning' | 'error';
  message: string;
}

/** Whole days from now to the end of `expiresOn` (UTC); 0 on its last day, negative once it has passed. */
export function daysLeft(expiresOn: string, now: number): number {
  return Math.floor((Date.parse(`${expiresOn}T00:00:00Z`) + DAY_MS - 1 - now) / DAY_MS);
}

/**
 * What the admin page says about the stored keys: each one expired or expiring within 30 days, and a stored
 * directory key whose date is unknown (saved before the app recorded dates).
 */
export function expiryNotices(dates: KeyDates, stored: SecretKind[], now: number): ExpiryNotice[] {
  const notices: ExpiryNotice[] = [];
  for (const kind of stored) {
    const noun = KEY_NOUNS[kind];
    const date = dates[kind];
    if (!date) {
      if (kind === 'directoryKey') {
        notices.push({
          kind,
          appearance: 'warning',
          message: `The ${noun} was saved before the app recorded key dates. Directory API keys expire one year after they are created: enter its expiry date (Atlassian Administration shows it beside the key).`,
        });
      }
      continue;
    }
    if (!date.expiresOn) continue;
    const left = daysLeft(date.expiresOn, now);
    const assumed = date.entered ? '' : ' (a year after it was saved here: directory API keys expire one year after they are created)';
    if (left < 0) {
      notices.push({
        kind,
        appearance: 'error',
        message: `The ${noun} expired on ${date.expiresOn}${assumed}. Atlassian refuses it (401), so nothing is provisioned through it: create a new one and save it here.`,
      });
    } else if (left < EXPIRY_WARNING_DAYS) {
      const when = left === 0 ? 'today' : `in ${left} day${left === 1 ? '' : 's'}`;
      notices.push({
        kind,
        appearance: 'warning',
        message: `The ${noun} expires on ${date.expiresOn}, ${when}${assumed}. Create a new one before then and save it here.`,
      });
    }
  }
  return notices;
}
