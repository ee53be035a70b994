import './styles/base.css';
import { createPinia } from 'pinia';
import { createApp } from 'vue';
import App from './app/App.vue';
import { i18n } from './app/i18n.ts';
import { router } from './app/router.ts';
import { applyTheme } from './app/theme.ts';

applyTheme();
document.documentElement.lang = i18n.global.locale.value;
createApp(App).use(createPinia()).use(i18n).use(router).mount('#app');
