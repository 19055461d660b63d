// Brings the live DOM in line with a freshly rendered copy while keeping every element that still stands for
// the same thing (same tag, same data-fk). Kept elements keep focus, caret, scroll position, and the value a
// user typed into an uncontrolled field; and a click whose mousedown and mouseup straddle a re-render
// (a blur re-validating a form) still lands on the same button.

const KEY = 'data-fk';

function keyOf(node: Node): string | null {
  return node instanceof Element ? node.getAttribute(KEY) : null;
}

function sameKind(live: Node, fresh: Node): boolean {
  if (live.nodeType !== fresh.nodeType) return false;
  if (!(live instanceof Element) || !(fresh instanceof Element)) return true;
  if (live.tagName !== fresh.tagName || keyOf(live) !== keyOf(fresh)) return false;
  return !(live instanceof HTMLInputElement) || live.type === (fresh as HTMLInputElement).type;
}

export function morphChildren(live: Node, fresh: Node): void {
  const liveByKey = new Map<string, Node>();
  for (const child of Array.from(live.childNodes)) {
    const key = keyOf(child);
    if (key) liveByKey.set(key, child);
  }
  let index = 0;
  for (const freshChild of Array.from(fresh.childNodes)) {
    let liveChild: Node | undefined = live.childNodes[index];
    const key = keyOf(freshChild);
    if (key && (!liveChild || keyOf(liveChild) !== key)) {
      const moved = liveByKey.get(key);
      if (moved && moved.parentNode === live) {
        live.insertBefore(moved, liveChild ?? null);
        liveChild = moved;
      }
    }
    if (liveChild && sameKind(liveChild, freshChild)) morphNode(liveChild, freshChild);
    else live.insertBefore(freshChild, liveChild ?? null);
    index++;
  }
  while (live.childNodes.length > index) live.removeChild(live.lastChild as Node);
}

function morphNode(live: Node, fresh: Node): void {
  if (!(live instanceof Element) || !(fresh instanceof Element)) {
    if (live.nodeValue !== fresh.nodeValue) live.nodeValue = fresh.nodeValue;
    return;
  }
  syncAttributes(live, fresh);
  if (live instanceof HTMLTextAreaElement) {
    syncTextArea(live, fresh as HTMLTextAreaElement);
    return;
  }
  morphChildren(live, fresh);
  if (live instanceof HTMLSelectElement) syncSelect(live, fresh as HTMLSelectElement);
  if (live instanceof HTMLInputElement) syncInput(live, fresh as HTMLInputElement);
}

function syncAttributes(live: Element, fresh: Element): void {
  for (const { name } of Array.from(live.attributes)) {
    if (!fresh.hasAttribute(name)) live.removeAttribute(name);
  }
  for (const { name, value } of Array.from(fresh.attributes)) {
    if (live.getAttribute(name) !== value) live.setAttribute(name, value);
  }
}

function isControlled(element: Element): boolean {
  return element.hasAttribute('data-controlled');
}

// The value/checked attributes only set defaults once a user has edited a field; a controlled field's
// current value must follow the prop, so it is written as a property (only when it differs: writing an
// equal value would still move the caret to the end).
function syncInput(live: HTMLInputElement, fresh: HTMLInputElement): void {
  live.indeterminate = fresh.hasAttribute('data-indeterminate');
  if (!isControlled(fresh)) return;
  if (live.type === 'checkbox' || live.type === 'radio') {
    const checked = fresh.hasAttribute('checked');
    if (live.checked !== checked) live.checked = checked;
  } else {
    const value = fresh.getAttribute('value') ?? '';
    if (live.value !== value) live.value = value;
  }
}

function syncTextArea(live: HTMLTextAreaElement, fresh: HTMLTextAreaElement): void {
  const text = fresh.textContent ?? '';
  if (live.defaultValue !== text) live.defaultValue = text;
  if (isControlled(fresh) && live.value !== text) live.value = text;
}

// The Select component renders the selection it knows (the value prop, or the last choice the host saw), so
// the fresh copy is always right.
function syncSelect(live: HTMLSelectElement, fresh: HTMLSelectElement): void {
  const wanted = new Set(
    Array.from(fresh.options)
      .filter((option) => option.hasAttribute('selected'))
      .map((option) => option.value),
  );
  for (const option of Array.from(live.options)) {
    const selected = wanted.has(option.value);
    if (option.selected !== selected) option.selected = selected;
  }
}
