// Registration form. The client checks, in this order: every field filled,
// username ≤ 10, name ≤ 40, password 10–20, passwords equal, email shape; then
// POST /register with email and group_code too (the server ignores them).
// Success is a browser alert and the login tab comes back.
import { h } from '../dom.js';
import { Component } from '../component.js';
import { api, serverError } from '../api.js';
import { t } from '../i18n.js';

const EMAIL_SHAPE = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const GROUPS = [['30', 'group30'], ['40', 'group40'], ['50', 'group50'], ['255', 'group255']];

export class RegisterForm extends Component {
  /** @param onRegisterSuccess called after the success alert is dismissed */
  constructor(app, onRegisterSuccess) {
    super(app);
    this.onRegisterSuccess = onRegisterSuccess;
    this.state = {
      username: '', name: '', email: '', groupCode: '', password: '', confirmPassword: '',
      error: '', loading: false,
    };
  }

  /** The first rule the form breaks, as the text shown, or '' when it is fine. */
  validationError() {
    const f = this.state;
    if (!f.username || !f.name || !f.password || !f.confirmPassword || !f.email || !f.groupCode) {
      return t('auth.errors.required');
    }
    if (f.username.length > 10) return t('auth.errors.usernameLength', { max: 10 });
    if (f.name.length > 40) return t('auth.errors.nameLength', { max: 40 });
    if (f.password.length < 10 || f.password.length > 20) {
      return t('auth.errors.passwordLength', { min: 10, max: 20 });
    }
    if (f.password !== f.confirmPassword) return t('auth.errors.passwordMatch');
    // The real client names a translation key that exists in no language,
    // so it shows the key itself.
    if (!EMAIL_SHAPE.test(f.email)) return t('auth.errors.invalidEmail');
    return '';
  }

  async submit(event) {
    event.preventDefault();
    this.setState({ error: '' });
    const invalid = this.validationError();
    if (invalid) {
      this.setState({ error: invalid });
      return;
    }
    const f = this.state;
    this.setState({ loading: true });
    try {
      await api.post('/register', {
        username: f.username,
        name: f.name,
        email: f.email,
        group_code: f.groupCode,
        password: f.password,
      });
      window.alert(t('auth.successRegister'));
      this.onRegisterSuccess();
    } catch (err) {
      this.setState({ error: serverError(err) ?? t('auth.errors.registerFailed') });
    } finally {
      this.setState({ loading: false });
    }
  }

  field(id, name, type, label, placeholder, extra = {}) {
    return [
      h('label', { for: id }, label),
      h('input', {
        type, id, name, class: 'auth-input', value: this.state[name], required: true,
        placeholder, title: t('auth.errors.required'), ...extra,
        onInput: (event) => { this.state[name] = event.target.value; },
      }),
    ];
  }

  view() {
    const { error, loading, groupCode } = this.state;
    return h('form', { key: this.key, onSubmit: (event) => void this.submit(event) },
      h('h2', null, t('auth.register')),
      error && h('p', { class: 'form-error' }, error),
      this.field('reg-username', 'username', 'text', t('auth.usernameWithLimit', { max: 10 }),
        t('auth.usernamePlaceholder'), { maxlength: '10' }),
      this.field('reg-name', 'name', 'text', t('auth.nameWithLimit', { max: 40 }),
        t('auth.namePlaceholder'), { maxlength: '40' }),
      this.field('reg-email', 'email', 'email', t('auth.email'), t('auth.emailPlaceholder')),
      h('label', { for: 'reg-group' }, t('auth.groupCode')),
      h('select', {
        id: 'reg-group', name: 'groupCode', class: 'auth-input auth-select', value: groupCode, required: true,
        onChange: (event) => { this.state.groupCode = event.target.value; },
      },
        h('option', { value: '' }, t('auth.groupCodePlaceholder')),
        GROUPS.map(([value, key]) => h('option', { value }, t(`auth.groups.${key}`))),
      ),
      this.field('reg-password', 'password', 'password', t('auth.passwordWithLimit', { min: 10, max: 20 }),
        t('auth.passwordPlaceholder'), { minlength: '10', maxlength: '20' }),
      h('label', { for: 'reg-confirm-password' }, t('auth.confirmPassword')),
      h('input', {
        type: 'password', id: 'reg-confirm-password', name: 'confirmPassword', class: 'auth-input',
        value: this.state.confirmPassword, required: true,
        placeholder: t('auth.confirmPasswordPlaceholder'), title: t('auth.errors.required'),
        onInput: (event) => { this.state.confirmPassword = event.target.value; },
      }),
      h('button', { type: 'submit', class: 'register-submit', disabled: loading },
        loading ? t('auth.registering') : t('auth.registerButton')),
    );
  }
}
