// The language button under the login form ("Português ▼"). Its buttons have
// no type attribute and sit inside the login <form>, so, exactly as in the
// real client, clicking them also submits that form.
import { h } from '../dom.js';
import { Component } from '../component.js';
import { LANGUAGES, currentLanguage, currentLanguageName, changeLanguage } from '../i18n.js';

export class AuthLanguageSelector extends Component {
  constructor(app) {
    super(app);
    this.state = { isOpen: false };
    this.listen('mousedown', (event) => {
      if (this.state.isOpen && !event.target.closest?.('[data-auth-language]')) this.setState({ isOpen: false });
    });
  }

  view() {
    const { isOpen } = this.state;
    return h('div', { class: 'auth-language', 'data-auth-language': '' },
      // display:flex on this button makes the caret a separate flex item, so
      // the accessible name is "Português ▼" with a space, as in the real client.
      h('button', { class: 'auth-language-button', onClick: () => this.setState({ isOpen: !isOpen }) },
        currentLanguageName(),
        h('span', { class: 'auth-language-caret' }, '▼'),
      ),
      isOpen && h('div', { class: 'auth-language-menu' },
        LANGUAGES.map(({ code, name }) => h('button', {
          class: currentLanguage() === code ? 'auth-language-item active' : 'auth-language-item',
          onClick: () => {
            changeLanguage(code);
            this.setState({ isOpen: false });
          },
        }, name)),
      ),
    );
  }
}
