import { mount } from 'svelte';
import App from './app/App.svelte';
import './app/app.css';
import { i18n } from './i18n/i18n.svelte';
import { t } from './i18n/i18n.svelte';
import { notify, notifyError } from './ui/notify.svelte';

document.documentElement.lang = i18n.locale;

// Anything that escapes a handler becomes a translated toast, never a stack trace on screen.
window.addEventListener('error', (ev) => notifyError(ev.error ?? ev.message));
window.addEventListener('unhandledrejection', (ev) => notifyError(ev.reason));

mount(App, { target: document.getElementById('app')! });

// The desktop shell reloads a crashed window with ?recovered=<reason> (electron/hardening.ts): say
// so until the user dismisses it, and drop the parameter so a later reload does not repeat it.
const recovered = new URLSearchParams(location.search).get('recovered');
if (recovered) {
  history.replaceState(history.state, '', location.pathname + location.hash);
  notify(t('common.recovered', { reason: recovered }), 'info', 0);
}
