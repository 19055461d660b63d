import { h } from './dom';

// The preview's own messages (render failures, handler errors, bridge calls it cannot answer), shown above
// the page so that a gap between the preview and Atlassian is noticed. Each distinct message shows once.

export interface Notices {
  show(kind: 'error' | 'warning', message: string): void;
}

export function createNotices(container: HTMLElement): Notices {
  const shown = new Set<string>();
  return {
    show(kind, message) {
      if (shown.has(message)) return;
      shown.add(message);
      container.append(h('div', { class: `fp-notice fp-notice-${kind}`, role: kind === 'error' ? 'alert' : 'status' }, [message]));
    },
  };
}

export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
