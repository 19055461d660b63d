import { stringProp, testId, type ComponentRegistry } from '../component-api';
import { styleText, tokenCss } from '../design-tokens';
import { h } from '../dom';
import type { ForgeDoc } from '../forge-doc';

// Box, Stack, Inline: the layout primitives, driven by space and color tokens and xcss.

const ALIGN: Record<string, string> = { start: 'flex-start', center: 'center', end: 'flex-end', stretch: 'stretch', baseline: 'baseline' };

function boxStyle(node: ForgeDoc): string {
  const style: Record<string, unknown> = {};
  const padding = ['padding', 'paddingBlock', 'paddingBlockStart', 'paddingBlockEnd', 'paddingInline', 'paddingInlineStart', 'paddingInlineEnd'];
  for (const name of padding) if (stringProp(node, name)) style[name] = stringProp(node, name);
  const background = stringProp(node, 'backgroundColor');
  if (background)
    style.backgroundColor = background.startsWith('color.') || background.startsWith('elevation.') ? background : `color.background.${background}`;
  return [styleText(style), xcssStyle(node)].filter(Boolean).join('; ');
}

export function xcssStyle(node: ForgeDoc): string {
  const xcss = node.props.xcss;
  return typeof xcss === 'object' && xcss !== null ? styleText(xcss as Record<string, unknown>) : '';
}

function flexStyle(node: ForgeDoc, direction: 'column' | 'row'): string {
  const rules = [`flex-direction: ${direction}`];
  const space = stringProp(node, 'space');
  if (space) rules.push(`${direction === 'row' ? 'column-gap' : 'gap'}: ${tokenCss(space)}`);
  const rowSpace = stringProp(node, 'rowSpace') ?? (direction === 'row' ? space : undefined);
  if (direction === 'row' && rowSpace) rules.push(`row-gap: ${tokenCss(rowSpace)}`);
  const alignInline = stringProp(node, 'alignInline');
  const alignBlock = stringProp(node, 'alignBlock');
  const crossAxis = direction === 'row' ? alignBlock : alignInline;
  const mainAxis = direction === 'row' ? alignInline : alignBlock;
  if (crossAxis && ALIGN[crossAxis]) rules.push(`align-items: ${ALIGN[crossAxis]}`);
  if (mainAxis && ALIGN[mainAxis]) rules.push(`justify-content: ${ALIGN[mainAxis]}`);
  if (stringProp(node, 'spread') === 'space-between') rules.push('justify-content: space-between');
  if (stringProp(node, 'grow') === 'fill') rules.push('flex-grow: 1');
  if (node.props.shouldWrap === true) rules.push('flex-wrap: wrap');
  const xcss = xcssStyle(node);
  return [...rules, xcss].filter(Boolean).join('; ');
}

export const layoutComponents: ComponentRegistry = {
  Box: {
    render: (node, scope) =>
      h(
        'div',
        { class: 'fp-box', style: boxStyle(node) || undefined, role: stringProp(node, 'role'), 'data-testid': testId(node) },
        scope.children(node),
      ),
  },
  Stack: {
    render: (node, scope) => h('div', { class: 'fp-stack', style: flexStyle(node, 'column'), 'data-testid': testId(node) }, scope.children(node)),
  },
  Inline: {
    render: (node, scope) => {
      const separator = stringProp(node, 'separator');
      const children = scope.children(node);
      const items = separator
        ? children.flatMap((child, index) =>
            index === 0 ? [child] : [h('span', { class: 'fp-separator', 'aria-hidden': 'true' }, [separator]), child],
          )
        : children;
      return h('div', { class: 'fp-inline', style: flexStyle(node, 'row'), 'data-testid': testId(node) }, items);
    },
  },
};
