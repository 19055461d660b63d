// Prints a filter AST back to the filter language, with parentheses only where precedence needs them,
// so that parseFilter(formatFilter(f)) equals f.

import { formatAttributePath } from '../attribute-path';
import type { Filter } from './ast';

export function formatFilter(filter: Filter): string {
  switch (filter.op) {
    case 'and': {
      const right = group(filter.right, filter.right.op === 'or' || filter.right.op === 'and');
      return `${group(filter.left, filter.left.op === 'or')} and ${right}`;
    }
    case 'or':
      return `${formatFilter(filter.left)} or ${group(filter.right, filter.right.op === 'or')}`;
    case 'not':
      return `not (${formatFilter(filter.filter)})`;
    case 'valuePath':
      return `${formatAttributePath(filter.path)}[${formatFilter(filter.filter)}]`;
    case 'pr':
      return `${formatAttributePath(filter.path)} pr`;
    default:
      return `${formatAttributePath(filter.path)} ${filter.op} ${JSON.stringify(filter.value)}`;
  }
}

function group(filter: Filter, parenthesise: boolean): string {
  return parenthesise ? `(${formatFilter(filter)})` : formatFilter(filter);
}
