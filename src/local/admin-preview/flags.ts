import type { FlagOptions } from './bridge-host';
import { h } from './dom';
import { iconElement } from './icon-glyphs';

// showFlag/closeFlag from @forge/bridge: flags stack at the bottom left, as in Atlassian products.

const AUTO_DISMISS_MS = 8000;
const ICON: Record<FlagOptions['type'], string> = { info: 'info', success: 'check-circle', warning: 'warning', error: 'error' };

export interface Flags {
  show(flag: FlagOptions): void;
  close(id: string | number): void;
}

export function createFlags(container: HTMLElement): Flags {
  const byId = new Map<string, HTMLElement>();
  const close = (id: string | number) => {
    byId.get(String(id))?.remove();
    byId.delete(String(id));
  };
  return {
    close,
    show(flag) {
      close(flag.id);
      const type = ICON[flag.type] ? flag.type : 'info';
      const actions = (flag.actions ?? []).map((action) => {
        const button = h('button', { type: 'button', class: 'fp-link-button' }, [action.text]);
        button.addEventListener('click', () => action.onClick());
        return button;
      });
      const dismiss = h('button', { type: 'button', class: 'fp-flag-close', 'aria-label': 'Dismiss' }, ['✕']);
      dismiss.addEventListener('click', () => close(flag.id));
      const element = h('div', { class: `fp-flag fp-flag-${type}`, role: 'alert' }, [
        iconElement(ICON[type], type),
        h('div', { class: 'fp-flag-content' }, [
          flag.title ? h('strong', { class: 'fp-flag-title' }, [flag.title]) : null,
          flag.description ? h('div', {}, [flag.description]) : null,
          actions.length ? h('div', { class: 'fp-flag-actions' }, actions) : null,
        ]),
        dismiss,
      ]);
      byId.set(String(flag.id), element);
      container.prepend(element);
      if (flag.isAutoDismiss) setTimeout(() => byId.get(String(flag.id)) === element && close(flag.id), AUTO_DISMISS_MS);
    },
  };
}
