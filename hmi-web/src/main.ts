import { createApp } from 'vue'
import App from './App.vue'
import { currentLocale, i18n, setLocale } from './i18n'
import { router } from './router'
import { restoreSession } from './session'
import './style.css'

restoreSession()
setLocale(currentLocale())
createApp(App).use(i18n).use(router).mount('#app')
