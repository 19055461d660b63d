import { stringProp, testId, type ComponentRegistry } from '../component-api';
import { h } from '../dom';
import { eventFrom } from '../dom-events';
import { iconElement } from '../icon-glyphs';

// Modal over a blanket. ADS closes on a blanket click and on Escape by calling onClose; the app decides
// whether the modal goes away (by not rendering it). Escape is routed here by the renderer.

const WIDTHS: Record<string, string> = { small: '400px', medium: '600px', large: '800px', 'x-large': '968px', fullscreen: 'calc(100vw - 120px)' };

function size(value: unknown, named: Record<string, string>): string | undefined {
  if (typeof value === 'number') return `${value}px`;
  if (typeof value === 'string') return named[value] ?? value;
  return undefined;
}

export const modalComponents: ComponentRegistry = {
  ModalTransition: {
    render: (node, scope) => h('div', { class: 'fp-modal-transition' }, scope.children(node)),
  },
  Modal: {
    render: (node, scope) => {
      const width = size(node.props.width, WIDTHS) ?? WIDTHS.medium;
      const height = size(node.props.height, {});
      return h('div', { class: 'fp-blanket', 'data-blanket': true }, [
        h(
          'div',
          {
            class: 'fp-modal',
            role: 'dialog',
            'aria-modal': 'true',
            'aria-label': stringProp(node, 'label') ?? stringProp(node, 'title'),
            tabindex: -1,
            style: `width: ${width}${height ? `; height: ${height}` : ''}`,
            'data-testid': testId(node),
          },
          scope.children(node),
        ),
      ]);
    },
    events: {
      click: (scope) => {
        if (scope.target !== scope.element) return false;
        scope.call('onClose', eventFrom('click', scope.element, scope.event));
      },
    },
  },
  ModalHeader: {
    render: (node, scope) => h('div', { class: 'fp-modal-header', 'data-testid': testId(node) }, scope.children(node)),
  },
  ModalTitle: {
    render: (node, scope) => {
      const appearance = stringProp(node, 'appearance');
      return h('h1', { class: 'fp-modal-title', 'data-testid': testId(node) }, [
        appearance ? iconElement(appearance === 'danger' ? 'error' : 'warning', appearance) : null,
        ...scope.children(node),
      ]);
    },
  },
  ModalBody: {
    render: (node, scope) => h('div', { class: 'fp-modal-body', 'data-testid': testId(node) }, scope.children(node)),
  },
  ModalFooter: {
    render: (node, scope) => h('div', { class: 'fp-modal-footer', 'data-testid': testId(node) }, scope.children(node)),
  },
};
