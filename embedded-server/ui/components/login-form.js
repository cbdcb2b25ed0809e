// Login form: "Usuário:", "Senha:", submit "Entrar" (→ "Entrando..."); shows
// the server's error text, or the generic failure text when there is none.
import { h } from '../dom.js';
import { Component } from '../component.js';
import { api, serverError } from '../api.js';
import { t } from '../i18n.js';
import { AuthLanguageSelector } from './auth-language-selector.js';

export class LoginForm extends Component {
  constructor(app) {
    super(app);
    this.state = { username: '', password: '', error: '', loading: false };
    this.languageSelector = new AuthLanguageSelector(app);
  }

  unmount() {
    this.languageSelector.unmount();
    super.unmount();
  }

  async submit(event) {
    event.preventDefault();
    const { username, password } = this.state;
    this.setState({ error: '', loading: true });
    if (!username || !password) {
      this.setState({ error: t('auth.errors.required'), loading: false });
      return;
    }
    try {
      const response = await api.post('/login', { username, password });
      // The form unmounts on the way to /decks; "Entrando..." stays until then.
      this.app.loginSucceeded(response.data.user);
    } catch (err) {
      this.setState({ error: serverError(err) ?? t('auth.errors.loginFailed'), loading: false });
    }
  }

  view() {
    const { username, password, error, loading } = this.state;
    return h('form', { key: this.key, onSubmit: (event) => void this.submit(event) },
      h('h2', null, t('auth.login')),
      error && h('p', { class: 'form-error' }, error),
      h('label', { for: 'login-username' }, t('auth.username')),
      h('input', {
        type: 'text', id: 'login-username', class: 'auth-input', value: username, required: true,
        placeholder: t('auth.usernamePlaceholder'), title: t('auth.errors.required'),
        onInput: (event) => { this.state.username = event.target.value; },
      }),
      h('label', { for: 'login-password' }, t('auth.password')),
      h('input', {
        type: 'password', id: 'login-password', class: 'auth-input', value: password, required: true,
        placeholder: t('auth.passwordPlaceholder'), title: t('auth.errors.required'),
        onInput: (event) => { this.state.password = event.target.value; },
      }),
      h('div', { class: 'login-actions' },
        h('button', { type: 'submit', class: 'login-submit', disabled: loading },
          loading ? t('auth.loggingIn') : t('auth.loginButton')),
        this.languageSelector.view(),
      ),
    );
  }
}
