import { boolProp, numberProp, ownControl, stringProp, testId, type ComponentRegistry } from '../component-api';
import { tokenCss } from '../design-tokens';
import { classes, h } from '../dom';
import { eventFrom } from '../dom-events';
import { elementToForgeDocs, textOf, type ForgeDoc } from '../forge-doc';
import { iconElement } from '../icon-glyphs';

// Lozenge, Badge, SectionMessage, ProgressBar, Spinner, EmptyState, Tooltip, Icon, Tag, TagGroup.

const SECTION_ICON: Record<string, string> = {
  information: 'info',
  warning: 'warning',
  error: 'error',
  success: 'check-circle',
  discovery: 'question',
};

function slotText(node: ForgeDoc, prop: string): string {
  const value = node.props[prop];
  if (typeof value === 'string' || typeof value === 'number') return String(value);
  return elementToForgeDocs(value, node.key).map(textOf).join('');
}

export const statusComponents: ComponentRegistry = {
  Lozenge: {
    render: (node, scope) => {
      const maxWidth = node.props.maxWidth;
      return h(
        'span',
        {
          class: classes('fp-lozenge', `fp-lozenge-${stringProp(node, 'appearance') ?? 'default'}`, boolProp(node, 'isBold') && 'fp-bold'),
          style: maxWidth !== undefined ? `max-width: ${typeof maxWidth === 'number' ? `${maxWidth}px` : String(maxWidth)}` : undefined,
          'data-testid': testId(node),
        },
        scope.children(node),
      );
    },
  },
  Badge: {
    render: (node, scope) => {
      const max = node.props.max === false ? undefined : (numberProp(node, 'max') ?? 99);
      const value = Number(textOf(node));
      const content = max !== undefined && Number.isFinite(value) && value > max ? [`${max}+`] : scope.children(node);
      return h('span', { class: `fp-badge fp-badge-${stringProp(node, 'appearance') ?? 'default'}`, 'data-testid': testId(node) }, content);
    },
  },
  SectionMessage: {
    render: (node, scope) => {
      const appearance = stringProp(node, 'appearance') ?? 'information';
      const title = stringProp(node, 'title');
      const actions = scope.slot(node, 'actions');
      return h('section', { class: `fp-section-message fp-sm-${appearance}`, 'aria-label': title ?? appearance, 'data-testid': testId(node) }, [
        iconElement(SECTION_ICON[appearance] ?? 'info', appearance),
        h('div', { class: 'fp-sm-content' }, [
          title ? h('h2', { class: 'fp-sm-title' }, [title]) : null,
          h('div', { class: 'fp-sm-body' }, scope.children(node)),
          actions.length ? h('div', { class: 'fp-sm-actions' }, actions) : null,
        ]),
      ]);
    },
  },
  SectionMessageAction: {
    render: (node, scope) => {
      const href = stringProp(node, 'href');
      return href
        ? h('a', { class: 'fp-link', href, 'data-testid': testId(node) }, scope.children(node))
        : h('button', { type: 'button', class: 'fp-link-button', 'data-testid': testId(node) }, scope.children(node));
    },
    events: {
      click: (scope) => {
        scope.call('onClick', eventFrom('click', scope.element, scope.event));
      },
    },
  },
  ProgressBar: {
    render: (node) => {
      const indeterminate = boolProp(node, 'isIndeterminate');
      const value = Math.min(1, Math.max(0, numberProp(node, 'value') ?? 0));
      return h(
        'div',
        {
          class: classes('fp-progress', `fp-progress-${stringProp(node, 'appearance') ?? 'default'}`, indeterminate && 'fp-indeterminate'),
          role: 'progressbar',
          'aria-label': stringProp(node, 'ariaLabel'),
          'aria-valuemin': 0,
          'aria-valuemax': 1,
          'aria-valuenow': indeterminate ? undefined : value,
          'data-testid': testId(node),
        },
        [h('div', { class: 'fp-progress-bar', style: indeterminate ? undefined : `width: ${value * 100}%` })],
      );
    },
  },
  Spinner: {
    render: (node) => {
      const size = node.props.size;
      const px =
        typeof size === 'number'
          ? size
          : (({ xsmall: 8, small: 16, medium: 24, large: 48, xlarge: 96 } as Record<string, number>)[String(size ?? 'medium')] ?? 24);
      return h('span', {
        class: classes('fp-spinner', stringProp(node, 'appearance') === 'invert' && 'fp-invert'),
        role: 'status',
        'aria-label': stringProp(node, 'label') ?? 'Loading',
        style: `width: ${px}px; height: ${px}px`,
        'data-testid': testId(node),
      });
    },
  },
  EmptyState: {
    render: (node, scope) => {
      const level = Math.min(6, Math.max(1, numberProp(node, 'headingLevel') ?? 4));
      const actions = [...scope.slot(node, 'primaryAction'), ...scope.slot(node, 'secondaryAction')];
      const tertiary = scope.slot(node, 'tertiaryAction');
      return h('div', { class: classes('fp-empty-state', stringProp(node, 'width') === 'narrow' && 'fp-narrow'), 'data-testid': testId(node) }, [
        h(`h${level}`, { class: 'fp-empty-header' }, [stringProp(node, 'header') ?? '']),
        h('div', { class: 'fp-empty-description' }, scope.slot(node, 'description')),
        boolProp(node, 'isLoading')
          ? h('span', { class: 'fp-spinner', role: 'status', 'aria-label': 'Loading', style: 'width: 24px; height: 24px' })
          : null,
        actions.length ? h('div', { class: 'fp-button-group', role: 'group', 'aria-label': stringProp(node, 'buttonGroupLabel') }, actions) : null,
        tertiary.length ? h('div', { class: 'fp-empty-tertiary' }, tertiary) : null,
      ]);
    },
  },
  Tooltip: {
    render: (node, scope) => {
      const content = slotText(node, 'content');
      return h(
        'span',
        {
          class: `fp-tooltip fp-tooltip-${stringProp(node, 'position') ?? 'bottom'}`,
          'data-tooltip': content,
          title: content,
          'data-testid': testId(node),
        },
        scope.children(node),
      );
    },
  },
  Icon: {
    render: (node) => {
      const icon = iconElement(stringProp(node, 'glyph') ?? '?', stringProp(node, 'label') ?? '', stringProp(node, 'size'));
      const color = stringProp(node, 'color') ?? stringProp(node, 'primaryColor');
      if (color) icon.style.color = tokenCss(color);
      return icon;
    },
  },
  Tag: {
    render: (node, scope) => {
      const removed = scope.state(node, () => false);
      if (removed) return h('span', { hidden: true });
      const href = stringProp(node, 'href');
      const text = stringProp(node, 'text') ?? '';
      const color = stringProp(node, 'color') ?? 'standard';
      return h(
        'span',
        { class: classes('fp-tag', `fp-tag-${color}`, stringProp(node, 'appearance') === 'rounded' && 'fp-rounded'), 'data-testid': testId(node) },
        [
          ...scope.slot(node, 'elemBefore'),
          href ? h('a', { class: 'fp-tag-text', href }, [text]) : h('span', { class: 'fp-tag-text' }, [text]),
          boolProp(node, 'isRemovable')
            ? h(
                'button',
                {
                  type: 'button',
                  class: 'fp-tag-remove',
                  'data-remove': true,
                  'aria-label': stringProp(node, 'removeButtonLabel') ?? `Remove ${text}`,
                },
                ['✕'],
              )
            : null,
        ],
      );
    },
    events: {
      click: (scope) => {
        if (!ownControl(scope, '[data-remove]')) return false;
        const before = scope.node.props.onBeforeRemoveAction;
        // ADS removes the tag unless onBeforeRemoveAction returns false.
        if (typeof before === 'function' && before() === false) return;
        scope.setState(true);
        scope.call('onAfterRemoveAction', stringProp(scope.node, 'text'));
      },
    },
  },
  TagGroup: {
    render: (node, scope) => h('div', { class: classes('fp-tag-group', stringProp(node, 'alignment') === 'end' && 'fp-end') }, scope.children(node)),
  },
};
