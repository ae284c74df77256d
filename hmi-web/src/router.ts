// Routes of the HMI. The server answers every one of these paths with index.html, so a deep link
// or a reload lands on the same display.

import { createRouter, createWebHistory, type RouteLocationNormalized } from 'vue-router'
import { maySeeEmergency } from './model/roles'
import { session } from './session'

export const router = createRouter({
  history: createWebHistory('/'),
  routes: [
    { path: '/', redirect: '/overview' },
    { path: '/login', name: 'login', component: () => import('./views/LoginView.vue'), meta: { public: true, bare: true } },
    { path: '/wall', name: 'wall', component: () => import('./views/WallView.vue'), meta: { bare: true } },
    { path: '/overview', name: 'overview', component: () => import('./views/OverviewView.vue') },
    { path: '/regions/:id', name: 'region', component: () => import('./views/RegionView.vue'), props: true },
    { path: '/stations/:id', name: 'station', component: () => import('./views/StationView.vue'), props: true },
    { path: '/radiation', name: 'radiation', component: () => import('./views/RadiationView.vue') },
    { path: '/alarms', name: 'alarms', component: () => import('./views/AlarmsView.vue') },
    { path: '/trends', name: 'trends', component: () => import('./views/TrendsView.vue') },
    { path: '/commands', name: 'commands', component: () => import('./views/CommandsView.vue') },
    { path: '/reports', name: 'reports', component: () => import('./views/ReportsView.vue') },
    { path: '/validation', name: 'validation', component: () => import('./views/ValidationView.vue') },
    { path: '/emergency', name: 'emergency', component: () => import('./views/EmergencyView.vue'), meta: { emergency: true } },
    { path: '/:rest(.*)*', redirect: '/overview' },
  ],
})

/** Where the login page sends the user back to. */
export function loginTarget(to: RouteLocationNormalized): { path: string; query: Record<string, string> } {
  return { path: '/login', query: to.fullPath === '/' || to.path === '/login' ? {} : { redirect: to.fullPath } }
}

router.beforeEach((to) => {
  if (to.meta.public) return true
  if (!session.current) return loginTarget(to)
  // A session from the page URL learns its roles after start: the display is let in, and the
  // server answers only what the token may read.
  if (to.meta.emergency && !session.current.fromUrl && !maySeeEmergency(session.current.roles, false)) return '/overview'
  return true
})
