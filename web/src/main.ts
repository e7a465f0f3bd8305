import { createApp } from 'vue';
import App from './App.vue';
import { onUnauthorized } from './api/client';
import { applyDocumentLocale, i18n, type Locale } from './i18n';
import { makeRouter } from './router';
import { clearSession } from './session/session';
import { installShortcuts } from './composables/shortcuts';
import './styles/main.css';

const router = makeRouter();

// Any 401 on a signed-in call: the session ended (expired, revoked, signed out elsewhere).
onUnauthorized(() => {
  clearSession();
  const current = router.currentRoute.value;
  if (current.name !== 'signin') {
    void router.push({ name: 'signin', query: { next: current.fullPath, expired: '1' } });
  }
});

applyDocumentLocale(i18n.global.locale.value as Locale);
installShortcuts();
createApp(App).use(i18n).use(router).mount('#app');
