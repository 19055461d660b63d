import { boolProp, numberProp, ownControl, stringProp, testId, type ComponentDef, type ComponentRegistry, type EventScope } from '../component-api';
import { classes, h } from '../dom';
import { eventFrom } from '../dom-events';
import type { ForgeDoc } from '../forge-doc';
import { pickedUser } from '../user-picker-value';

// Textfield, TextArea, Checkbox, Toggle, Radio, RadioGroup and the UserPicker stand-in.
//
// A field is controlled when the app passes `value` (`isChecked` for checkboxes): the renderer then keeps
// the DOM equal to the prop on every render. Otherwise (useForm's register() gives defaultValue) the DOM
// owns the value and the app only hears about it through onChange, exactly like the ADS fields.
// onChange gets UI Kit's serialised event; useForm reads event.target.value for text, textarea, number,
// password and radio inputs and event.target.checked for checkboxes (so other input types, e.g. email, store
// the whole event object in react-hook-form, here as in Atlassian).

const WIDTH_PX: Record<string, number> = { xsmall: 80, small: 160, medium: 240, large: 320, xlarge: 480 };

function isInvalid(node: ForgeDoc): boolean {
  const aria = node.props['aria-invalid'];
  return boolProp(node, 'isInvalid') || aria === true || aria === 'true';
}

function textValue(node: ForgeDoc): { controlled: boolean; value: string | undefined } {
  const controlled = node.props.value !== undefined;
  const value = controlled ? node.props.value : node.props.defaultValue;
  return { controlled, value: value === undefined || value === null ? undefined : String(value) };
}

function commonInputAttrs(node: ForgeDoc) {
  return {
    class: 'fp-input',
    id: stringProp(node, 'id'),
    name: stringProp(node, 'name'),
    disabled: boolProp(node, 'isDisabled'),
    'aria-required': boolProp(node, 'isRequired') ? 'true' : undefined,
    'aria-invalid': isInvalid(node) ? 'true' : undefined,
    'aria-labelledby': stringProp(node, 'aria-labelledby'),
    'data-testid': testId(node),
  };
}

function fieldEvents(changeOn: 'input' | 'change'): ComponentDef['events'] {
  const control = (scope: EventScope) => ownControl(scope, '.fp-input');
  return {
    [changeOn]: (scope: EventScope) => {
      const input = control(scope);
      if (!input) return false;
      scope.call('onChange', eventFrom('change', input, scope.event));
    },
    focusin: (scope: EventScope) => {
      const input = control(scope);
      if (!input) return false;
      scope.call('onFocus', eventFrom('focus', input, scope.event));
    },
    focusout: (scope: EventScope) => {
      const input = control(scope);
      if (!input) return false;
      scope.call('onBlur', eventFrom('blur', input, scope.event));
    },
  };
}

const textfield: ComponentDef = {
  render: (node, scope) => {
    const { controlled, value } = textValue(node);
    const width = node.props.width;
    const widthPx = typeof width === 'number' ? width : typeof width === 'string' ? (WIDTH_PX[width] ?? Number(width)) : undefined;
    const input = h('input', {
      ...commonInputAttrs(node),
      type: stringProp(node, 'type') ?? 'text',
      value,
      placeholder: stringProp(node, 'placeholder'),
      readonly: boolProp(node, 'isReadOnly'),
      min: stringProp(node, 'min'),
      max: stringProp(node, 'max'),
      maxlength: numberProp(node, 'maxLength'),
      minlength: numberProp(node, 'minLength'),
      pattern: stringProp(node, 'pattern'),
      autocomplete: 'off',
      'data-controlled': controlled,
    });
    return h(
      'div',
      {
        class: classes(
          'fp-textfield',
          `fp-appearance-${stringProp(node, 'appearance') ?? 'standard'}`,
          boolProp(node, 'isCompact') && 'fp-compact',
          boolProp(node, 'isMonospaced') && 'fp-monospaced',
          isInvalid(node) && 'fp-invalid',
          boolProp(node, 'isDisabled') && 'fp-disabled',
        ),
        style: widthPx && Number.isFinite(widthPx) ? `max-width: ${widthPx}px` : undefined,
      },
      [...scope.slot(node, 'elemBeforeInput'), input, ...scope.slot(node, 'elemAfterInput')],
    );
  },
  events: fieldEvents('input'),
};

const textArea: ComponentDef = {
  render: (node) => {
    const { controlled, value } = textValue(node);
    const maxHeight = node.props.maxHeight;
    const resize = stringProp(node, 'resize');
    return h(
      'textarea',
      {
        ...commonInputAttrs(node),
        class: classes(
          'fp-input fp-textarea',
          boolProp(node, 'isMonospaced') && 'fp-monospaced',
          boolProp(node, 'isCompact') && 'fp-compact',
          isInvalid(node) && 'fp-invalid',
        ),
        placeholder: stringProp(node, 'placeholder'),
        readonly: boolProp(node, 'isReadOnly'),
        rows: numberProp(node, 'minimumRows') ?? 3,
        maxlength: numberProp(node, 'maxLength'),
        minlength: numberProp(node, 'minLength'),
        spellcheck: node.props.spellCheck === undefined ? undefined : String(node.props.spellCheck),
        style: [`resize: ${resize === 'smart' || !resize ? 'vertical' : resize}`, maxHeight ? `max-height: ${String(maxHeight)}` : '']
          .filter(Boolean)
          .join('; '),
        'data-controlled': controlled,
      },
      [value ?? ''],
    );
  },
  events: fieldEvents('input'),
};

function checkboxInput(node: ForgeDoc, extra: Record<string, string | boolean | undefined> = {}): HTMLElement {
  const controlled = node.props.isChecked !== undefined;
  const checked = controlled ? boolProp(node, 'isChecked') : boolProp(node, 'defaultChecked');
  return h('input', {
    ...commonInputAttrs(node),
    type: 'checkbox',
    value: stringProp(node, 'value'),
    checked,
    'data-controlled': controlled,
    'data-indeterminate': boolProp(node, 'isIndeterminate'),
    ...extra,
  });
}

const checkbox: ComponentDef = {
  render: (node, scope) =>
    h('label', { class: classes('fp-checkbox', boolProp(node, 'isDisabled') && 'fp-disabled', isInvalid(node) && 'fp-invalid') }, [
      checkboxInput(node),
      h('span', { class: 'fp-checkbox-label' }, scope.slot(node, 'label')),
    ]),
  events: fieldEvents('change'),
};

// ADS Toggle shows no text: its `label` is the input's aria-label; pair it with a Label for visible text.
const toggle: ComponentDef = {
  render: (node) =>
    h('span', { class: classes('fp-toggle', `fp-toggle-${stringProp(node, 'size') ?? 'regular'}`, boolProp(node, 'isDisabled') && 'fp-disabled') }, [
      checkboxInput(node, { role: 'switch', 'aria-label': stringProp(node, 'label') }),
      h('span', { class: 'fp-toggle-track', 'aria-hidden': 'true' }),
    ]),
  events: fieldEvents('change'),
};

interface RadioOption {
  label?: unknown;
  value?: unknown;
  name?: string;
  isDisabled?: boolean;
  testId?: string;
}

function radio(
  attrs: { name?: string; value?: string; checked: boolean; controlled: boolean; disabled: boolean; id?: string; testId?: string },
  label: Node[],
): HTMLElement {
  return h('label', { class: classes('fp-radio', attrs.disabled && 'fp-disabled') }, [
    h('input', {
      class: 'fp-input',
      type: 'radio',
      id: attrs.id,
      name: attrs.name,
      value: attrs.value,
      checked: attrs.checked,
      disabled: attrs.disabled,
      'data-controlled': attrs.controlled,
      'data-testid': attrs.testId,
    }),
    h('span', { class: 'fp-radio-label' }, label),
  ]);
}

const radioGroup: ComponentDef = {
  render: (node) => {
    const options = Array.isArray(node.props.options) ? (node.props.options as RadioOption[]) : [];
    const controlled = node.props.value !== undefined;
    const current = controlled ? node.props.value : node.props.defaultValue;
    return h(
      'div',
      {
        class: 'fp-radio-group',
        role: 'radiogroup',
        id: stringProp(node, 'id'),
        'aria-labelledby': stringProp(node, 'aria-labelledby'),
        'aria-invalid': isInvalid(node) ? 'true' : undefined,
        'aria-required': boolProp(node, 'isRequired') ? 'true' : undefined,
        'data-testid': testId(node),
      },
      options.map((option) =>
        radio(
          {
            name: stringProp(node, 'name') ?? option.name,
            value: option.value === undefined ? undefined : String(option.value),
            checked: current !== undefined && current !== null && String(current) === String(option.value),
            controlled,
            disabled: boolProp(node, 'isDisabled') || option.isDisabled === true,
            testId: option.testId,
          },
          [document.createTextNode(typeof option.label === 'string' || typeof option.label === 'number' ? String(option.label) : '')],
        ),
      ),
    );
  },
  events: fieldEvents('change'),
};

// Stand-in for the people picker (which searches the site's users): the admin types an account id or an
// email, and onChange gets the picker's value shape. Multi-pickers take a comma-separated list.
const userPicker: ComponentDef = {
  render: (node, scope) => {
    const id = `fp-user-picker-${node.key}`;
    const defaultValue = node.props.defaultValue;
    const description = stringProp(node, 'description');
    return h('div', { class: 'fp-user-picker' }, [
      h('label', { class: 'fp-label', for: id }, [
        stringProp(node, 'label') ?? '',
        boolProp(node, 'isRequired') ? h('span', { class: 'fp-required', 'aria-hidden': 'true' }, ['*']) : null,
      ]),
      h('div', { class: 'fp-textfield fp-appearance-standard' }, [
        h('input', {
          class: 'fp-input',
          id,
          type: 'text',
          name: stringProp(node, 'name'),
          placeholder: stringProp(node, 'placeholder') ?? 'Account id or email',
          value: Array.isArray(defaultValue) ? defaultValue.join(', ') : typeof defaultValue === 'string' ? defaultValue : undefined,
          autocomplete: 'off',
          'data-stand-in': 'user-picker',
        }),
      ]),
      description ? h('div', { class: 'fp-message fp-message-helper' }, [description]) : null,
      ...scope.children(node),
    ]);
  },
  events: {
    change: (scope) => {
      const input = ownControl(scope, '.fp-input') as HTMLInputElement | undefined;
      if (!input) return false;
      const multi = boolProp(scope.node, 'isMulti');
      const users = (multi ? input.value.split(',') : [input.value])
        .map((entry) => entry.trim())
        .filter(Boolean)
        .map(pickedUser);
      scope.call('onChange', multi ? users : (users[0] ?? null));
    },
  },
};

export const fieldComponents: ComponentRegistry = {
  Textfield: textfield,
  TextArea: textArea,
  Checkbox: checkbox,
  Toggle: toggle,
  Radio: {
    render: (node, scope) => {
      const controlled = node.props.isChecked !== undefined;
      return radio(
        {
          id: stringProp(node, 'id'),
          name: stringProp(node, 'name'),
          value: stringProp(node, 'value'),
          checked: boolProp(node, 'isChecked'),
          controlled,
          disabled: boolProp(node, 'isDisabled'),
          testId: testId(node),
        },
        scope.slot(node, 'label'),
      );
    },
    events: fieldEvents('change'),
  },
  RadioGroup: radioGroup,
  UserPicker: userPicker,
};
