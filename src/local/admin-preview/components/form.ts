import { stringProp, testId, type ComponentRegistry } from '../component-api';
import { h } from '../dom';
import { iconElement } from '../icon-glyphs';

// Form and its furniture. The form is a real <form>, so a submit button or Enter in a text field submits it
// natively; the host then cancels the browser's submission and calls onSubmit() with no argument, as
// Atlassian's renderer does (FormProps.onSubmit: () => Promise<void> | void). With useForm the app passes
// handleSubmit(fn): react-hook-form then validates its registered fields inside the app and calls fn with
// the values it collected from the fields' onChange calls. noValidate: UI Kit fields never trigger the
// browser's own validation pop-ups (useForm drops `required` from the field props for that reason).

export const formComponents: ComponentRegistry = {
  Form: {
    render: (node, scope) => h('form', { class: 'fp-form', novalidate: true, 'data-testid': testId(node) }, scope.children(node)),
    events: {
      submit: (scope) => {
        scope.event.preventDefault();
        scope.call('onSubmit');
      },
    },
  },
  FormHeader: {
    render: (node, scope) => {
      const title = stringProp(node, 'title');
      const description = scope.slot(node, 'description');
      return h('div', { class: 'fp-form-header' }, [
        title ? h('h1', { class: 'fp-heading fp-heading-large' }, [title]) : null,
        description.length ? h('div', { class: 'fp-form-description' }, description) : null,
        ...scope.children(node),
      ]);
    },
  },
  FormSection: {
    render: (node, scope) => {
      const title = stringProp(node, 'title');
      const description = scope.slot(node, 'description');
      return h('fieldset', { class: 'fp-form-section' }, [
        title ? h('legend', { class: 'fp-heading fp-heading-medium' }, [title]) : null,
        description.length ? h('div', { class: 'fp-form-description' }, description) : null,
        ...scope.children(node),
      ]);
    },
  },
  FormFooter: {
    render: (node, scope) => h('footer', { class: `fp-form-footer fp-align-${stringProp(node, 'align') ?? 'end'}` }, scope.children(node)),
  },
  Label: {
    render: (node, scope) =>
      h(
        'label',
        { class: 'fp-label', for: stringProp(node, 'labelFor'), id: stringProp(node, 'id'), 'data-testid': testId(node) },
        scope.children(node),
      ),
  },
  RequiredAsterisk: {
    render: () => h('span', { class: 'fp-required', 'aria-hidden': 'true', title: 'required' }, ['*']),
  },
  HelperMessage: {
    render: (node, scope) => h('div', { class: 'fp-message fp-message-helper', 'data-testid': testId(node) }, scope.children(node)),
  },
  ErrorMessage: {
    render: (node, scope) =>
      h('div', { class: 'fp-message fp-message-error', 'data-testid': testId(node) }, [
        iconElement('error', 'error', 'small'),
        ...scope.children(node),
      ]),
  },
  ValidMessage: {
    render: (node, scope) =>
      h('div', { class: 'fp-message fp-message-valid', 'data-testid': testId(node) }, [
        iconElement('check-circle', 'success', 'small'),
        ...scope.children(node),
      ]),
  },
};
