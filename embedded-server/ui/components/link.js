import { h } from '../dom.js';

/**
 * An <a href> that navigates client-side on a plain left click, like
 * react-router's <Link>; modified clicks keep the browser's behaviour.
 */
export function link(app, to, className, text) {
  const onClick = (event) => {
    if (event.button !== 0 || event.metaKey || event.altKey || event.ctrlKey || event.shiftKey) return;
    event.preventDefault();
    app.navigate(to);
  };
  return h('a', { class: className, href: to, onClick }, text);
}
