import { boolProp, stringProp, testId, type ComponentRegistry } from '../component-api';
import { tokenCss } from '../design-tokens';
import { classes, h } from '../dom';

// Heading, Text and the inline text styles, Link, Code, CodeBlock, List, Image.

const HEADING_TAG: Record<string, string> = {
  xxlarge: 'h1',
  xlarge: 'h1',
  large: 'h2',
  medium: 'h3',
  small: 'h4',
  xsmall: 'h5',
  xxsmall: 'h6',
};
const HEADING_SIZE_BY_TAG: Record<string, string> = { h1: 'xlarge', h2: 'large', h3: 'medium', h4: 'small', h5: 'xsmall', h6: 'xxsmall' };
const TEXT_TAGS = new Set(['span', 'p', 'strong', 'em', 'strike']);

export const typographyComponents: ComponentRegistry = {
  Heading: {
    render: (node, scope) => {
      const as = stringProp(node, 'as');
      const size = stringProp(node, 'size') ?? (as && HEADING_SIZE_BY_TAG[as]) ?? 'medium';
      const color = stringProp(node, 'color');
      return h(
        as ?? HEADING_TAG[size] ?? 'h3',
        {
          class: `fp-heading fp-heading-${size}`,
          id: stringProp(node, 'id'),
          style: color ? `color: ${tokenCss(color)}` : undefined,
          'data-testid': testId(node),
        },
        scope.children(node),
      );
    },
  },
  Text: {
    render: (node, scope) => {
      const as = stringProp(node, 'as') ?? 'p';
      const tag = TEXT_TAGS.has(as) ? (as === 'strike' ? 's' : as) : 'p';
      const rules: string[] = [];
      const color = stringProp(node, 'color');
      if (color) rules.push(`color: ${tokenCss(color)}`);
      const align = stringProp(node, 'align');
      if (align) rules.push(`text-align: ${align}`);
      const maxLines = node.props.maxLines;
      if (typeof maxLines === 'number') rules.push(`-webkit-line-clamp: ${maxLines}`);
      return h(
        tag,
        {
          class: classes(
            'fp-text',
            `fp-text-${stringProp(node, 'size') ?? 'medium'}`,
            `fp-weight-${stringProp(node, 'weight') ?? 'regular'}`,
            typeof maxLines === 'number' && 'fp-clamp',
          ),
          style: rules.join('; ') || undefined,
          'data-testid': testId(node),
        },
        scope.children(node),
      );
    },
  },
  Strong: { render: (node, scope) => h('strong', {}, scope.children(node)) },
  Em: { render: (node, scope) => h('em', {}, scope.children(node)) },
  Strike: { render: (node, scope) => h('s', {}, scope.children(node)) },
  Code: { render: (node, scope) => h('code', { class: 'fp-code', 'data-testid': testId(node) }, scope.children(node)) },
  CodeBlock: {
    render: (node) => {
      const text = stringProp(node, 'text') ?? '';
      const lines = text.split('\n');
      const showLineNumbers = node.props.showLineNumbers !== false;
      const attrs = {
        class: classes('fp-codeblock', boolProp(node, 'shouldWrapLongLines') && 'fp-wrap'),
        'data-language': stringProp(node, 'language') ?? 'text',
        'data-testid': testId(node),
      };
      return h('div', attrs, [
        showLineNumbers ? h('pre', { class: 'fp-line-numbers', 'aria-hidden': 'true' }, [lines.map((_, index) => index + 1).join('\n')]) : null,
        h('pre', { class: 'fp-code-lines' }, [h('code', {}, [text])]),
      ]);
    },
  },
  Link: {
    render: (node, scope) => {
      const newTab = boolProp(node, 'openNewTab');
      return h(
        'a',
        { class: 'fp-link', href: stringProp(node, 'href'), target: newTab ? '_blank' : undefined, rel: newTab ? 'noopener noreferrer' : undefined },
        scope.children(node),
      );
    },
  },
  List: {
    render: (node, scope) => h(stringProp(node, 'type') === 'ordered' ? 'ol' : 'ul', { class: 'fp-list' }, scope.children(node)),
  },
  ListItem: { render: (node, scope) => h('li', {}, scope.children(node)) },
  Image: {
    render: (node) =>
      h('img', {
        class: `fp-image fp-image-${stringProp(node, 'size') ?? 'auto'}`,
        src: stringProp(node, 'src'),
        alt: stringProp(node, 'alt') ?? '',
      }),
  },
};
