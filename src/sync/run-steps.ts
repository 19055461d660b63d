import { usersStep, groupsStep } from './listing-steps';
import { membersStep } from './members-step';
import { removeStep, scanGroupsStep, scanUsersStep } from './reconcile-steps';
import { refreshStep } from './refresh-step';
import { moveTo, type StepDeps, type StepResult } from './step';

/** One event's work at the run's position. */
export function runStep(s: StepDeps): Promise<StepResult> {
  const { position } = s.run;
  switch (position.phase) {
    case 'users':
      return usersStep(s, position);
    case 'groups':
      return groupsStep(s, position);
    case 'members':
      return membersStep(s, position);
    case 'scanUsers':
      return scanUsersStep(s, position);
    case 'scanGroups':
      return scanGroupsStep(s, position);
    case 'removeUsers':
    case 'removeGroups':
      return removeStep(s, position);
    case 'refresh':
      return refreshStep(s, position);
    case 'done':
      return Promise.resolve(moveTo(position));
  }
}
