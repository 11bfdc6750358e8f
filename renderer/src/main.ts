import { mount } from 'svelte';
import App from './app/App.svelte';
import './app/app.css';
import { i18n } from './i18n/i18n.svelte';
import { notifyError } from './ui/notify.svelte';

document.documentElement.lang = i18n.locale;

// Anything that escapes a handler becomes a translated toast, never a stack trace on screen.
window.addEventListener('error', (ev) => notifyError(ev.error ?? ev.message));
window.addEventListener('unhandledrejection', (ev) => notifyError(ev.reason));

mount(App, { target: document.getElementById('app')! });
