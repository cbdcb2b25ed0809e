// The auth page at "/" (and on any guarded path while logged out): h1
// "Javumbo", tab buttons "Entrar" / "Registrar" (same names as the submit
// buttons), and the active form. Switching tabs starts the form afresh.
import { h } from '../dom.js';
import { Component } from '../component.js';
import { t } from '../i18n.js';
import { LoginForm } from '../components/login-form.js';
import { RegisterForm } from '../components/register-form.js';

export class AuthPage extends Component {
  constructor(app) {
    super(app);
    this.state = { activeTab: 'login' };
    this.form = new LoginForm(app);
  }

  showTab(tab) {
    if (tab === this.state.activeTab) return;
    this.form.unmount();
    this.form = tab === 'login'
      ? new LoginForm(this.app)
      : new RegisterForm(this.app, () => this.showTab('login'));
    this.setState({ activeTab: tab });
  }

  unmount() {
    this.form.unmount();
    super.unmount();
  }

  view() {
    const { activeTab } = this.state;
    const tabClass = (tab) => (activeTab === tab ? 'auth-tab active' : 'auth-tab');
    return h('div', { class: 'auth-page' },
      h('h1', { class: 'auth-title' }, t('app.title')),
      h('div', null,
        h('button', { class: tabClass('login'), onClick: () => this.showTab('login') }, t('auth.login')),
        h('button', { class: tabClass('register'), onClick: () => this.showTab('register') }, t('auth.register')),
      ),
      h('div', { class: 'auth-form-container' }, this.form.view()),
    );
  }
}
