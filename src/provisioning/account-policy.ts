// Who may manage an Atlassian account, and what state several connections asserting it add up to. Pure functions:
// the same registrations, records and options always give the same answer, whatever event arrived last.
//
// Ownership. A connection manages an account only if it created it, or the account's email is in one of the email
// domains the admin assigned to the connection (the Cloud counterpart of a verified domain bound to one IdP).
// Everything else is refused and logged, and the account is left alone.
//
// Account state. Among the connections entitled to an account, with the secure default ('any') the account is
// deactivated while any of them says inactive or deleted, and reactivated only when none does; with 'all' it is
// deactivated only when every connection that says anything says inactive or deleted. A record whose `active` is
// unassigned asserts nothing either way. The secure choice wins when connections' options disagree.
//
// Profile. The account's display name and custom attributes follow one connection, its primary: the creator, else
// the first linked connection by id; the others' differences are skipped with a reason, never fought over.

import type { AccountRegistration } from './account-registry';

export type ActiveAssertion = 'active' | 'inactive' | 'deleted' | 'none';
export type DeactivationPolicy = 'any' | 'all';

export interface ConnectionClaim {
  connectionId: string;
  assertion: ActiveAssertion;
  policy: DeactivationPolicy;
}

export type DesiredAccountState = { state: 'active' | 'inactive' | 'unchanged'; reason: string };

export type Entitlement = { entitled: true; via: 'created' | 'domain' } | { entitled: false; reason: string };

/** Whether `connectionId` may manage the account with this email. */
export function entitlement(registration: AccountRegistration, connectionId: string, email: string, linkDomains: string[]): Entitlement {
  if (registration.createdBy === connectionId) return { entitled: true, via: 'created' };
  const domain = email.slice(email.lastIndexOf('@') + 1).toLowerCase();
  if (email.includes('@') && linkDomains.some((assigned) => assigned.toLowerCase() === domain)) return { entitled: true, via: 'domain' };
  const owner = registration.createdBy ? 'another connection created it' : 'the app did not create it';
  return {
    entitled: false,
    reason: `the Atlassian account ${email} is not this connection's to manage: ${owner}, and ${domain} is not one of the email domains assigned to this connection`,
  };
}

/** The account state the entitled connections' assertions add up to. */
export function desiredAccountState(claims: ConnectionClaim[]): DesiredAccountState {
  const asserting = claims.filter((claim) => claim.assertion !== 'none');
  if (asserting.length === 0) return { state: 'unchanged', reason: 'no connection says whether the user is active' };
  const against = asserting.filter((claim) => claim.assertion !== 'active');
  const policy: DeactivationPolicy = claims.some((claim) => claim.policy === 'any') ? 'any' : 'all';
  const deactivate = policy === 'any' ? against.length > 0 : against.length === asserting.length;
  if (!deactivate) return { state: 'active', reason: activeReason(asserting.length, against.length) };
  return { state: 'inactive', reason: inactiveReason(claims.length, against, policy) };
}

/** The connection whose profile attributes the account follows. */
export function primaryConnection(registration: AccountRegistration): string | undefined {
  return registration.createdBy ?? Object.keys(registration.links).sort()[0];
}

function activeReason(asserting: number, against: number): string {
  if (asserting === 1) return 'the IdP reports the user active';
  return against === 0 ? 'every connection reports the user active' : 'not every connection reports the user inactive';
}

function inactiveReason(total: number, against: ConnectionClaim[], policy: DeactivationPolicy): string {
  const says = (claim: ConnectionClaim) => (claim.assertion === 'deleted' ? 'deleted' : 'inactive');
  if (total === 1) return against[0].assertion === 'deleted' ? 'the IdP deleted the user' : 'the IdP reports the user inactive';
  if (policy === 'all') return 'every connection reports the user inactive or deleted';
  return `connection ${against[0].connectionId} reports the user ${says(against[0])}; an account is deactivated while any connection does`;
}
