// Base for pages and widgets: state plus a view() the app renders.
import { instanceKey } from './dom.js';

export class Component {
  /** @param app the object from app.js: { user, navigate, logout, render, loginSucceeded } */
  constructor(app) {
    this.app = app;
    this.alive = true;
    this.state = {};
    this.cleanups = [];
    /** Put on a view's root element when instances must not share DOM. */
    this.key = instanceKey();
  }

  /** Merges state and schedules a render; a no-op once unmounted, like React. */
  setState(patch) {
    if (!this.alive) return;
    Object.assign(this.state, typeof patch === 'function' ? patch(this.state) : patch);
    this.app.render();
  }

  /** Adds a document listener removed on unmount. */
  listen(type, handler) {
    document.addEventListener(type, handler);
    this.cleanups.push(() => document.removeEventListener(type, handler));
  }

  unmount() {
    this.alive = false;
    for (const cleanup of this.cleanups) cleanup();
    this.cleanups = [];
  }
}
