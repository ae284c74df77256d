import { createApp } from 'vue'
import App from './App.vue'
import { currentLocale, i18n, setLocale } from './i18n'
import './style.css'

setLocale(currentLocale())
createApp(App).use(i18n).mount('#app')
