import { styleText, tokenCss } from './design-tokens';

describe('design tokens', () => {
  it('turns tokens into ADS custom properties with fallbacks', () => {
    expect(tokenCss('space.200')).toBe('var(--ds-space-200, 16px)');
    expect(tokenCss('space.negative.100')).toBe('var(--ds-space-negative-100, -8px)');
    expect(tokenCss('radius.medium')).toBe('var(--ds-radius-medium, 6px)');
    expect(tokenCss('color.background.danger')).toBe('var(--ds-background-danger, #C9372C)');
    expect(tokenCss('elevation.surface.raised')).toBe('var(--ds-surface-raised, #F7F8F9)');
    expect(tokenCss('12px')).toBe('12px');
  });

  it('writes xcss objects as inline styles, without pseudo-classes or media queries', () => {
    expect(
      styleText({
        padding: 'space.100',
        backgroundColor: 'color.background.neutral',
        width: 120,
        ':hover': { color: 'red' },
        '@media (min-width: 1px)': {},
      }),
    ).toBe('padding: var(--ds-space-100, 8px); background-color: var(--ds-background-neutral, #F7F8F9); width: 120px');
  });
});
