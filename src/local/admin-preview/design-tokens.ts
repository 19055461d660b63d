// Atlassian design tokens ('space.200', 'color.background.neutral', 'radius.medium'…) as CSS. ADS publishes
// each token as a custom property (--ds-space-200, --ds-background-neutral…); the preview stylesheet defines
// the common ones, and every reference carries a fallback so unknown tokens still look plausible.

const SPACE_PX: Record<string, number> = {
  '0': 0,
  '025': 2,
  '050': 4,
  '075': 6,
  '100': 8,
  '150': 12,
  '200': 16,
  '250': 20,
  '300': 24,
  '400': 32,
  '500': 40,
  '600': 48,
  '800': 64,
  '1000': 80,
};

const RADIUS_PX: Record<string, string> = {
  'radius.xsmall': '2px',
  'radius.small': '4px',
  'radius.medium': '6px',
  'radius.large': '8px',
  'radius.xlarge': '12px',
  'radius.xxlarge': '16px',
  'radius.full': '9999px',
  'radius.tile': '25%',
  'border.radius': '4px',
};

const TOKEN_PATTERN = /^(space|color|elevation|border|radius|font|opacity|shadow|utility)\.[A-Za-z0-9.\-[\]]+$/;

function isToken(value: unknown): value is string {
  return typeof value === 'string' && TOKEN_PATTERN.test(value);
}

/** 'space.100' -> 'var(--ds-space-100, 8px)'; 'color.text.subtle' -> 'var(--ds-text-subtle, …)'. Non-tokens pass through. */
export function tokenCss(value: string): string {
  if (!isToken(value)) return value;
  const negative = value.startsWith('space.negative.');
  const spaceStep = value.match(/^space\.(?:negative\.)?(\d+)$/)?.[1];
  if (spaceStep !== undefined && spaceStep in SPACE_PX) {
    const px = SPACE_PX[spaceStep] * (negative ? -1 : 1);
    return `var(--ds-${negative ? 'space-negative-' : 'space-'}${spaceStep}, ${px}px)`;
  }
  if (value in RADIUS_PX) return `var(--ds-${value.replace(/\./g, '-')}, ${RADIUS_PX[value]})`;
  const name = value
    .replace(/^(color|elevation)\./, '')
    .replace(/\./g, '-')
    .replace(/[[\]]/g, '');
  return `var(--ds-${name}, ${colorFallback(value)})`;
}

function colorFallback(token: string): string {
  if (token.includes('danger')) return '#C9372C';
  if (token.includes('warning')) return '#E56910';
  if (token.includes('success')) return '#22A06B';
  if (token.includes('discovery')) return '#8270DB';
  if (token.includes('information') || token.includes('brand') || token.includes('selected')) return '#0C66E4';
  if (token.includes('background') || token.includes('surface')) return '#F7F8F9';
  if (token.includes('border')) return '#091E4224';
  return '#172B4D';
}

const PX_PROPERTIES =
  /^(width|height|min|max|top|left|right|bottom|inset|margin|padding|gap|columnGap|rowGap|flexBasis|fontSize|borderWidth|borderRadius)/;

/** A camelCase style object (xcss() returns its argument) as an inline style; pseudo-classes and media queries are dropped. */
export function styleText(style: Record<string, unknown>): string {
  const declarations: string[] = [];
  for (const [property, raw] of Object.entries(style)) {
    if (property.startsWith(':') || property.startsWith('@') || raw === undefined || raw === null || typeof raw === 'object') continue;
    const value = typeof raw === 'number' && raw !== 0 && PX_PROPERTIES.test(property) ? `${raw}px` : String(raw);
    declarations.push(`${kebab(property)}: ${tokenCss(value)}`);
  }
  return declarations.join('; ');
}

function kebab(property: string): string {
  return property.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`);
}
