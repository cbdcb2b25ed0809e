// A tiny element builder and an in-place DOM patcher.
//
// Pages describe their whole view on every render (like a React component),
// and `morph` patches the live DOM to match. Patching instead of replacing
// keeps element identity, focus and caret, so a Playwright locator resolved
// before a re-render still points at the same element afterwards, as it does
// against the real React client.

const HANDLERS = Symbol('handlers');
const LIVE = Symbol('live');
const KEY = Symbol('key');

/** Inline style object → CSS text; camelCase keys become kebab-case. */
function styleText(style) {
  return Object.entries(style)
    .map(([key, value]) => `${key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}: ${value}`)
    .join('; ');
}

function appendChildren(el, children) {
  for (const child of children) {
    if (child === null || child === undefined || child === false || child === true) continue;
    if (Array.isArray(child)) appendChildren(el, child);
    else if (child instanceof Node) el.appendChild(child);
    else el.appendChild(document.createTextNode(String(child)));
  }
}

/**
 * Builds an element. Props starting with `on` are event handlers (onClick →
 * onclick); `value` is set as the live property (controlled inputs); `style`
 * may be an object; false/null/undefined props are left out, true ones are
 * written as boolean attributes; `key` is never written: an element whose key
 * differs from the live one replaces it instead of being patched into it
 * (a new component instance gets fresh DOM, as in React).
 */
export function h(tag, props, ...children) {
  const el = document.createElement(tag);
  const handlers = {};
  const live = {};
  for (const [key, value] of Object.entries(props ?? {})) {
    if (value === undefined || value === null || value === false) continue;
    if (key === 'key') el[KEY] = value;
    else if (key.startsWith('on')) handlers[key.toLowerCase()] = value;
    else if (key === 'value') live.value = String(value);
    else if (key === 'style' && typeof value === 'object') el.setAttribute('style', styleText(value));
    else if (value === true) el.setAttribute(key, '');
    else el.setAttribute(key, String(value));
  }
  for (const [name, fn] of Object.entries(handlers)) el[name] = fn;
  el[HANDLERS] = handlers;
  el[LIVE] = live;
  appendChildren(el, children);
  // After the children, so a <select> already has the option being chosen.
  if ('value' in live) el.value = live.value;
  return el;
}

function sameKind(a, b) {
  if (a.nodeType !== b.nodeType || a.nodeName !== b.nodeName || a[KEY] !== b[KEY]) return false;
  // An <input> changing type is a different control; replace it.
  return a.nodeType !== Node.ELEMENT_NODE || a.getAttribute('type') === b.getAttribute('type');
}

/** Patches `oldNode` (live) to look like `newNode` (freshly built). */
export function morph(oldNode, newNode) {
  if (!sameKind(oldNode, newNode)) {
    oldNode.replaceWith(newNode);
    return;
  }
  if (oldNode.nodeType === Node.TEXT_NODE) {
    if (oldNode.nodeValue !== newNode.nodeValue) oldNode.nodeValue = newNode.nodeValue;
    return;
  }
  for (const attr of [...oldNode.attributes]) {
    if (!newNode.hasAttribute(attr.name)) oldNode.removeAttribute(attr.name);
  }
  for (const attr of [...newNode.attributes]) {
    if (oldNode.getAttribute(attr.name) !== attr.value) oldNode.setAttribute(attr.name, attr.value);
  }
  const oldHandlers = oldNode[HANDLERS] ?? {};
  const newHandlers = newNode[HANDLERS] ?? {};
  for (const name of Object.keys(oldHandlers)) {
    if (!(name in newHandlers)) oldNode[name] = null;
  }
  for (const [name, fn] of Object.entries(newHandlers)) oldNode[name] = fn;
  oldNode[HANDLERS] = newHandlers;

  const oldKids = [...oldNode.childNodes];
  const newKids = [...newNode.childNodes];
  newKids.forEach((kid, i) => {
    const old = oldKids[i];
    if (old) morph(old, kid);
    else oldNode.appendChild(kid);
  });
  for (const extra of oldKids.slice(newKids.length)) extra.remove();

  const live = newNode[LIVE] ?? {};
  if ('value' in live && oldNode.value !== live.value) oldNode.value = live.value;
  oldNode[LIVE] = live;
}

let nextInstanceKey = 1;

/** A key unique to one component instance, for its root element. */
export function instanceKey() {
  nextInstanceKey += 1;
  return `instance-${nextInstanceKey}`;
}
