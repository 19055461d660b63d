import { h } from './dom';

// Icons are placeholders: a plain symbol for common glyphs, otherwise the glyph's initial; the label is
// always the accessible name, as in ADS.

const SYMBOLS: Record<string, string> = {
  check: '✓', 'check-circle': '✓', 'check-circle-outline': '✓', 'editor-success': '✓',
  cross: '✕', 'cross-circle': '✕', 'editor-close': '✕', 'select-clear': '✕',
  error: '!', 'editor-error': '!', warning: '⚠', 'editor-warning': '⚠',
  info: 'i', 'editor-info': 'i', question: '?', 'question-circle': '?', 'editor-help': '?',
  add: '+', 'add-circle': '+', 'editor-add': '+', 'editor-remove': '−',
  refresh: '↻', retry: '↻', settings: '⚙', edit: '✎', 'edit-filled': '✎', star: '☆', 'star-filled': '★',
  'arrow-left': '←', 'arrow-right': '→', 'arrow-up': '↑', 'arrow-down': '↓',
  'chevron-left': '‹', 'chevron-right': '›', 'chevron-up': '˄', 'chevron-down': '˅',
  more: '⋯', 'more-vertical': '⋮', search: '⌕', link: '⛓', lock: '⚿', unlock: '⚿', person: '☺', people: '☺',
  'people-group': '☺', copy: '⧉', download: '⤓', upload: '⤒', trash: '⌫', email: '✉', calendar: '▦', filter: '⧩',
};

export function iconElement(glyph: string, label: string, size = 'medium'): HTMLElement {
  return h('span', { class: `fp-icon fp-icon-${size}`, role: 'img', 'aria-label': label, title: glyph, 'data-glyph': glyph }, [
    SYMBOLS[glyph] ?? (glyph.charAt(0).toUpperCase() || '?'),
  ]);
}
