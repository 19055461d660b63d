import { createElement, Fragment } from 'react';
import { elementToForgeDocs, isElementProp, textOf, UNRENDERABLE_ELEMENT_TYPE } from './forge-doc';
import { SUPPORTED_COMPONENTS } from './render-forge-doc';

function Custom() {
  return null;
}

describe('ForgeDoc helpers', () => {
  it('turns element-valued props (emptyView, actions…) into ForgeDocs the host can draw', () => {
    const value = [
      createElement('Text', { key: 'a' }, 'No users ', createElement('Strong', null, 'yet')),
      createElement(Fragment, { key: 'b' }, 'plain'),
    ];
    const docs = elementToForgeDocs(value, 'table:emptyView');
    expect(docs.map((doc) => doc.type)).toEqual(['Text', 'String']);
    expect(docs.map(textOf).join('|')).toBe('No users yet|plain');
    expect(docs[0].key).toBe('table:emptyView.0');
    expect(isElementProp(value)).toBe(true);
    expect(isElementProp('text')).toBe(false);
  });

  it('marks function components in props, which a host cannot evaluate', () => {
    expect(elementToForgeDocs(createElement(Custom), 'x')).toEqual([
      { type: UNRENDERABLE_ELEMENT_TYPE, props: { name: 'Custom' }, children: [], key: 'x' },
    ]);
    expect(elementToForgeDocs(false, 'x')).toEqual([]);
  });

  it('draws every component the admin page is expected to use', () => {
    const expected = [
      'Box',
      'Stack',
      'Inline',
      'Heading',
      'Text',
      'Strong',
      'Em',
      'Code',
      'Link',
      'Lozenge',
      'Badge',
      'SectionMessage',
      'SectionMessageAction',
      'Button',
      'ButtonGroup',
      'LoadingButton',
      'Form',
      'FormHeader',
      'FormSection',
      'FormFooter',
      'Label',
      'HelperMessage',
      'ErrorMessage',
      'ValidMessage',
      'RequiredAsterisk',
      'Textfield',
      'TextArea',
      'Select',
      'Checkbox',
      'Toggle',
      'RadioGroup',
      'DynamicTable',
      'Tabs',
      'Modal',
      'ModalHeader',
      'ModalTitle',
      'ModalBody',
      'ModalFooter',
      'ModalTransition',
      'ProgressBar',
      'Spinner',
      'EmptyState',
      'Tooltip',
      'Icon',
      'CodeBlock',
      'List',
      'ListItem',
      'Tag',
      'TagGroup',
      'UserPicker',
    ];
    expect(expected.filter((type) => !SUPPORTED_COMPONENTS[type])).toEqual([]);
  });
});
