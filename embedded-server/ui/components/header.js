// The navbar every logged-in page shows: brand and page links, the welcome
// text, the language dropdown (button named after the current language,
// items English / Português / Español) and the logout button. Below 992 px
// the links collapse behind the "Alternar navegação" toggler, as Bootstrap's
// navbar-expand-lg does in the real client.
import { h } from '../dom.js';
import { Component } from '../component.js';
import { t, LANGUAGES, currentLanguage, currentLanguageName, changeLanguage } from '../i18n.js';
import { link } from './link.js';

export class Header extends Component {
  constructor(app) {
    super(app);
    this.state = { menuOpen: false, navOpen: false };
    // Bootstrap closes an open dropdown on any click outside its toggle
    // (a click on an item closes it too).
    this.listen('click', (event) => {
      if (this.state.menuOpen && !event.target.closest?.('#languageDropdown')) this.setState({ menuOpen: false });
    });
    this.listen('keydown', (event) => {
      if (event.key === 'Escape' && this.state.menuOpen) this.setState({ menuOpen: false });
    });
  }

  view() {
    const { user } = this.app;
    const { menuOpen, navOpen } = this.state;
    return h('nav', { class: 'navbar navbar-expand-lg navbar-dark bg-primary mb-4' },
      h('div', { class: 'container' },
        link(this.app, '/decks', 'navbar-brand', t('app.title')),
        h('button', {
          class: navOpen ? 'navbar-toggler' : 'navbar-toggler collapsed',
          type: 'button',
          'data-bs-toggle': 'collapse',
          'data-bs-target': '#navbarContent',
          'aria-controls': 'navbarContent',
          'aria-expanded': String(navOpen),
          'aria-label': t('common.toggleNav'),
          onClick: () => this.setState({ navOpen: !navOpen }),
        }, h('span', { class: 'navbar-toggler-icon' })),
        h('div', { class: navOpen ? 'collapse navbar-collapse show' : 'collapse navbar-collapse', id: 'navbarContent' },
          h('ul', { class: 'navbar-nav me-auto mb-2 mb-lg-0' },
            h('li', { class: 'nav-item' }, link(this.app, '/decks', 'nav-link', t('decks.title'))),
            h('li', { class: 'nav-item' }, link(this.app, '/add', 'nav-link', t('cards.add'))),
          ),
          h('div', { class: 'd-flex align-items-center' },
            user && [
              h('span', { class: 'text-light me-3' }, t('common.welcome', { name: user.name || user.username })),
              this.languageDropdown(menuOpen),
              h('button', {
                class: 'btn btn-outline-light ms-3',
                onClick: (event) => {
                  event.preventDefault();
                  void this.app.logout();
                },
              }, t('decks.logout')),
            ],
          ),
        ),
      ),
    );
  }

  languageDropdown(open) {
    return h('div', { class: 'dropdown' },
      h('button', {
        class: open ? 'btn btn-outline-light dropdown-toggle show' : 'btn btn-outline-light dropdown-toggle',
        type: 'button',
        id: 'languageDropdown',
        'data-bs-toggle': 'dropdown',
        'aria-expanded': String(open),
        onClick: () => this.setState({ menuOpen: !open }),
      }, currentLanguageName()),
      h('ul', { class: open ? 'dropdown-menu dropdown-menu-end show' : 'dropdown-menu dropdown-menu-end', 'aria-labelledby': 'languageDropdown' },
        LANGUAGES.map(({ code, name }) => h('li', null,
          h('button', {
            class: currentLanguage() === code ? 'dropdown-item active' : 'dropdown-item',
            onClick: () => changeLanguage(code),
          }, name),
        )),
      ),
    );
  }
}
