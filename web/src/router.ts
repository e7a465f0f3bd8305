import { createRouter, createWebHistory, type RouteRecordRaw, type Router, type RouterHistory } from 'vue-router';
import { ensureSession, session } from './session/session';

export const kQueues = ['mine', 'unassigned', 'open', 'due'] as const;
export type QueueName = (typeof kQueues)[number];

export const routes: RouteRecordRaw[] = [
  {
    path: '/',
    component: () => import('./components/StaffLayout.vue'),
    meta: { staff: true },
    children: [
      { path: '', redirect: '/queue/mine' },
      { path: 'queue', redirect: '/queue/mine' },
      {
        path: 'queue/:queue(mine|unassigned|open|due)',
        name: 'queue',
        component: () => import('./views/QueueView.vue'),
        meta: { title: 'queue.title' },
      },
      { path: 'complaints/new', name: 'intake', component: () => import('./views/IntakeView.vue'), meta: { title: 'intake.title' } },
      { path: 'complaints/:id(\\d+)', name: 'complaint', component: () => import('./views/ComplaintView.vue') },
    ],
  },
  {
    path: '/',
    component: () => import('./components/PublicLayout.vue'),
    children: [
      { path: 'signin', name: 'signin', component: () => import('./views/SignInView.vue'), meta: { title: 'signin.title' } },
      { path: 'complain', name: 'complain', component: () => import('./views/PublicComplainView.vue'),
        meta: { title: 'public.fileComplaint' } },
      { path: 'track', name: 'track', component: () => import('./views/TrackView.vue'), meta: { title: 'public.trackTitle' } },
      { path: ':pathMatch(.*)*', name: 'not-found', component: () => import('./views/NotFoundView.vue'),
        meta: { title: 'notFound.title' } },
    ],
  },
];

export function makeRouter(history: RouterHistory = createWebHistory('/')): Router {
  const router = createRouter({ history, routes });
  router.beforeEach(async (to) => {
    if (to.matched.some((r) => r.meta.staff)) {
      const signedIn = await ensureSession().catch(() => false);
      if (!signedIn) return { name: 'signin', query: { next: to.fullPath } };
    }
    if (to.name === 'signin' && session.checked && session.user) {
      const next = typeof to.query.next === 'string' && to.query.next.startsWith('/') ? to.query.next : '/queue/mine';
      return next;
    }
    return true;
  });
  return router;
}
