import { boolProp, stringProp, testId, type ComponentDef, type ComponentRegistry, type EventScope } from '../component-api';
import { classes, h } from '../dom';
import { eventFrom } from '../dom-events';
import type { ForgeDoc } from '../forge-doc';
import { iconElement } from '../icon-glyphs';
import { xcssStyle } from './layout';

// Button, LoadingButton, LinkButton, ButtonGroup, Pressable. A Button is type="button" unless the app says
// type="submit" (as in ADS), so only an explicit submit button submits the surrounding Form, natively.

function buttonContent(node: ForgeDoc, children: Node[]): Node[] {
  const before = stringProp(node, 'iconBefore');
  const after = stringProp(node, 'iconAfter');
  return [
    before ? iconElement(before, '', 'small') : null,
    children.length ? h('span', { class: 'fp-button-label' }, children) : null,
    after ? iconElement(after, '', 'small') : null,
  ].filter((item): item is HTMLElement => item !== null);
}

function buttonClass(node: ForgeDoc): string {
  return classes(
    'fp-button',
    `fp-button-${stringProp(node, 'appearance') ?? 'default'}`,
    stringProp(node, 'spacing') && `fp-spacing-${stringProp(node, 'spacing')}`,
    boolProp(node, 'shouldFitContainer') && 'fp-fit',
    boolProp(node, 'isSelected') && 'fp-selected',
  );
}

function isInert(scope: EventScope): boolean {
  return boolProp(scope.node, 'isDisabled') || boolProp(scope.node, 'isLoading');
}

const focusEvents: ComponentDef['events'] = {
  focusin: (scope) => {
    if (scope.target === scope.element) scope.call('onFocus', eventFrom('focus', scope.element, scope.event));
  },
  focusout: (scope) => {
    if (scope.target === scope.element) scope.call('onBlur', eventFrom('blur', scope.element, scope.event));
  },
};

const button: ComponentDef = {
  render: (node, scope) => {
    const loading = boolProp(node, 'isLoading');
    return h(
      'button',
      {
        type: stringProp(node, 'type') ?? 'button',
        class: classes(buttonClass(node), loading && 'fp-loading'),
        disabled: boolProp(node, 'isDisabled'),
        'aria-pressed': boolProp(node, 'isSelected') ? 'true' : undefined,
        'aria-busy': loading ? 'true' : undefined,
        'data-testid': testId(node),
      },
      [
        ...buttonContent(node, scope.children(node)),
        loading ? h('span', { class: 'fp-spinner fp-button-spinner', role: 'status', 'aria-label': 'Loading' }) : null,
      ],
    );
  },
  events: {
    ...focusEvents,
    click: (scope) => {
      if (isInert(scope)) {
        // A loading button swallows the click, including the native form submission it would cause.
        scope.event.preventDefault();
        return;
      }
      scope.call('onClick', eventFrom('click', scope.element, scope.event));
    },
  },
};

export const buttonComponents: ComponentRegistry = {
  Button: button,
  LoadingButton: button,
  LinkButton: {
    render: (node, scope) =>
      h(
        'a',
        { class: buttonClass(node), href: stringProp(node, 'href'), target: stringProp(node, 'target'), 'data-testid': testId(node) },
        buttonContent(node, scope.children(node)),
      ),
  },
  ButtonGroup: {
    render: (node, scope) =>
      h(
        'div',
        { class: 'fp-button-group', role: 'group', 'aria-label': stringProp(node, 'label'), 'aria-labelledby': stringProp(node, 'titleId') },
        scope.children(node),
      ),
  },
  Pressable: {
    render: (node, scope) =>
      h(
        'button',
        {
          type: 'button',
          class: 'fp-pressable',
          disabled: boolProp(node, 'isDisabled'),
          style: xcssStyle(node) || undefined,
          'data-testid': testId(node),
        },
        scope.children(node),
      ),
    events: button.events,
  },
};
