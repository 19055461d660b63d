// A group PATCH as a plan rather than a new document: members are separate records, so a member change
// has to become "add these ids, remove those" instead of an edit of an array that may hold a whole
// directory. Handles the dialects of Okta (pathless rename with {id, displayName}; add and remove
// with `members[value eq "id"]`) and Entra ID ("Add"/"Remove" with path `members` and a value list).

import { parseAttributePath, type AttributePath } from '../attribute-path';
import { badRequest } from '../error';
import type { Filter } from '../filter/ast';
import { parsePathExpression } from '../filter/parser';
import { getProperty, isObject, isUnassigned, sameText } from '../json';
import { valuesOf } from '../resource-values';
import { resolvePath, GROUP_RESOURCE_TYPE } from '../schemas/resource-types';
import { eachOperation, type PatchOperation, type PatchOperationType } from './operation';

export interface GroupPatchPlan {
  displayName?: string;
  /** null when the operations removed the externalId. */
  externalId?: string | null;
  /** Ids to make members; with replaceMembers set, always empty (its list is the whole answer). */
  addMembers: string[];
  removeMembers: string[];
  /** The complete new member list, when an operation replaced or cleared the members. */
  replaceMembers?: string[];
  /** The `display` a client gave for member ids it added, for the membership records. */
  memberDisplays: Record<string, string>;
}

export function planGroupPatch(operations: readonly PatchOperation[], groupId: string): GroupPatchPlan {
  const plan = new PlanBuilder();
  eachOperation(operations, (operation) => {
    for (const step of stepsOf(operation)) applyStep(plan, step, groupId);
  });
  return plan.build();
}

interface Step {
  op: PatchOperationType;
  path: AttributePath;
  filter?: Filter;
  subAttribute?: string;
  value: unknown;
}

function stepsOf({ op, path, value }: PatchOperation): Step[] {
  if (path !== undefined) return [{ op, ...parsePathExpression(path), value }];
  if (op === 'remove') throw badRequest('noTarget', 'remove needs a "path", e.g. "members[value eq \\"<user id>\\"]"');
  if (!isObject(value)) {
    throw badRequest('invalidValue', 'without a "path", "value" must be an object such as {"displayName": "Sales"}');
  }
  return Object.entries(value).flatMap(([key, item]) => {
    const keyPath = parseAttributePath(key);
    return keyPath ? [{ op, path: keyPath, value: item }] : [];
  });
}

function applyStep(plan: PlanBuilder, step: Step, groupId: string): void {
  const target = resolvePath(GROUP_RESOURCE_TYPE, step.path);
  if (target?.kind !== 'attribute') return;
  if (target.attribute.name === 'members') return applyMembersStep(plan, step);
  if (step.filter || step.subAttribute !== undefined || target.subAttribute) {
    throw badRequest('invalidPath', 'group PATCH paths are displayName, externalId, members and members[value eq "<id>"]');
  }
  switch (target.attribute.name) {
    case 'displayName':
      if (step.op === 'remove') throw badRequest('mutability', '"displayName" is required; replace it instead of removing it');
      plan.displayName = requiredString(step.value, 'displayName');
      return;
    case 'externalId':
      plan.externalId = step.op === 'remove' || isUnassigned(step.value) ? null : requiredString(step.value, 'externalId');
      return;
    case 'id':
      if (step.op === 'remove' || step.value !== groupId) throw badRequest('mutability', '"id" is read-only; it comes from the URL');
      return;
    case 'schemas':
      return;
    default:
      throw badRequest('mutability', `"${target.attribute.name}" is read-only; leave it out of the request`);
  }
}

function applyMembersStep(plan: PlanBuilder, step: Step): void {
  if (step.filter || step.subAttribute !== undefined || step.path.subAttribute !== undefined) return plan.remove(selectedIds(step));
  if (step.op === 'remove') {
    return step.value === undefined ? plan.replace([]) : plan.remove(membersOf(step.value).map((member) => member.id));
  }
  return step.op === 'add' ? plan.add(membersOf(step.value)) : plan.replace(membersOf(step.value));
}

// Only remove selects members, and only by id: `members[value eq "a"]`, `members[value eq "a" or value eq "b"]`.
function selectedIds(step: Step): string[] {
  const plain = step.subAttribute === undefined && step.path.subAttribute === undefined;
  const ids = step.op === 'remove' && plain && step.filter ? idsSelectedBy(step.filter) : undefined;
  if (ids) return ids;
  throw badRequest('invalidPath', 'members can be selected only to remove them, by id: members[value eq "<id>"] (or several joined by or)');
}

function idsSelectedBy(filter: Filter): string[] | undefined {
  if (filter.op === 'or') {
    const left = idsSelectedBy(filter.left);
    const right = idsSelectedBy(filter.right);
    return left && right && [...left, ...right];
  }
  const selectsById = filter.op === 'eq' && sameText(filter.path.attribute, 'value') && typeof filter.value === 'string';
  return selectsById ? [filter.value as string] : undefined;
}

interface Member {
  id: string;
  display?: string;
}

/** Members from a value list of {"value": id} objects or bare id strings; anything else is a 400. */
function membersOf(value: unknown): Member[] {
  if (isUnassigned(value)) return [];
  return valuesOf(value).map((member) => {
    const id = typeof member === 'string' ? member : getProperty(member, 'value');
    if (typeof id !== 'string' || id.trim() === '') {
      throw badRequest('invalidValue', `members must be given as {"value": "<user id>"}, not ${JSON.stringify(member)}`);
    }
    // Microsoft's test collection names the member "displayName" and expects to read it back.
    const display = getProperty(member, 'display') ?? getProperty(member, 'displayName');
    return typeof display === 'string' ? { id, display } : { id };
  });
}

function requiredString(value: unknown, name: string): string {
  if (typeof value === 'string' && value.trim() !== '') return value;
  throw badRequest('invalidValue', `"${name}" must be a non-empty string, not ${JSON.stringify(value)}`);
}

/** Later operations win: adding an id cancels an earlier removal of it, and the other way round. */
class PlanBuilder {
  displayName?: string;
  externalId?: string | null;
  readonly memberDisplays: Record<string, string> = {};
  private readonly added = new Set<string>();
  private readonly removed = new Set<string>();
  private replaced?: Set<string>;

  add(members: Member[]): void {
    for (const { id, display } of members) {
      if (display !== undefined) this.memberDisplays[id] = display;
      if (this.replaced) this.replaced.add(id);
      else {
        this.removed.delete(id);
        this.added.add(id);
      }
    }
  }

  remove(ids: string[]): void {
    for (const id of ids) {
      if (this.replaced) this.replaced.delete(id);
      else {
        this.added.delete(id);
        this.removed.add(id);
      }
    }
  }

  replace(members: Member[]): void {
    this.added.clear();
    this.removed.clear();
    this.replaced = new Set();
    this.add(members);
  }

  build(): GroupPatchPlan {
    return {
      ...(this.displayName === undefined ? {} : { displayName: this.displayName }),
      ...(this.externalId === undefined ? {} : { externalId: this.externalId }),
      addMembers: [...this.added],
      removeMembers: [...this.removed],
      ...(this.replaced ? { replaceMembers: [...this.replaced] } : {}),
      memberDisplays: this.memberDisplays,
    };
  }
}
