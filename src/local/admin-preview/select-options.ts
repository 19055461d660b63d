// Select's options and the arguments its onChange receives: the chosen option object (an array of them with
// isMulti, null when cleared) and react-select's action meta, as ADS Select calls it.

export interface SelectOption {
  label: string;
  value: unknown;
  isDisabled?: boolean;
}

export interface OptionGroup {
  label?: string;
  options: SelectOption[];
}

export interface SelectActionMeta {
  action: 'select-option' | 'remove-value' | 'clear';
  name?: string;
  option?: SelectOption;
  removedValue?: SelectOption;
  removedValues?: SelectOption[];
}

function isOption(value: unknown): value is SelectOption {
  return typeof value === 'object' && value !== null && 'value' in value;
}

/** Plain options in runs between groups become unlabelled groups, keeping the order. */
export function optionGroups(options: unknown): OptionGroup[] {
  const groups: OptionGroup[] = [];
  for (const entry of Array.isArray(options) ? options : []) {
    if (typeof entry === 'object' && entry !== null && Array.isArray((entry as OptionGroup).options)) {
      groups.push({ label: (entry as OptionGroup).label, options: (entry as OptionGroup).options.filter(isOption) });
    } else if (isOption(entry)) {
      const last = groups[groups.length - 1];
      if (last && last.label === undefined) last.options.push(entry);
      else groups.push({ options: [entry] });
    }
  }
  return groups;
}

export function flatOptions(options: unknown): SelectOption[] {
  return optionGroups(options).flatMap((group) => group.options);
}

/** Options are matched by value, as react-select does with its default getOptionValue. */
export function sameOption(a: unknown, b: unknown): boolean {
  return isOption(a) && isOption(b) && String(a.value) === String(b.value);
}

export function selectedOptions(value: unknown): SelectOption[] {
  if (Array.isArray(value)) return value.filter(isOption);
  return isOption(value) ? [value] : [];
}

export function selectChange(
  multi: boolean,
  previous: SelectOption[],
  next: SelectOption[],
  name: string | undefined,
): { value: SelectOption | SelectOption[] | null; actionMeta: SelectActionMeta } {
  if (!multi) {
    const option = next[0];
    if (!option) return { value: null, actionMeta: { action: 'clear', name, removedValues: previous } };
    return { value: option, actionMeta: { action: 'select-option', name, option } };
  }
  const added = next.find((option) => !previous.some((old) => sameOption(old, option)));
  if (added) return { value: next, actionMeta: { action: 'select-option', name, option: added } };
  const removed = previous.find((old) => !next.some((option) => sameOption(old, option)));
  return { value: next, actionMeta: { action: 'remove-value', name, removedValue: removed } };
}
