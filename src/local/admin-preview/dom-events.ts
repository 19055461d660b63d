import { serialisableEvent, type SerialisableEvent, type SerialisableEventType, type SerialisableTarget } from './serialisable-event';

/** What UI Kit passes to a handler for a DOM event on this element. */
export function eventFrom(type: SerialisableEventType, element: Element, event: Event): SerialisableEvent {
  return serialisableEvent(type, targetOf(element), event.timeStamp);
}

export function targetOf(element: Element): SerialisableTarget {
  const target: SerialisableTarget = { tagName: element.tagName, id: element.id || undefined };
  if (element instanceof HTMLInputElement || element instanceof HTMLTextAreaElement) {
    target.value = element.value;
    target.name = element.name || undefined;
    target.type = element.type;
    if (element instanceof HTMLInputElement && (element.type === 'checkbox' || element.type === 'radio')) {
      target.checked = element.checked;
    } else {
      target.selectionStart = element.selectionStart;
      target.selectionEnd = element.selectionEnd;
    }
  } else if (element instanceof HTMLButtonElement) {
    target.type = element.type;
    target.name = element.name || undefined;
  }
  return target;
}
