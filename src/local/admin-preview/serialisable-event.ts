// UI Kit hands event handlers a serialised event, not a DOM or React event: this is its documented shape
// (@atlaskit/forge-react-types, types.codegen.ts `SerialisableEvent`). The host builds exactly this, so code
// that reads anything else (event.currentTarget, event.nativeEvent, preventDefault…) fails here as in Atlassian.

export interface SerialisableTarget {
  selectionStart?: number | null;
  selectionEnd?: number | null;
  value?: unknown;
  checked?: boolean;
  name?: string;
  id?: string;
  tagName?: string;
  type?: string;
}

export interface SerialisableEvent {
  bubbles: boolean;
  cancelable: boolean;
  defaultPrevented: boolean;
  eventPhase: number;
  isTrusted: boolean;
  target: SerialisableTarget;
  timeStamp: number;
  type: string;
}

export type SerialisableEventType = 'change' | 'blur' | 'focus' | 'click' | 'keydown';

const BUBBLES: Record<SerialisableEventType, boolean> = { change: true, blur: false, focus: false, click: true, keydown: true };

/** React names the input event 'change' (onChange fires on every keystroke), so the serialised type is 'change'. */
export function serialisableEvent(type: SerialisableEventType, target: SerialisableTarget, timeStamp = 0): SerialisableEvent {
  const cleanTarget: SerialisableTarget = {};
  for (const [name, value] of Object.entries(target)) {
    if (value !== undefined) (cleanTarget as Record<string, unknown>)[name] = value;
  }
  return {
    bubbles: BUBBLES[type],
    cancelable: type === 'click' || type === 'keydown',
    defaultPrevented: false,
    eventPhase: 2,
    isTrusted: true,
    target: cleanTarget,
    timeStamp,
    type,
  };
}
